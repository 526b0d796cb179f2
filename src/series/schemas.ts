// Job-series shapes (CONTRACT §7): the TypeBox objects REST routes validate with and MCP tools/list publishes,
// and the functions that fill the response shapes (the one place that formats timestamps and money).
// RecordId and the shared line item shapes live in schemas/series-side.ts; re-exported for the MCP tool table.
import { Type, type Static } from 'typebox'
import { DateOnly, Nullable, Timestamp, Uuid } from '../schemas/common.js'
import { AssignmentResponse, LineItemResponse, pageOf, RecordId, toLineItemResponse } from '../schemas/series-side.js'
import { toTimestamp, toTimestampOrNull } from '../time/rfc3339.js'
import { MAX_COUNT } from './validate.js'
import { Money, Quantity } from '../schemas/money.js'
import type { Series, SeriesDetail } from './store.js'

export { RecordId }

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
/** The API's cap on EXDATE and RDATE lists (CONTRACT §14). */
export const MAX_EXCEPTION_DATES = 366
const EXDATES_TEXT = 'RFC 5545 EXDATE: dates (YYYY-MM-DD) that never get an instance, whatever produced them; at most 366'
const RDATES_TEXT = 'RFC 5545 RDATE: extra dates (YYYY-MM-DD, not before dtstart) added to the rule\'s; COUNT counts only the rule\'s own dates, max_occurrences the whole set; at most 366'
const Exdates = Type.Array(DateOnly, { maxItems: MAX_EXCEPTION_DATES, description: EXDATES_TEXT, examples: [['2026-12-28']] })
const Rdates = Type.Array(DateOnly, { maxItems: MAX_EXCEPTION_DATES, description: RDATES_TEXT, examples: [['2026-12-30']] })
const ExternalId = Type.String({ minLength: 1, maxLength: 200, description: 'your own reference, unique per tenant (extension)' })

export const LineItemInput = Type.Object({
  description: Type.String({ minLength: 1, maxLength: 500 }),
  unit_price: Money,
  quantity: Quantity,
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
  external_id: Type.Optional(Nullable(ExternalId)),
  exdates: Type.Optional(Exdates),
  rdates: Type.Optional(Rdates)
}, {
  examples: [CREATE_SERIES_EXAMPLE]
})

/** What update and split can change (everything but dtstart). */
const TemplateChanges = {
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
  exdates: Type.Optional({ ...Exdates, description: `${EXDATES_TEXT}; replaces the list. A date added here loses its pending instance (series_updated)` }),
  rdates: Type.Optional({ ...Rdates, description: `${RDATES_TEXT}; replaces the list` })
}

export const UpdateSeriesBody = Type.Object({
  ...TemplateChanges,
  preserve_exceptions: Type.Optional(Type.Boolean({ description: 'extension: keep pending instances edited on their own with jobs.update (and their dates)' })),
  dry_run: Type.Optional(Type.Boolean({ description: 'extension: write nothing and answer {series, regeneration}, what the update would do' })),
  dtstart: Type.Optional(Type.Unknown({ description: 'not allowed: dtstart cannot be changed (invalid_input)' }))
}, {
  examples: [{ title: 'Weekly lawn maintenance and hedges', line_items: [{ description: 'Mow and edge', unit_price: 80, quantity: 1 }, { description: 'Trim hedges', unit_price: 25, quantity: 1 }] }]
})

export const SplitSeriesBody = Type.Object({
  from_date: { ...DateOnly, description: 'the first date of the new series: after the series\' dtstart and not after its last occurrence' },
  ...TemplateChanges,
  dtstart: Type.Optional(Type.Unknown({ description: 'not allowed: the new series starts at from_date (invalid_input)' }))
}, {
  examples: [{ from_date: '2026-09-07', rrule: 'FREQ=WEEKLY;BYDAY=TU', line_items: [{ description: 'Mow and edge', unit_price: 85, quantity: 1 }] }]
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
  exdates: Type.Optional(Exdates),
  rdates: Type.Optional(Rdates),
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
  exdates: Type.Array(DateOnly),
  rdates: Type.Array(DateOnly),
  split_from_id: Nullable({ ...Uuid, description: 'the series this one continues from (job_series.split), else null' }),
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

const DateList = (description: string) => Type.Array(DateOnly, { description })

/** What an update does to the instances of the window (today through today + GENERATION_HORIZON_DAYS). */
export const Regeneration = Type.Object({
  cancelled: DateList('dates whose pending instance the update cancels (series_updated)'),
  created: DateList('dates that get a new instance'),
  kept: DateList('dates whose instance stays as it is (in progress, done, cancelled by a user, or already started)'),
  preserved: DateList('dates whose pending instance stays because it was edited on its own (preserve_exceptions)')
}, { examples: [{ cancelled: ['2026-07-13', '2026-07-20'], created: ['2026-07-14', '2026-07-21'], kept: ['2026-07-06'], preserved: [] }] })

export const UpdatedSeriesResponse = Type.Object({ ...SeriesFields, regeneration: Regeneration })
export const DryRunResponse = Type.Object({ series: SeriesResponse, regeneration: Regeneration })
export const UpdateAnswer = Type.Union([UpdatedSeriesResponse, DryRunResponse], { description: 'the series record plus regeneration; with dry_run: {series, regeneration}, nothing written' })
/** The same two answers as one object schema (MCP output schemas must be objects). */
export const UpdateToolOutput = Type.Object({
  ...Object.fromEntries(Object.entries(SeriesFields).map(([k, v]) => [k, Type.Optional(v)])),
  series: Type.Optional(SeriesResponse),
  regeneration: Regeneration
})

// The two records are the JobSeries shape written out twice: one response schema may carry a given $id only once.
export const SplitResponse = Type.Object({
  ended: Type.Object(SeriesFields, { description: 'the series as left: ends_on is the day before from_date' }),
  created: Type.Object(SeriesFields, { description: 'the new series, starting at from_date, with split_from_id' })
}, { $id: 'JobSeriesSplit' })

export const PreviewRruleResponse = Type.Object({
  occurrences: Type.Array(Type.Object({
    date: DateOnly,
    scheduled_start: Type.String({ description: 'local midnight of the date (first valid instant after a gap), RFC 3339 with the zone\'s offset', examples: ['2026-07-13T00:00:00-07:00'] })
  }))
}, { $id: 'RruleOccurrences', examples: [{ occurrences: [{ date: '2026-07-13', scheduled_start: '2026-07-13T00:00:00-07:00' }, { date: '2026-07-20', scheduled_start: '2026-07-20T00:00:00-07:00' }] }] })

export type CreateSeriesInput = Static<typeof CreateSeriesBody>
export type UpdateSeriesInput = Static<typeof UpdateSeriesBody>
export type SplitSeriesInput = Static<typeof SplitSeriesBody>
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
    exdates: s.exdates,
    rdates: s.rdates,
    split_from_id: s.splitFromId,
    created_by: s.createdBy,
    ended_at: toTimestampOrNull(s.endedAt),
    created_at: toTimestamp(s.createdAt),
    updated_at: toTimestampOrNull(s.updatedAt)
  }
}

export function toUpdateAnswer (outcome: { series: Series, regeneration: Static<typeof Regeneration>, dryRun: boolean }) {
  return outcome.dryRun
    ? { series: toSeriesResponse(outcome.series), regeneration: outcome.regeneration }
    : { ...toSeriesResponse(outcome.series), regeneration: outcome.regeneration }
}

export function toSeriesDetailResponse (s: SeriesDetail) {
  return {
    ...toSeriesResponse(s.series),
    job_series_line_items: s.lineItems.map(toLineItemResponse),
    job_series_assignments: s.assignments.map((userId) => ({ user_id: userId }))
  }
}
