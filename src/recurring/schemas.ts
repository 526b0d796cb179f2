// Recurring-jobs API shapes (docs/contract.md §5, §8) and the one function that presents a stored schedule.
// Body schemas avoid `properties` on free-form objects and object unions: with removeAdditional 'all' Ajv would
// strip their contents (docs/contract.md §4 "unknown fields are ignored" is implemented that way).
import { Type, type Static } from 'typebox'
import { Nullable, NullableTimestamp, Timestamp } from '../schemas/common.js'
import { toTimestamp, toTimestampOrNull } from '../time/rfc3339.js'
import type { RecurringJob } from './store.js'

export const RECURRING_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*$'
export const RECURRING_ID_MAX = 200
export const PAYLOAD_MAX_BYTES = 64 * 1024
export const LIST_MAX = 1000
/** Page size without `limit` (docs/contract.md §10). */
export const LIST_DEFAULT = 100

export const RecurringId = Type.String({
  minLength: 1,
  maxLength: RECURRING_ID_MAX,
  pattern: RECURRING_ID_PATTERN,
  description: 'Stable identifier chosen by the client, unique per tenant; it also seeds `H` in the cron expression',
  examples: ['rjob_daily_cleanup']
})
export const RecurringIdParams = Type.Object({ id: RecurringId })

const JobType = Type.String({ minLength: 1, maxLength: 255, description: 'Job type to execute on each trigger; unique per tenant', examples: ['MyApp.Jobs.CleanupExpiredSessions'] })
const CronExpression = Type.String({
  maxLength: 1000,
  description: 'Cronos syntax: 5 fields, 6 fields (leading seconds) or a macro such as @daily; `H` picks a value seeded by the schedule id',
  examples: ['0 3 * * *']
})
const Queue = Type.String({ minLength: 1, maxLength: 200, description: 'Target queue. Default "default"', examples: ['maintenance'] })
const Timezone = Type.String({ maxLength: 255, description: 'IANA time zone the cron expression is evaluated in. Default "UTC"', examples: ['America/New_York'] })
const Enabled = Type.Boolean({ description: 'Whether the schedule is active. Default true' })
const PayloadInput = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  description: 'Fixed JSON object passed to each execution, at most 64 KiB of JSON. Default {}',
  examples: [{ retention_days: 30 }]
})
const MaxAttempts = Type.Integer({ minimum: 1, maximum: 100, description: 'Per-execution retry limit. Default 3 on create; omitted on update keeps the stored value' })
const TimeoutSeconds = Type.Integer({ minimum: 1, maximum: 86400, description: 'Per-execution timeout. Default 1800 on create; omitted on update keeps the stored value' })

// docs/contract.md §12 schedule controls.
const OverlapPolicy = Type.Union([Type.Literal('allow'), Type.Literal('skip'), Type.Literal('buffer_one'), Type.Literal('replace')], {
  description: 'What an occurrence does while an earlier execution is queued or running: allow (default) enqueues; skip records skipped_overlap; buffer_one lets one wait until the running one ends; replace fails the running one ("replaced") and enqueues'
})
const MisfirePolicy = Type.Union([Type.Literal('coalesce'), Type.Literal('all'), Type.Literal('skip')], {
  description: 'What happens to occurrences enqueued more than misfire_threshold_seconds late: coalesce (default) one execution for all of them; all one each (at most 1000, the rest skipped_misfire); skip none (skipped_misfire)'
})
const MisfireThreshold = Type.Integer({ minimum: 1, maximum: 86400, description: 'An occurrence enqueued no later than this after its time is on time. Default 60' })
const Bound = (description: string) => Type.Union([Type.String({ format: 'date-time', maxLength: 64, examples: ['2026-04-01T00:00:00Z'] }), Type.Null()], { description })
const StartsAt = Bound('RFC 3339; no occurrence before it. Default none')
const EndsAt = Bound('RFC 3339; no occurrence after it. Default none')
const MaxRuns = Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()], { description: 'After this many schedule-triggered executions the schedule ends (next_run_at null). Default none' })
const PauseNote = Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'Why the schedule is paused; kept while disabled, cleared on re-enable', examples: ['waiting for the new CRM credentials'] })
const AutoPause = Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()], { description: 'Disable the schedule after this many consecutive schedule executions ended failed. Default none' })

/** The §12 fields, optional on PUT, PATCH and worker registration items. */
const controlFields = {
  overlap_policy: Type.Optional(OverlapPolicy),
  misfire_policy: Type.Optional(MisfirePolicy),
  misfire_threshold_seconds: Type.Optional(MisfireThreshold),
  starts_at: Type.Optional(StartsAt),
  ends_at: Type.Optional(EndsAt),
  max_runs: Type.Optional(MaxRuns),
  auto_pause_after_failures: Type.Optional(AutoPause)
}

const referenceExample = {
  job_type: 'MyApp.Jobs.CleanupExpiredSessions',
  cron_expression: '0 3 * * *',
  queue: 'maintenance',
  timezone: 'America/New_York',
  max_attempts: 3,
  timeout_seconds: 600,
  payload: { retention_days: 30 }
}

export const PutRecurringJobBody = Type.Object({
  job_type: JobType,
  cron_expression: CronExpression,
  queue: Type.Optional(Queue),
  payload: Type.Optional(PayloadInput),
  timezone: Type.Optional(Timezone),
  enabled: Type.Optional(Enabled),
  max_attempts: Type.Optional(MaxAttempts),
  timeout_seconds: Type.Optional(TimeoutSeconds),
  ...controlFields,
  pause_note: Type.Optional(PauseNote)
}, {
  $id: 'UpsertRecurringJobBody',
  description: 'A replacement: omitted queue, payload, timezone, enabled and schedule controls take their defaults again; omitted max_attempts and timeout_seconds keep their stored values.',
  examples: [
    referenceExample,
    { job_type: 'MyApp.Jobs.CleanupExpiredSessions', cron_expression: '0 3 * * *', queue: 'maintenance', enabled: false, pause_note: 'maintenance window' },
    { job_type: 'MyApp.Jobs.SyncCrm', cron_expression: '*/5 * * * *', overlap_policy: 'skip', misfire_policy: 'skip', misfire_threshold_seconds: 120, ends_at: '2026-12-31T23:59:59Z', auto_pause_after_failures: 5 }
  ]
})
export type PutRecurringJobInput = Static<typeof PutRecurringJobBody>

export const PatchRecurringJobBody = Type.Object({
  job_type: Type.Optional(JobType),
  cron_expression: Type.Optional(CronExpression),
  queue: Type.Optional(Queue),
  payload: Type.Optional(PayloadInput),
  timezone: Type.Optional(Timezone),
  enabled: Type.Optional(Enabled),
  max_attempts: Type.Optional(MaxAttempts),
  timeout_seconds: Type.Optional(TimeoutSeconds),
  ...controlFields,
  pause_note: Type.Optional(PauseNote)
}, {
  description: 'Only the given fields change (same validation as PUT). Every save, `{}` included, sets updated_at.',
  examples: [{ enabled: false, pause_note: 'upstream outage' }, { cron_expression: '30 2 * * 0', timezone: 'Europe/London' }, { overlap_policy: 'buffer_one', max_runs: 10 }]
})
export type PatchRecurringJobInput = Static<typeof PatchRecurringJobBody>

export const RecurringJobResponse = Type.Object({
  id: Type.String({ examples: ['rjob_daily_cleanup'] }),
  job_type: Type.String(),
  queue: Type.String(),
  cron_expression: Type.String(),
  timezone: Type.String(),
  enabled: Type.Boolean(),
  payload: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }),
  last_run_at: { ...NullableTimestamp, description: 'When the schedule last triggered, or null; only the scheduler sets it' },
  next_run_at: { ...NullableTimestamp, description: 'Next scheduled trigger, or null when disabled or when the expression never fires again' },
  max_attempts: Type.Integer(),
  timeout_seconds: Type.Integer(),
  overlap_policy: OverlapPolicy,
  misfire_policy: MisfirePolicy,
  misfire_threshold_seconds: Type.Integer(),
  starts_at: NullableTimestamp,
  ends_at: NullableTimestamp,
  max_runs: Nullable(Type.Integer()),
  runs_count: Type.Integer({ minimum: 0, description: 'Schedule-triggered executions enqueued so far' }),
  state: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('ended')], { description: 'paused while disabled; ended when it can never fire again (ends_at passed, max_runs reached, or the expression has no more occurrences)' }),
  pause_note: Nullable(Type.String()),
  paused_at: { ...NullableTimestamp, description: 'When the schedule was disabled, or null while enabled' },
  auto_pause_after_failures: Nullable(Type.Integer()),
  created_at: Timestamp,
  updated_at: { ...NullableTimestamp, description: 'When the schedule was last saved, or null if never since its creation' }
}, {
  $id: 'RecurringJob',
  examples: [{
    id: 'rjob_daily_cleanup',
    job_type: 'MyApp.Jobs.CleanupExpiredSessions',
    queue: 'maintenance',
    cron_expression: '0 3 * * *',
    timezone: 'America/New_York',
    enabled: true,
    payload: { retention_days: 30 },
    last_run_at: null,
    next_run_at: '2026-03-25T07:00:00Z',
    max_attempts: 3,
    timeout_seconds: 600,
    overlap_policy: 'allow',
    misfire_policy: 'coalesce',
    misfire_threshold_seconds: 60,
    starts_at: null,
    ends_at: null,
    max_runs: null,
    runs_count: 0,
    state: 'active',
    pause_note: null,
    paused_at: null,
    auto_pause_after_failures: null,
    created_at: '2026-03-24T15:00:00Z',
    updated_at: null
  }]
})
export type RecurringJobBody = Static<typeof RecurringJobResponse>

export const ListRecurringJobsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_MAX, default: LIST_DEFAULT, description: 'Page size, 1–1000, default 100 (extension). A page also stops before its JSON passes 4 MiB; next_cursor is set whenever more schedules remain' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'next_cursor of the previous page (extension); opaque' }))
})

export const ListRecurringJobsResponse = Type.Object({
  data: Type.Array(RecurringJobResponse, { description: 'Schedules in creation order, oldest first' }),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last page (extension)' })
})

// docs/contract.md §13 conditional requests. Header names are lower case (Node gives them so).
export const ReadHeaders = Type.Object({
  'if-none-match': Type.Optional(Type.String({ maxLength: 1000, description: 'An ETag from an earlier answer: 304 when it still matches' }))
})
export const WriteHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 1000, description: 'Write only if the schedule\'s current ETag is this one (or `*`: it exists); else 412 precondition_failed' })),
  'if-none-match': Type.Optional(Type.String({ maxLength: 1000, description: 'PUT with `*`: create only; 412 precondition_failed when the id exists' }))
})

export const DeletedResponse = Type.Object({ deleted: Type.Literal(true) })

export const RegisterWorkerBody = Type.Object({
  worker_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Echoed back; a UUID is generated when omitted' })),
  queues: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000, description: 'Informational; not stored' })),
  job_types: Type.Optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 10000, description: 'Informational; not stored' })),
  recurring: Type.Array(Type.Object({
    job_type: JobType,
    cron_expression: CronExpression,
    queue: Type.Optional(Queue),
    timezone: Type.Optional(Timezone),
    payload: Type.Optional(PayloadInput),
    max_attempts: Type.Optional(MaxAttempts),
    timeout_seconds: Type.Optional(TimeoutSeconds),
    ...controlFields
  }), {
    minItems: 1,
    maxItems: 1000,
    description: 'Each is upserted with PUT semantics under rjob_<last dot-separated segment of job_type>; a paused schedule stays paused'
  })
}, {
  examples: [{
    worker_id: 'worker-7f3a',
    queues: ['default', 'maintenance'],
    job_types: ['MyApp.Jobs.CleanupExpiredSessions'],
    recurring: [{ job_type: 'MyApp.Jobs.CleanupExpiredSessions', cron_expression: '0 3 * * *', queue: 'maintenance', timezone: 'America/New_York', timeout_seconds: 600 }]
  }]
})
export type RegisterWorkerInput = Static<typeof RegisterWorkerBody>
export type RegisterItemInput = RegisterWorkerInput['recurring'][number]

export const RegisterWorkerResponse = Type.Object({
  worker_id: Type.String(),
  registered: Type.Array(Type.Object({
    id: Type.String(),
    status: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('conflict')]),
    schedule: Type.Optional(RecurringJobResponse)
  }), { description: 'One entry per item, in request order; `schedule` is omitted on conflict' })
})

export const PreviewCronBody = Type.Object({
  cron_expression: CronExpression,
  timezone: Type.Optional({ ...Timezone, default: 'UTC' }),
  from: Type.Optional(Type.String({ maxLength: 64, description: 'RFC 3339 instant with an offset; default now. Occurrences are strictly after it unless inclusive', examples: ['2026-03-07T12:00:00Z'] })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 10 })),
  inclusive: Type.Optional(Type.Boolean({ default: false, description: 'Whether `from` itself counts when it matches' })),
  seed_id: Type.Optional({ ...RecurringId, description: 'The schedule id that seeds `H`; `H` is refused without it' })
}, {
  examples: [{ cron_expression: '0 3 * * *', timezone: 'America/New_York', from: '2026-03-07T12:00:00Z', count: 3 }]
})
export type PreviewCronInput = Static<typeof PreviewCronBody>

export const PreviewCronResponse = Type.Object({
  occurrences: Type.Array(Type.String({ description: 'RFC 3339 with the zone offset at that instant', examples: ['2026-03-08T03:00:00-04:00'] }), {
    description: 'Fewer than count when the schedule has no more occurrences'
  })
})

/** The only place a stored schedule becomes its API shape (snake_case, RFC 3339 UTC whole seconds). */
export function toRecurringJobResponse (job: RecurringJob): RecurringJobBody {
  return {
    id: job.id,
    job_type: job.jobType,
    queue: job.queue,
    cron_expression: job.cronExpression,
    timezone: job.timezone,
    enabled: job.enabled,
    payload: job.payload,
    last_run_at: toTimestampOrNull(job.lastRunAt),
    next_run_at: toTimestampOrNull(job.nextRunAt),
    max_attempts: job.maxAttempts,
    timeout_seconds: job.timeoutSeconds,
    overlap_policy: job.overlapPolicy,
    misfire_policy: job.misfirePolicy,
    misfire_threshold_seconds: job.misfireThresholdSeconds,
    starts_at: toTimestampOrNull(job.startsAt),
    ends_at: toTimestampOrNull(job.endsAt),
    max_runs: job.maxRuns,
    runs_count: job.runsCount,
    state: job.state,
    pause_note: job.pauseNote,
    paused_at: toTimestampOrNull(job.pausedAt),
    auto_pause_after_failures: job.autoPauseAfterFailures,
    created_at: toTimestamp(job.createdAt),
    updated_at: toTimestampOrNull(job.updatedAt)
  }
}
