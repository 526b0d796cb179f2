// Recurring-job use cases (CONTRACT §5, §6): the rules of the contract, the transactions, the ApiErrors. No Fastify
// here: REST routes, worker registration and any other caller share these functions.
//
// Choices where the contract is silent:
// - Every successful save (PUT, PATCH, `PATCH {}` included, worker registration) sets updated_at = now. A save
//   that changes cron_expression, timezone or enabled recomputes next_run_at as the first occurrence strictly
//   after now (docs/contract.md §6 "after the moment it was saved"); one that keeps all three keeps next_run_at as it
//   was, so an occurrence that is due but not yet enqueued is still enqueued (with the saved payload).
// - Checks run in the contract's order: schema → payload size → cron → zone → existence (404) → job_type conflict.
import type { Database } from '../db/connect.js'
import { uniqueViolation } from '../db/sql-errors.js'
import { ApiError, type FieldIssue } from '../errors.js'
import type { Clock } from '../time/clock.js'
import { nextRunAfter, scheduleOrThrow, zoneOrThrow } from './cron.js'
import { boundedPage, jsonBytes } from '../schemas/page.js'
import { LIST_DEFAULT, PAYLOAD_MAX_BYTES, toRecurringJobResponse, type PatchRecurringJobInput, type PutRecurringJobInput } from './schemas.js'
import * as store from './store.js'
import type { RecurringJob, SaveValues } from './store.js'

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

/** Validates a replacement (payload, then cron seeded with `id`, then zone) and fills the PUT defaults. */
export function replacementValues (id: string, input: ReplaceInput, now: Date, prefix = ''): SaveValues {
  payloadOrThrow(input.payload, `${prefix}payload`)
  scheduleOrThrow(input.cron_expression, id, `${prefix}cron_expression`)
  const timezone = zoneOrThrow(input.timezone ?? DEFAULT_TIMEZONE, `${prefix}timezone`)
  const enabled = input.enabled ?? true
  return {
    jobType: input.job_type,
    queue: input.queue ?? DEFAULT_QUEUE,
    cronExpression: input.cron_expression,
    timezone,
    payload: input.payload ?? {},
    enabled,
    maxAttempts: input.max_attempts,
    timeoutSeconds: input.timeout_seconds,
    nextRunAt: nextRunAfter({ id, cronExpression: input.cron_expression, timezone, enabled }, now)
  }
}

/** docs/contract.md §6: a save that keeps cron_expression, timezone and enabled keeps next_run_at as it was. */
export function keepingNextRun (before: RecurringJob | null, values: SaveValues): SaveValues {
  if (before === null || before.cronExpression !== values.cronExpression || before.timezone !== values.timezone ||
    before.enabled !== values.enabled) return values
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

export class RecurringService {
  constructor (private readonly database: RecurringDatabase, private readonly clock: Clock) {}

  async get (tenantId: string, id: string): Promise<RecurringJob> {
    const job = await store.findJob(this.database.db, tenantId, id)
    if (job === null) throw notFound(id)
    return job
  }

  /** A page in creation order; without limit at most 1000 rows, with nextCursor set when more exist. */
  async list (tenantId: string, options: { limit?: number | undefined, cursor?: string | undefined }): Promise<{ jobs: RecurringJob[], nextCursor: string | null }> {
    const afterSeq = options.cursor === undefined ? null : decodeCursor(options.cursor)
    // docs/contract.md §10: at most `limit` rows (100 by default) and at most 4 MiB of JSON per page.
    const page = await boundedPage<RecurringJob>((after, count) => store.listJobs(this.database.db, tenantId, after?.seq ?? afterSeq, count),
      options.limit ?? LIST_DEFAULT, (job) => jsonBytes(toRecurringJobResponse(job)))
    const last = page.rows[page.rows.length - 1]
    return { jobs: page.rows, nextCursor: page.more && last !== undefined ? encodeCursor(last.seq) : null }
  }

  /** PUT: create or replace. `created` is true when the schedule did not exist. */
  async put (tenantId: string, id: string, input: PutRecurringJobInput): Promise<{ job: RecurringJob, created: boolean }> {
    const now = this.clock.now()
    const values = replacementValues(id, input, now)
    const { before, job } = await this.database.db.transaction(async (tx) => {
      const before = await store.findJob(tx, tenantId, id, true)
      return { before, job: await store.upsertJob(tx, tenantId, id, keepingNextRun(before, values), now) }
    }).catch((error: unknown) => { throw jobTypeConflict(error, input.job_type) ?? error })
    if (movedEarlier(before?.nextRunAt, job.nextRunAt)) await this.wake()
    return { job, created: job.updatedAt === null }
  }

  /** PATCH: only the given fields change; the result is validated as a whole like a PUT. */
  async patch (tenantId: string, id: string, input: PatchRecurringJobInput): Promise<RecurringJob> {
    payloadOrThrow(input.payload)
    if (input.cron_expression !== undefined) scheduleOrThrow(input.cron_expression, id)
    if (input.timezone !== undefined) zoneOrThrow(input.timezone)
    const now = this.clock.now()
    const saved = await this.database.db.transaction(async (tx) => {
      const before = await store.findJob(tx, tenantId, id, true)
      if (before === null) return null
      const merged = {
        jobType: input.job_type ?? before.jobType,
        queue: input.queue ?? before.queue,
        cronExpression: input.cron_expression ?? before.cronExpression,
        timezone: input.timezone ?? before.timezone,
        payload: input.payload ?? before.payload,
        enabled: input.enabled ?? before.enabled,
        maxAttempts: input.max_attempts,
        timeoutSeconds: input.timeout_seconds
      }
      const values = keepingNextRun(before, { ...merged, nextRunAt: nextRunAfter({ id, ...merged }, now) })
      const job = await store.updateJob(tx, tenantId, id, values, now)
      return job === null ? null : { before, job }
    }).catch((error: unknown) => { throw jobTypeConflict(error, input.job_type ?? '') ?? error })
    if (saved === null) throw notFound(id)
    if (movedEarlier(saved.before.nextRunAt, saved.job.nextRunAt)) await this.wake()
    return saved.job
  }

  async delete (tenantId: string, id: string): Promise<void> {
    if (!await store.deleteJob(this.database.db, tenantId, id)) throw notFound(id)
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
