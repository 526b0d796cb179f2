// The execution row's state machine (docs/contract.md §6, §11, §12), pure: every transition an execution can make is
// decided here from the row and `now`, and store.ts writes exactly what these functions return. Nothing else
// decides a status, a lease, an attempt number or a retry time, so the retry-or-fail rule exists once.
//
//   enqueue ──▶ queued ──claim──▶ running ──complete──▶ succeeded
//                 ▲                 │ │
//                 └── fail/expire ──┘ └── fail/expire (attempt = max_attempts), replace ──▶ failed
//                 └──── release ────┘
import { toTimestamp } from '../time/rfc3339.js'
import { retryDelayMs } from './backoff.js'

export type ExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed'
export type ExecutionTrigger = 'schedule' | 'manual' | 'backfill'

/** last_error of an attempt whose lease ran out (docs/contract.md §6). */
export const LEASE_TIMEOUT_ERROR = 'timeout'
/** last_error of an execution ended by a newer occurrence under overlap_policy replace (docs/contract.md §12). */
export const REPLACED_ERROR = 'replaced'

/** What an execution copies from its schedule when it is enqueued. */
export interface JobTemplate {
  readonly tenantId: string
  readonly recurringId: string
  readonly jobType: string
  readonly queue: string
  readonly payload: Record<string, unknown>
  readonly maxAttempts: number
  readonly timeoutSeconds: number
}

export interface Occurrence {
  readonly trigger: ExecutionTrigger
  readonly scheduledFor: Date
  /** How many occurrences the execution stands for (1 when on time). */
  readonly coalescedCount: number
  /** The last occurrence it stands for; scheduledFor when omitted. */
  readonly coversUntil?: Date | undefined
}

/** A new execution of a schedule's occurrence, apart from the job fields it copies from the schedule. */
export interface NewOccurrenceExecution extends Occurrence {
  readonly tenantId: string
  readonly recurringId: string
  /** Chosen by the caller when another planned row must refer to it (buffer_one); generated otherwise. */
  readonly id?: string | undefined
  readonly coversUntil: Date
  /** overlap_policy buffer_one: not claimable while this execution is queued or running. */
  readonly blockedBy: string | null
  readonly status: 'queued'
  readonly attempt: 0
  readonly enqueuedAt: Date
  readonly availableAt: Date
}

/** A row to insert: the occurrence's execution with the job fields of its schedule. */
export interface NewExecution extends JobTemplate, NewOccurrenceExecution {}

/** The columns a transition may change. */
export interface ExecutionPatch {
  status?: ExecutionStatus
  attempt?: number
  availableAt?: Date
  startedAt?: Date | null
  finishedAt?: Date | null
  leaseExpiresAt?: Date | null
  workerId?: string | null
  lastError?: string | null
  result?: unknown
}

/** The parts of a row the transitions read. */
export interface ExecutionState {
  readonly id: string
  readonly status: ExecutionStatus
  readonly attempt: number
  readonly maxAttempts: number
  readonly timeoutSeconds: number
  readonly workerId: string | null
  readonly leaseExpiresAt: Date | null
}

/**
 * A new execution of the schedule's occurrence: queued, no attempt yet, available from now (claimable once nothing
 * blocks it). The scheduler and backfill insert these as they are (store.insertScheduledExecutions copies the job
 * fields from the schedule row in the database); enqueue adds the job fields for a row written whole.
 */
export function enqueueOccurrence (schedule: { readonly tenantId: string, readonly recurringId: string }, occurrence: Occurrence, now: Date,
  extra: { id?: string, blockedBy?: string | null } = {}): NewOccurrenceExecution {
  const row: NewOccurrenceExecution = {
    tenantId: schedule.tenantId,
    recurringId: schedule.recurringId,
    trigger: occurrence.trigger,
    scheduledFor: occurrence.scheduledFor,
    coalescedCount: occurrence.coalescedCount,
    coversUntil: occurrence.coversUntil ?? occurrence.scheduledFor,
    blockedBy: extra.blockedBy ?? null,
    status: 'queued',
    attempt: 0,
    enqueuedAt: now,
    availableAt: now
  }
  return extra.id === undefined ? row : { id: extra.id, ...row }
}

/** A new execution, with the job fields it copies from its schedule (a manual trigger). */
export function enqueue (job: JobTemplate, occurrence: Occurrence, now: Date, extra: { id?: string, blockedBy?: string | null } = {}): NewExecution {
  return { ...job, ...enqueueOccurrence(job, occurrence, now, extra) }
}

/** When a lease taken or renewed at `now` runs out. */
export function leaseUntil (now: Date, timeoutSeconds: number): Date {
  return new Date(now.getTime() + timeoutSeconds * 1000)
}

/**
 * Claimable: queued, available, and not waiting behind an unfinished execution (docs/contract.md §12 buffer_one).
 * store.claimExecutions selects exactly these, oldest available first.
 */
export function isClaimable (row: Pick<ExecutionState, 'status'> & { availableAt: Date }, now: Date, blocker: { status: ExecutionStatus } | null = null): boolean {
  return row.status === 'queued' && row.availableAt.getTime() <= now.getTime() && (blocker === null || isFinished(blocker.status))
}

export function isFinished (status: ExecutionStatus): boolean {
  return status === 'succeeded' || status === 'failed'
}

/**
 * Unfinished at `now`, as the overlap policies judge it (docs/contract.md §12): queued, or running — unless its lease ran
 * out before now on its last attempt, which has then already failed (expire), whichever instance writes that down.
 * A running one with attempts left is unfinished either way (expire queues it again). store.unfinishedExecutions
 * selects exactly these, in SQL.
 */
export function isUnfinishedAt (row: Pick<ExecutionState, 'status' | 'attempt' | 'maxAttempts' | 'leaseExpiresAt'>, now: Date): boolean {
  if (row.status === 'queued') return true
  if (row.status !== 'running') return false
  return row.leaseExpiresAt === null || row.leaseExpiresAt.getTime() >= now.getTime() || row.attempt < row.maxAttempts
}

/**
 * queued → running: one more attempt, leased to `workerId` for timeout_seconds. store.claimExecutions applies
 * this to a whole set in one statement (the same columns, computed in SQL); a test keeps the two equal.
 */
export function claim (row: Pick<ExecutionState, 'attempt' | 'timeoutSeconds'>, workerId: string, now: Date): ExecutionPatch {
  return { status: 'running', attempt: row.attempt + 1, startedAt: now, leaseExpiresAt: leaseUntil(now, row.timeoutSeconds), workerId }
}

/**
 * Why `workerId` may not act on the row at `now`, or null when it holds a live lease: status running, same
 * worker, lease_expires_at ≥ now (a lease that ran out is lost even before the scheduler notices it).
 */
export function leaseConflict (row: ExecutionState, workerId: string, now: Date): string | null {
  if (row.status !== 'running') return `Execution ${row.id} is ${row.status}, not running: there is no lease to act on`
  if (row.workerId !== workerId) return `Execution ${row.id} is leased to another worker`
  if (row.leaseExpiresAt === null || row.leaseExpiresAt.getTime() < now.getTime()) {
    return `The lease on execution ${row.id} expired at ${row.leaseExpiresAt === null ? 'an unknown time' : toTimestamp(row.leaseExpiresAt)}`
  }
  return null
}

export function heartbeat (row: Pick<ExecutionState, 'timeoutSeconds'>, now: Date): ExecutionPatch {
  return { leaseExpiresAt: leaseUntil(now, row.timeoutSeconds) }
}

export function complete (now: Date, result: unknown): ExecutionPatch {
  return { status: 'succeeded', finishedAt: now, leaseExpiresAt: null, result: result ?? null }
}

/**
 * docs/contract.md §6, the one retry-or-fail rule: a failed attempt is queued again after the backoff
 * (5 s × 2^(attempt−1), capped at 1 h, × [0.5, 1] from `random`), or ends `failed` once attempt = max_attempts.
 * The lease is cleared; worker_id keeps the last holder.
 */
export function fail (row: Pick<ExecutionState, 'attempt' | 'maxAttempts'>, error: string, now: Date, random: number): ExecutionPatch {
  if (row.attempt >= row.maxAttempts) return { status: 'failed', finishedAt: now, leaseExpiresAt: null, lastError: error }
  return { status: 'queued', availableAt: new Date(now.getTime() + retryDelayMs(row.attempt, random)), finishedAt: null, leaseExpiresAt: null, lastError: error }
}

/** docs/contract.md §6: an expired lease is a failed attempt with last_error "timeout". */
export function expire (row: Pick<ExecutionState, 'attempt' | 'maxAttempts'>, now: Date, random: number): ExecutionPatch {
  return fail(row, LEASE_TIMEOUT_ERROR, now, random)
}

/** docs/contract.md §11: back to queued and claimable now, the attempt given back (a release is not a failed attempt). */
export function release (row: Pick<ExecutionState, 'attempt'>, now: Date): ExecutionPatch {
  return { status: 'queued', attempt: Math.max(0, row.attempt - 1), availableAt: now, startedAt: null, leaseExpiresAt: null }
}

/** docs/contract.md §12 overlap_policy replace: the earlier execution ends failed; its worker's next call gets 409. */
export function replace (now: Date): ExecutionPatch {
  return { status: 'failed', finishedAt: now, leaseExpiresAt: null, lastError: REPLACED_ERROR }
}

/** True when the patch ends the execution. */
export function isFinal (patch: ExecutionPatch): boolean {
  return patch.status === 'succeeded' || patch.status === 'failed'
}
