// Job-instance shapes (CONTRACT §7): TypeBox objects shared by the REST routes and the MCP tools, and the
// functions that fill the response shapes.
import { Type, type Static } from 'typebox'
import { DateOnly, Nullable, Timestamp, Uuid } from '../schemas/common.js'
import { AssignmentResponse, LineItemResponse, pageOf, RecordId, toLineItemResponse } from '../schemas/series-side.js'
import { toTimestamp, toTimestampOrNull } from '../time/rfc3339.js'
import { JOB_STATUSES, type CancelReason, type Job, type JobDetail, type JobStatus } from './store.js'

// Type.Unsafe with an enum (as admin's ScopeSchema): a Type.Union of literals confuses Fastify's reply typing.
export const JobStatusSchema = Type.Unsafe<JobStatus>({
  type: 'string',
  enum: [...JOB_STATUSES],
  description: 'unscheduled | scheduled | in_progress | done | cancelled (pending = unscheduled or scheduled)'
})
const CancelReasonSchema = Nullable(Type.Unsafe<CancelReason>({ type: 'string', enum: ['user', 'series_updated', 'series_ended', 'series_split'] }))

const Bound = Type.String({
  maxLength: 40,
  description: 'a date YYYY-MM-DD (compared with occurrence_date, inclusive) or an RFC 3339 instant (compared with ' +
    'scheduled_start: from inclusive, to exclusive)',
  examples: ['2026-07-01']
})

export const ListJobsQuery = Type.Object({
  seriesId: Type.Optional({ ...Uuid, description: 'only instances of this series' }),
  series_id: Type.Optional({ ...Uuid, description: 'alias of seriesId' }),
  customer_id: Type.Optional(Uuid),
  customerId: Type.Optional({ ...Uuid, description: 'alias of customer_id' }),
  status: Type.Optional(JobStatusSchema),
  from: Type.Optional(Bound),
  to: Type.Optional(Bound),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: '1-based page of 20 rows' }))
})

export const JobIdParams = Type.Object({ id: RecordId })

export const UpdateJobBody = Type.Object({
  status: Type.Optional({ ...JobStatusSchema, description: 'cancelled → cancel_reason "user"; a user-cancelled instance can be reopened' }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  scheduled_start: Type.Optional(Type.String({ maxLength: 40, description: 'RFC 3339 instant', examples: ['2026-07-13T16:00:00Z'] }))
}, { examples: [{ status: 'in_progress' }, { scheduled_start: '2026-07-14T16:00:00Z', title: 'Weekly lawn maintenance (moved)' }] })

const JobFields = {
  id: Uuid,
  tenant_id: Uuid,
  series_id: Nullable(Uuid),
  occurrence_date: Nullable(DateOnly),
  title: Type.String(),
  description: Nullable(Type.String()),
  status: JobStatusSchema,
  cancel_reason: CancelReasonSchema,
  scheduled_start: Timestamp,
  customer_id: Nullable(Uuid),
  flat_price: Nullable(Type.Number()),
  total: Type.Number(),
  created_at: Timestamp,
  updated_at: Nullable(Timestamp)
}

export const JobResponse = Type.Object(JobFields, { $id: 'Job' })
export const JobDetailResponse = Type.Object({
  ...JobFields,
  job_line_items: Type.Array(LineItemResponse),
  job_assignments: Type.Array(AssignmentResponse)
}, { $id: 'JobDetail' })
export const JobPageResponse = pageOf(JobResponse, 'JobPage')

export type ListJobsInput = Static<typeof ListJobsQuery>
export type UpdateJobInput = Static<typeof UpdateJobBody>

export function toJobResponse (j: Job) {
  return {
    id: j.id,
    tenant_id: j.tenantId,
    series_id: j.seriesId,
    occurrence_date: j.occurrenceDate,
    title: j.title,
    description: j.description,
    status: j.status,
    cancel_reason: j.cancelReason,
    scheduled_start: toTimestamp(j.scheduledStart),
    customer_id: j.customerId,
    flat_price: j.flatPrice,
    total: j.total,
    created_at: toTimestamp(j.createdAt),
    updated_at: toTimestampOrNull(j.updatedAt)
  }
}

export function toJobDetailResponse (d: JobDetail) {
  return {
    ...toJobResponse(d.job),
    job_line_items: d.lineItems.map(toLineItemResponse),
    job_assignments: d.assignments.map((userId) => ({ user_id: userId }))
  }
}
