// POST /v1/workers/register (docs/contract.md §5): an SDK declares the schedules its code carries. Each one is upserted
// with PUT semantics under an id derived from its job type; a conflicting item is reported, not fatal.
//
// Choices where the contract is silent:
// - Every item is validated before anything is written, one kind of check at a time over all items (id and
//   payload → cron → zone), so one 400 lists every item at fault for that check (`recurring.2.cron_expression`).
// - "conflict" means: the derived id belongs to a schedule of another job_type (A.Cleanup vs B.Cleanup), or the
//   job_type is held by a schedule under another id. Nothing of that item is written.
// - PUT semantics, except `enabled`: items carry none, new schedules are enabled, and a schedule paused with
//   PUT/PATCH stays paused (SDKs re-register on every start; a restart must not undo an operator's pause).
// - The writes share one transaction, each item in its own savepoint: conflicts fail only their item, while any
//   other failure (e.g. the database going away) writes nothing.
// - queues and job_types are accepted and ignored: no worker registry is kept.
import { randomUUID } from 'node:crypto'
import { ApiError, type FieldIssue } from '../errors.js'
import type { Clock } from '../time/clock.js'
import { RECURRING_ID_MAX, RECURRING_ID_PATTERN, type RegisterItemInput, type RegisterWorkerInput } from './schemas.js'
import { scheduleOrThrow, zoneOrThrow } from './cron.js'
import { recordChange, SERVICE_ACTOR, type Actor } from './history.js'
import { boundsOrThrow, DEFAULT_TIMEZONE, derivedValues, jobTypeConflict, keepingNextRun, movedEarlier, payloadIssue, replacementValues, type RecurringDatabase, type RecurringService } from './service.js'
import * as store from './store.js'
import type { RecurringJob, SaveValues } from './store.js'

export type RegisterStatus = 'created' | 'updated' | 'conflict'

export interface Registered {
  id: string
  status: RegisterStatus
  /** The saved schedule; absent on conflict. */
  job?: RecurringJob
}

const ID = new RegExp(RECURRING_ID_PATTERN)

/** `rjob_<last dot-separated segment of job_type>`: MyApp.Jobs.CleanupExpiredSessions → rjob_CleanupExpiredSessions. */
export function derivedId (jobType: string): string {
  return `rjob_${jobType.slice(jobType.lastIndexOf('.') + 1)}`
}

/** A job_type whose derived id is not a valid id, or whose last segment is empty ("MyApp.Jobs." → "rjob_"). */
function idIssue (jobType: string, field: string): FieldIssue | null {
  const id = derivedId(jobType)
  if (jobType.endsWith('.')) return { field, message: 'ends with "." so there is no last segment to derive the id rjob_<segment> from' }
  if (id.length <= RECURRING_ID_MAX && ID.test(id)) return null
  return { field, message: `derives the id "${id}", which is not 1–${RECURRING_ID_MAX} characters matching ${RECURRING_ID_PATTERN}` }
}

/** Runs `check` on every item; throws the first ApiError's code with the details of all items that failed. */
function checkAll (items: readonly RegisterItemInput[], check: (item: RegisterItemInput, prefix: string) => void): void {
  let first: ApiError | undefined
  const details: FieldIssue[] = []
  items.forEach((item, i) => {
    try {
      check(item, `recurring.${i}.`)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      first ??= error
      details.push(...(error.details ?? []))
    }
  })
  if (first !== undefined) throw new ApiError(first.code, first.message + (details.length > 1 ? ` (and ${details.length - 1} more)` : ''), details)
}

export class WorkersService {
  constructor (private readonly database: RecurringDatabase, private readonly clock: Clock, private readonly recurring: RecurringService) {}

  async register (tenantId: string, input: RegisterWorkerInput, actor: Actor = SERVICE_ACTOR): Promise<{ workerId: string, registered: Registered[] }> {
    const items = input.recurring
    const ids = items.map((item) => derivedId(item.job_type))
    checkAll(items, (item, prefix) => {
      const issue = idIssue(item.job_type, `${prefix}job_type`) ?? payloadIssue(item.payload, `${prefix}payload`)
      if (issue !== null) throw new ApiError('invalid_request', `Invalid body: ${issue.field} ${issue.message}`, [issue])
    })
    checkAll(items, (item, prefix) => { scheduleOrThrow(item.cron_expression, derivedId(item.job_type), `${prefix}cron_expression`) })
    checkAll(items, (item, prefix) => { zoneOrThrow(item.timezone ?? DEFAULT_TIMEZONE, `${prefix}timezone`) })
    checkAll(items, (item, prefix) => { boundsOrThrow(item, prefix) })
    const now = this.clock.now()
    const values: SaveValues[] = items.map((item, i) => replacementValues(ids[i]!, item, now))

    let wake = false
    const registered = await this.database.db.transaction(async (tx) => {
      const out: Registered[] = []
      for (const [i, id] of ids.entries()) {
        const value = values[i]!
        try {
          out.push(await tx.transaction(async (savepoint) => {
            const before = await store.findJob(savepoint, tenantId, id, true)
            if (before !== null && before.jobType !== value.jobType) return { id, status: 'conflict' as const }
            // A pause set through PUT/PATCH survives registration (with its note): every worker restart re-registers.
            const replacement = replacementValues(id, items[i]!, now, `recurring.${i}.`, before)
            const kept = before !== null && !before.enabled
              ? derivedValues(id, { ...replacement, enabled: false, pauseNote: before.pauseNote }, before, now)
              : replacement
            const job = await store.upsertJob(savepoint, tenantId, id, keepingNextRun(before, kept), now)
            await recordChange(savepoint, tenantId, id, before, job, actor, now)
            if (movedEarlier(before?.nextRunAt, job.nextRunAt)) wake = true
            return { id, status: job.updatedAt === null ? 'created' as const : 'updated' as const, job }
          }))
        } catch (error) {
          if (jobTypeConflict(error, value.jobType) === null) throw error
          out.push({ id, status: 'conflict' })
        }
      }
      return out
    })
    if (wake) await this.recurring.wake()
    return { workerId: input.worker_id ?? randomUUID(), registered }
  }
}
