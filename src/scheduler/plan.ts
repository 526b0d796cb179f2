// Pure: what one due schedule becomes at `now` (docs/contract.md §6). No database, no clock: tick.ts feeds it rows and
// writes its decisions in one transaction per batch.
//
// - On time: one execution with scheduled_for = next_run_at, coalesced_count 1, last_run_at = that occurrence,
//   next_run_at = the first occurrence strictly after now.
// - Late (the service was down): the same single execution, with coalesced_count = how many occurrences from the
//   stored next_run_at up to now it stands for. Counting walks the occurrences, so it is capped at
//   COALESCE_COUNT_CAP (an every-second schedule down for more than ~27.8 h reports 100,000); next_run_at is then
//   computed directly from now, so the cap never delays the schedule.
// - Evaluation throws (a bug, a zone the runtime lost): nothing is enqueued, last_run_at is kept, evaluation_error
//   records the message and next_run_at becomes now + 60 s, which is then a retry time, not an occurrence.
// - Recovering (evaluation_error was set and evaluation works again): the occurrences missed since the last
//   known good point — greatest(last_run_at, updated_at ?? created_at), exclusive — coalesce into one execution
//   like any late schedule; with none up to now it only moves next_run_at. evaluation_error is cleared.
import { nextOccurrence } from '../cron/index.js'
import { scheduleOf } from '../recurring/cron.js'

export const COALESCE_COUNT_CAP = 100_000
export const EVALUATION_RETRY_MS = 60_000
const ERROR_TEXT_LIMIT = 1000

export interface DueSchedule {
  readonly tenantId: string
  readonly id: string
  readonly cronExpression: string
  readonly timezone: string
  readonly nextRunAt: Date
  readonly lastRunAt: Date | null
  readonly evaluationError: string | null
  readonly createdAt: Date
  readonly updatedAt: Date | null
}

export type SchedulePlan =
  | {
    readonly kind: 'enqueue'
    readonly tenantId: string
    readonly id: string
    readonly scheduledFor: Date
    readonly coalescedCount: number
    /** = scheduledFor (docs/contract.md §6: last_run_at is set to the occurrence the execution is for). */
    readonly lastRunAt: Date
    readonly nextRunAt: Date | null
  }
  /** Recovered with nothing missed: only next_run_at moves (and evaluation_error is cleared). */
  | { readonly kind: 'advance', readonly tenantId: string, readonly id: string, readonly nextRunAt: Date | null }
  | { readonly kind: 'failed', readonly tenantId: string, readonly id: string, readonly error: string, readonly retryAt: Date }

export interface PlanOptions {
  readonly coalesceCap?: number
  readonly retryDelayMs?: number
}

/** Plans every due schedule of a batch; one that throws becomes a `failed` plan and never affects the others. */
export function planBatch (due: readonly DueSchedule[], now: Date, options: PlanOptions = {}): SchedulePlan[] {
  return due.map((schedule) => planSchedule(schedule, now, options))
}

export function planSchedule (s: DueSchedule, now: Date, options: PlanOptions = {}): SchedulePlan {
  try {
    return evaluate(s, now, options.coalesceCap ?? COALESCE_COUNT_CAP)
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return {
      kind: 'failed',
      tenantId: s.tenantId,
      id: s.id,
      error: message.slice(0, ERROR_TEXT_LIMIT),
      retryAt: new Date(now.getTime() + (options.retryDelayMs ?? EVALUATION_RETRY_MS))
    }
  }
}

function evaluate (s: DueSchedule, now: Date, cap: number): SchedulePlan {
  const schedule = scheduleOf(s.cronExpression, s.id)
  const next = (after: Date): Date | null => nextOccurrence(schedule, after, s.timezone)
  const nowMs = now.getTime()

  let first: Date | null = s.nextRunAt
  if (s.evaluationError !== null) {
    const base = Math.max(s.lastRunAt?.getTime() ?? -Infinity, (s.updatedAt ?? s.createdAt).getTime())
    first = next(new Date(base))
    if (first === null || first.getTime() > nowMs) {
      return { kind: 'advance', tenantId: s.tenantId, id: s.id, nextRunAt: first === null ? null : next(now) }
    }
  }

  let count = 1
  let cursor = first
  let following: Date | null
  for (;;) {
    following = next(cursor)
    if (following === null || following.getTime() > nowMs) break
    count++
    cursor = following
    if (count >= cap) { following = next(now); break }
  }
  return { kind: 'enqueue', tenantId: s.tenantId, id: s.id, scheduledFor: first, coalescedCount: count, lastRunAt: first, nextRunAt: following }
}
