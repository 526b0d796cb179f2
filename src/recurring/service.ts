// Recurring-job use cases (docs/contract.md §5, §6): the rules of the contract, the transactions, the ApiErrors. No Fastify
// here: REST routes, worker registration and any other caller share these functions.
//
// Choices where the contract is silent:
// - Every successful save (PUT, PATCH, `PATCH {}` included, worker registration) sets updated_at = now. A save
//   that changes cron_expression, timezone or enabled recomputes next_run_at as the first occurrence strictly
//   after now (docs/contract.md §6 "after the moment it was saved"); one that keeps all three keeps next_run_at as it
//   was, so an occurrence that is due but not yet enqueued is still enqueued (with the saved payload).
// - Checks run in the contract's order: schema → payload size → cron → zone → existence (404) → job_type conflict.
import type { Database, Executor } from '../db/connect.js'
import { uniqueViolation } from '../db/sql-errors.js'
import { ApiError, type FieldIssue } from '../errors.js'
import type { Clock } from '../time/clock.js'
import { parseTimestamp } from '../time/rfc3339.js'
import { nextRunAfter, scheduleOrThrow, scheduleState, zoneOrThrow } from './cron.js'
import { etagMatches, etagOf, recordChange, SERVICE_ACTOR, type Actor } from './history.js'
import { boundedPage } from '../schemas/page.js'
import { LIST_DEFAULT, PAYLOAD_MAX_BYTES, toRecurringJobResponse, type PatchRecurringJobInput, type RecurringJobBody, type PutRecurringJobInput } from './schemas.js'
import * as store from './store.js'
import type { RecurringJob, SaveValues } from './store.js'

/** Who asks, and the HTTP preconditions (docs/contract.md §13 If-Match / If-None-Match) of a write. */
export interface WriteOptions {
  readonly actor?: Actor | undefined
  readonly ifMatch?: string | undefined
  readonly ifNoneMatch?: string | undefined
}

/** The channel the scheduler listens on to re-plan when a schedule may fire earlier than it planned for. */
export const WAKE_CHANNEL = 'recurring_jobs_changed'

export const DEFAULT_QUEUE = 'default'
export const DEFAULT_TIMEZONE = 'UTC'

export type RecurringDatabase = Pick<Database, 'db' | 'notify'>

/** What PUT and worker registration accept: the replacement of a schedule. */
export type ReplaceInput = Omit<PutRecurringJobInput, 'enabled'> & { enabled?: boolean | undefined }

/** A payload of at most 64 KiB of JSON (UTF-8 bytes of its compact serialization), or the issue. */
export function payloadIssue (payload: Record<string, unknown> | undefined, field = 'payload'): FieldIssue | null {
  if (payload === undefined) return null
  const bytes = Buffer.byteLength(JSON.stringify(payload), 'utf8')
  return bytes > PAYLOAD_MAX_BYTES ? { field, message: `is ${bytes} bytes of JSON; at most ${PAYLOAD_MAX_BYTES} are allowed` } : null
}

export function payloadOrThrow (payload: Record<string, unknown> | undefined, field = 'payload'): void {
  const issue = payloadIssue(payload, field)
  if (issue !== null) throw new ApiError('invalid_request', `Invalid body: ${issue.field} ${issue.message}`, [issue])
}

/** The §12 fields a save may carry (PUT: omitted → default; PATCH: omitted → kept). */
export type ControlInput = Pick<PutRecurringJobInput, 'overlap_policy' | 'misfire_policy' | 'misfire_threshold_seconds' | 'starts_at' | 'ends_at' | 'max_runs' | 'auto_pause_after_failures' | 'pause_note'>

function instantOrThrow (text: string | null | undefined, field: string): Date | null | undefined {
  if (text == null) return text
  const instant = parseTimestamp(text)
  if (instant === null) throw new ApiError('invalid_request', `Invalid body: ${field} is not an RFC 3339 instant with an offset`, [{ field, message: 'is not an RFC 3339 instant with an offset' }])
  return instant
}

/** Checks starts_at/ends_at; resolves them to instants (undefined: not given). */
export function boundsOrThrow (input: ControlInput, prefix = ''): { startsAt: Date | null | undefined, endsAt: Date | null | undefined } {
  const startsAt = instantOrThrow(input.starts_at, `${prefix}starts_at`)
  const endsAt = instantOrThrow(input.ends_at, `${prefix}ends_at`)
  return { startsAt, endsAt }
}

function boundsOrderOrThrow (values: Pick<SaveValues, 'startsAt' | 'endsAt'>, prefix = ''): void {
  if (values.startsAt !== null && values.endsAt !== null && values.endsAt.getTime() < values.startsAt.getTime()) {
    const field = `${prefix}ends_at`
    throw new ApiError('invalid_request', `Invalid body: ${field} is before starts_at`, [{ field, message: 'is before starts_at' }])
  }
}

/**
 * What a save derives from the schedule and its previous row: next_run_at within its bounds, state, and the
 * pause fields (docs/contract.md §12: pause_note is kept while disabled and cleared on re-enable; paused_at is when it
 * was disabled).
 */
export function derivedValues (id: string, values: Omit<SaveValues, 'nextRunAt' | 'state' | 'pausedAt'>, before: RecurringJob | null, now: Date): SaveValues {
  const job = { id, ...values, runsCount: before?.runsCount ?? 0 }
  const pausedAt = values.enabled ? null : before !== null && !before.enabled ? before.pausedAt ?? now : now
  return {
    ...values,
    pauseNote: values.enabled ? null : values.pauseNote,
    pausedAt,
    nextRunAt: nextRunAfter(job, now),
    state: scheduleState(job, now)
  }
}

/** Validates a replacement (payload, then cron seeded with `id`, then zone, then bounds) and fills the PUT defaults. */
export function replacementValues (id: string, input: ReplaceInput & ControlInput, now: Date, prefix = '', before: RecurringJob | null = null): SaveValues {
  payloadOrThrow(input.payload, `${prefix}payload`)
  scheduleOrThrow(input.cron_expression, id, `${prefix}cron_expression`)
  const timezone = zoneOrThrow(input.timezone ?? DEFAULT_TIMEZONE, `${prefix}timezone`)
  const { startsAt, endsAt } = boundsOrThrow(input, prefix)
  const enabled = input.enabled ?? true
  const values = {
    jobType: input.job_type,
    queue: input.queue ?? DEFAULT_QUEUE,
    cronExpression: input.cron_expression,
    timezone,
    payload: input.payload ?? {},
    enabled,
    maxAttempts: input.max_attempts,
    timeoutSeconds: input.timeout_seconds,
    overlapPolicy: input.overlap_policy ?? 'allow',
    misfirePolicy: input.misfire_policy ?? 'coalesce',
    misfireThresholdSeconds: input.misfire_threshold_seconds ?? 60,
    startsAt: startsAt ?? null,
    endsAt: endsAt ?? null,
    maxRuns: input.max_runs ?? null,
    autoPauseAfterFailures: input.auto_pause_after_failures ?? null,
    pauseNote: input.pause_note ?? null
  }
  boundsOrderOrThrow(values, prefix)
  return derivedValues(id, values, before, now)
}

/** 412 precondition_failed unless the row satisfies the request's If-Match / If-None-Match. */
export function preconditionOrThrow (before: RecurringJob | null, options: WriteOptions): void {
  const etag = before === null ? null : etagOf(before)
  if (options.ifNoneMatch !== undefined && etagMatches(options.ifNoneMatch, etag)) {
    throw new ApiError('precondition_failed', before === null ? 'If-None-Match did not hold' : `Recurring job "${before.id}" already exists (If-None-Match: ${options.ifNoneMatch})`)
  }
  if (options.ifMatch !== undefined && !etagMatches(options.ifMatch, etag)) {
    throw new ApiError('precondition_failed', before === null ? 'If-Match given, but the recurring job does not exist' : `If-Match ${options.ifMatch} does not match the current ETag ${etag ?? ''}`)
  }
}

/** docs/contract.md §6: a save that keeps cron_expression, timezone and enabled keeps next_run_at as it was. */
export function keepingNextRun (before: RecurringJob | null, values: SaveValues): SaveValues {
  if (before === null || before.cronExpression !== values.cronExpression || before.timezone !== values.timezone ||
    before.enabled !== values.enabled || before.startsAt?.getTime() !== values.startsAt?.getTime() ||
    before.endsAt?.getTime() !== values.endsAt?.getTime() || before.maxRuns !== values.maxRuns) return values
  return { ...values, nextRunAt: before.nextRunAt }
}

/** The 409 for a job_type already used by another schedule of the tenant, or null for any other error. */
export function jobTypeConflict (error: unknown, jobType: string): ApiError | null {
  if (uniqueViolation(error) !== store.JOB_TYPE_CONSTRAINT) return null
  return new ApiError('recurring_job_type_conflict', `A schedule with job_type "${jobType}" already exists under a different id`,
    [{ field: 'job_type', message: 'is already used by another schedule' }])
}

/** True when a save makes the schedule fire earlier than the scheduler may have planned for. */
export function movedEarlier (before: Date | null | undefined, after: Date | null): boolean {
  return after !== null && (before == null || after.getTime() < before.getTime())
}

/** Opaque list cursor: base64url of the last row's seq. */
export function encodeCursor (seq: number): string {
  return Buffer.from(String(seq), 'utf8').toString('base64url')
}

export function decodeCursor (cursor: string): number {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : ''
  const seq = /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(seq) || encodeCursor(seq) !== cursor) {
    throw new ApiError('invalid_request', 'Invalid query: cursor is not a cursor this API returned', [{ field: 'cursor', message: 'is malformed' }])
  }
  return seq
}

export const notFound = (id: string) => new ApiError('recurring_job_not_found', `No recurring job with id "${id}"`)

/**
 * docs/contract.md §12 auto_pause_after_failures, called by the executions feature after a schedule execution ended
 * failed: when the last N finished schedule executions all failed, the schedule is disabled and the history says
 * auto_paused. Idempotent (a schedule already disabled is left alone).
 */
export async function autoPauseIfFailing (db: Executor, tenantId: string, id: string, lastOutcomes: (n: number) => Promise<boolean>, now: Date): Promise<boolean> {
  const job = await store.findJob(db, tenantId, id)
  const n = job?.autoPauseAfterFailures ?? null
  if (job === null || n === null || !job.enabled || !await lastOutcomes(n)) return false
  return db.transaction(async (tx) => {
    const before = await store.findJob(tx, tenantId, id, true)
    if (before === null || !before.enabled) return false
    const after = await store.autoPauseJob(tx, tenantId, id, `paused after ${n} consecutive failed executions`, now)
    if (after !== null) await recordChange(tx, tenantId, id, before, after, SERVICE_ACTOR, now, 'auto_paused')
    return after !== null
  })
}

export class RecurringService {
  constructor (private readonly database: RecurringDatabase, private readonly clock: Clock) {}

  async get (tenantId: string, id: string): Promise<RecurringJob> {
    const job = await store.findJob(this.database.db, tenantId, id)
    if (job === null) throw notFound(id)
    return job
  }

  /** A page in creation order, as the response carries it; without limit at most 1000 rows, with nextCursor set when more exist. */
  async list (tenantId: string, options: { limit?: number | undefined, cursor?: string | undefined }): Promise<{ responses: RecurringJobBody[], nextCursor: string | null }> {
    const afterSeq = options.cursor === undefined ? null : decodeCursor(options.cursor)
    // docs/contract.md §10: at most `limit` rows (100 by default) and at most 4 MiB of JSON per page.
    const page = await boundedPage<RecurringJob, RecurringJobBody>((after, count) => store.listJobs(this.database.db, tenantId, after?.seq ?? afterSeq, count),
      options.limit ?? LIST_DEFAULT, toRecurringJobResponse)
    const last = page.rows[page.rows.length - 1]
    return { responses: page.responses, nextCursor: page.more && last !== undefined ? encodeCursor(last.seq) : null }
  }

  /** PUT: create or replace. `created` is true when the schedule did not exist. */
  async put (tenantId: string, id: string, input: PutRecurringJobInput, options: WriteOptions = {}): Promise<{ job: RecurringJob, created: boolean }> {
    const now = this.clock.now()
    replacementValues(id, input, now)
    const { before, job } = await this.database.db.transaction(async (tx) => {
      const before = await store.findJob(tx, tenantId, id, true)
      preconditionOrThrow(before, options)
      const job = await store.upsertJob(tx, tenantId, id, keepingNextRun(before, replacementValues(id, input, now, '', before)), now)
      await recordChange(tx, tenantId, id, before, job, options.actor ?? SERVICE_ACTOR, now)
      return { before, job }
    }).catch((error: unknown) => { throw jobTypeConflict(error, input.job_type) ?? error })
    if (movedEarlier(before?.nextRunAt, job.nextRunAt)) await this.wake()
    return { job, created: job.updatedAt === null }
  }

  /** PATCH: only the given fields change; the result is validated as a whole like a PUT. */
  async patch (tenantId: string, id: string, input: PatchRecurringJobInput, options: WriteOptions = {}): Promise<RecurringJob> {
    payloadOrThrow(input.payload)
    if (input.cron_expression !== undefined) scheduleOrThrow(input.cron_expression, id)
    if (input.timezone !== undefined) zoneOrThrow(input.timezone)
    const bounds = boundsOrThrow(input)
    const now = this.clock.now()
    const saved = await this.database.db.transaction(async (tx) => {
      const before = await store.findJob(tx, tenantId, id, true)
      if (before === null) return null
      preconditionOrThrow(before, options)
      const merged = {
        jobType: input.job_type ?? before.jobType,
        queue: input.queue ?? before.queue,
        cronExpression: input.cron_expression ?? before.cronExpression,
        timezone: input.timezone ?? before.timezone,
        payload: input.payload ?? before.payload,
        enabled: input.enabled ?? before.enabled,
        maxAttempts: input.max_attempts,
        timeoutSeconds: input.timeout_seconds,
        overlapPolicy: input.overlap_policy ?? before.overlapPolicy,
        misfirePolicy: input.misfire_policy ?? before.misfirePolicy,
        misfireThresholdSeconds: input.misfire_threshold_seconds ?? before.misfireThresholdSeconds,
        startsAt: bounds.startsAt === undefined ? before.startsAt : bounds.startsAt,
        endsAt: bounds.endsAt === undefined ? before.endsAt : bounds.endsAt,
        maxRuns: input.max_runs === undefined ? before.maxRuns : input.max_runs,
        autoPauseAfterFailures: input.auto_pause_after_failures === undefined ? before.autoPauseAfterFailures : input.auto_pause_after_failures,
        pauseNote: input.pause_note === undefined ? before.pauseNote : input.pause_note
      }
      boundsOrderOrThrow(merged)
      const job = await store.updateJob(tx, tenantId, id, keepingNextRun(before, derivedValues(id, merged, before, now)), now)
      if (job !== null) await recordChange(tx, tenantId, id, before, job, options.actor ?? SERVICE_ACTOR, now)
      return job === null ? null : { before, job }
    }).catch((error: unknown) => { throw jobTypeConflict(error, input.job_type ?? '') ?? error })
    if (saved === null) throw notFound(id)
    if (movedEarlier(saved.before.nextRunAt, saved.job.nextRunAt)) await this.wake()
    return saved.job
  }

  async delete (tenantId: string, id: string, options: WriteOptions = {}): Promise<void> {
    const deleted = await this.database.db.transaction(async (tx) => {
      const before = await store.findJob(tx, tenantId, id, true)
      if (before === null) return false
      preconditionOrThrow(before, options)
      await store.deleteJob(tx, tenantId, id)
      await recordChange(tx, tenantId, id, before, null, options.actor ?? SERVICE_ACTOR, this.clock.now())
      return true
    })
    if (!deleted) throw notFound(id)
  }

  /** Best effort, after commit: a lost wake-up only delays the scheduler until its next bounded sleep ends. */
  async wake (): Promise<void> {
    try {
      await this.database.notify(WAKE_CHANNEL, '')
    } catch {
      // The schedule is saved; the scheduler still finds it on its next pass.
    }
  }
}
