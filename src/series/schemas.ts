// Job-series shapes (CONTRACT §7): the TypeBox objects REST routes validate with and MCP tools/list publishes,
// and the functions that fill the response shapes (the one place that formats timestamps and money).
// RecordId and the shared line item shapes live in schemas/series-side.ts; re-exported for the MCP tool table.
import { Type, type Static } from 'typebox'
import { DateOnly, Nullable, Timestamp, Uuid } from '../schemas/common.js'
import { AssignmentResponse, LineItemResponse, pageOf, RecordId, toLineItemResponse } from '../schemas/series-side.js'
import { toTimestamp, toTimestampOrNull } from '../time/rfc3339.js'
import { MAX_COUNT, MAX_MONEY } from './validate.js'
import type { Series, SeriesDetail } from './store.js'

export { RecordId }

const Money = Type.Number({ minimum: 0, maximum: MAX_MONEY, description: 'non-negative amount; kept to cents' })
const Title = Type.String({ minLength: 1, maxLength: 200, description: 'at most 200 characters' })
const Description = Type.String({ maxLength: 5000, description: 'at most 5000 characters' })
const Rrule = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'RFC 5545 RRULE value: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR/BYMINUTE/BYSECOND; COUNT 1–366; ' +
    'UNTIL (a date or a UTC date-time) between dtstart and today + 5 years',
  examples: ['FREQ=WEEKLY;BYDAY=MO']
})
const Timezone = Type.String({ minLength: 1, maxLength: 100, description: 'IANA time zone name', examples: ['America/Los_Angeles'] })
const Dtstart = Type.String({ ...DateOnly, description: 'YYYY-MM-DD, the first possible occurrence date (an occurrence only when it matches the rule); immutable' })
const MaxOccurrences = Type.Integer({ minimum: 1, maximum: MAX_COUNT, description: 'cap on occurrences counted from dtstart (1–366)' })
const ExternalId = Type.String({ minLength: 1, maxLength: 200, description: 'your own reference, unique per tenant (extension)' })

export const LineItemInput = Type.Object({
  description: Type.String({ minLength: 1, maxLength: 500 }),
  unit_price: Money,
  quantity: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000_000, description: 'positive; kept to 4 decimals' }),
  catalog_item_id: Type.Optional(Nullable(Uuid)),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'display order; defaults to the index in the array (0-based)' }))
})
/** One named schema for customer_id and its alias customerId: two inline copies make orval emit the same
 * generated type name twice (CreateJobSeriesBodyCustomerId), which does not compile. */
const CustomerIdOrNull = Type.Union([Uuid, Type.Null()], { $id: 'CustomerIdOrNull', description: 'a customer of the tenant, or null; customerId is an alias of customer_id' })
const LineItems = Type.Array(LineItemInput, { maxItems: 100, description: 'template line items copied onto each generated job' })
const AssignedUserIds = Type.Array(Uuid, { maxItems: 100, description: 'team members assigned to each generated job' })

/** The reference document's example, used by the REST body and the MCP request examples alike. */
export const CREATE_SERIES_EXAMPLE = {
  title: 'Weekly lawn maintenance',
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
  timezone: 'America/Los_Angeles',
  dtstart: '2026-07-07',
  customer_id: 'aaaaaaaa-0000-0000-0000-000000000001',
  line_items: [{ description: 'Mow and edge', unit_price: 80.00, quantity: 1 }],
  assigned_user_ids: ['bbbbbbbb-0000-0000-0000-000000000002']
}

export const CreateSeriesBody = Type.Object({
  title: Title,
  rrule: Rrule,
  timezone: Timezone,
  dtstart: Dtstart,
  customer_id: Type.Optional(CustomerIdOrNull),
  customerId: Type.Optional(CustomerIdOrNull),
  description: Type.Optional(Nullable(Description)),
  flat_price: Type.Optional(Nullable(Money)),
  ends_on: Type.Optional(Nullable(DateOnly)),
  max_occurrences: Type.Optional(Nullable(MaxOccurrences)),
  line_items: Type.Optional(LineItems),
  assigned_user_ids: Type.Optional(AssignedUserIds),
  external_id: Type.Optional(Nullable(ExternalId))
}, {
  examples: [CREATE_SERIES_EXAMPLE]
})

export const UpdateSeriesBody = Type.Object({
  title: Type.Optional(Title),
  rrule: Type.Optional(Rrule),
  timezone: Type.Optional(Timezone),
  customer_id: Type.Optional(CustomerIdOrNull),
  customerId: Type.Optional(CustomerIdOrNull),
  description: Type.Optional(Nullable(Description)),
  flat_price: Type.Optional(Nullable(Money)),
  ends_on: Type.Optional(Nullable(DateOnly)),
  max_occurrences: Type.Optional(Nullable(MaxOccurrences)),
  line_items: Type.Optional({ ...LineItems, description: 'replaces the template line items wholesale; omit to keep them' }),
  assigned_user_ids: Type.Optional({ ...AssignedUserIds, description: 'replaces the assignments wholesale; omit to keep them' }),
  external_id: Type.Optional(Nullable(ExternalId)),
  preserve_exceptions: Type.Optional(Type.Boolean({ description: 'extension: keep pending instances edited on their own with jobs.update (and their dates)' })),
  dtstart: Type.Optional(Type.Unknown({ description: 'not allowed: dtstart cannot be changed (invalid_input)' }))
}, {
  examples: [{ title: 'Weekly lawn maintenance and hedges', line_items: [{ description: 'Mow and edge', unit_price: 80, quantity: 1 }, { description: 'Trim hedges', unit_price: 25, quantity: 1 }] }]
})

export const SeriesIdParams = Type.Object({ id: RecordId })

export const ListSeriesQuery = Type.Object({
  customer_id: Type.Optional(Uuid),
  customerId: Type.Optional({ ...Uuid, description: 'alias of customer_id' }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: '1-based page of 20 rows' }))
})

export const PreviewRruleBody = Type.Object({
  rrule: Rrule,
  dtstart: Dtstart,
  timezone: Timezone,
  ends_on: Type.Optional(Nullable(DateOnly)),
  max_occurrences: Type.Optional(Nullable(MaxOccurrences)),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 10, description: 'how many occurrences to list (1–1000)' }))
}, { $id: 'PreviewRruleBody', examples: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', dtstart: '2026-07-07', timezone: 'America/Los_Angeles', count: 3 }] })

const SeriesFields = {
  id: Uuid,
  tenant_id: Uuid,
  title: Type.String(),
  description: Nullable(Type.String()),
  rrule: Type.String(),
  timezone: Type.String(),
  dtstart: DateOnly,
  ends_on: Nullable(DateOnly),
  max_occurrences: Nullable(Type.Integer()),
  flat_price: Nullable(Type.Number()),
  customer_id: Nullable(Uuid),
  external_id: Nullable(Type.String()),
  created_by: Nullable(Uuid),
  ended_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Nullable(Timestamp)
}

export const SeriesResponse = Type.Object(SeriesFields, { $id: 'JobSeries' })

export const SeriesDetailResponse = Type.Object({
  ...SeriesFields,
  job_series_line_items: Type.Array(LineItemResponse),
  job_series_assignments: Type.Array(AssignmentResponse)
}, { $id: 'JobSeriesDetail' })

export const SeriesPageResponse = pageOf(SeriesResponse, 'JobSeriesPage')

export const EndedResponse = Type.Object({ ended: Type.Literal(true), id: Uuid }, { $id: 'JobSeriesEnded' })

export const PreviewRruleResponse = Type.Object({
  occurrences: Type.Array(Type.Object({
    date: DateOnly,
    scheduled_start: Type.String({ description: 'local midnight of the date (first valid instant after a gap), RFC 3339 with the zone\'s offset', examples: ['2026-07-13T00:00:00-07:00'] })
  }))
}, { $id: 'RruleOccurrences', examples: [{ occurrences: [{ date: '2026-07-13', scheduled_start: '2026-07-13T00:00:00-07:00' }, { date: '2026-07-20', scheduled_start: '2026-07-20T00:00:00-07:00' }] }] })

export type CreateSeriesInput = Static<typeof CreateSeriesBody>
export type UpdateSeriesInput = Static<typeof UpdateSeriesBody>
export type ListSeriesInput = Static<typeof ListSeriesQuery>
export type PreviewRruleInput = Static<typeof PreviewRruleBody>
export type LineItemInputValue = Static<typeof LineItemInput>

export function toSeriesResponse (s: Series) {
  return {
    id: s.id,
    tenant_id: s.tenantId,
    title: s.title,
    description: s.description,
    rrule: s.rrule,
    timezone: s.timezone,
    dtstart: s.dtstart,
    ends_on: s.endsOn,
    max_occurrences: s.maxOccurrences,
    flat_price: s.flatPrice,
    customer_id: s.customerId,
    external_id: s.externalId,
    created_by: s.createdBy,
    ended_at: toTimestampOrNull(s.endedAt),
    created_at: toTimestamp(s.createdAt),
    updated_at: toTimestampOrNull(s.updatedAt)
  }
}

export function toSeriesDetailResponse (s: SeriesDetail) {
  return {
    ...toSeriesResponse(s.series),
    job_series_line_items: s.lineItems.map(toLineItemResponse),
    job_series_assignments: s.assignments.map((userId) => ({ user_id: userId }))
  }
}
