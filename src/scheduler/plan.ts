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
//
// docs/contract.md §12 controls, judged here when occurrences are due:
// - misfire_policy: an occurrence older than misfire_threshold_seconds at `now` is missed. coalesce (default):
//   one execution for every due occurrence, as above. all: one execution per missed occurrence (at most
//   MISFIRE_ALL_CAP, the rest skipped_misfire). skip: missed ones are skipped_misfire. On-time occurrences each
//   get their own execution under all and skip.
// - overlap_policy, against the schedule's unfinished (queued or running) executions, oldest first: allow
//   enqueues; skip enqueues only when none is unfinished (the others are skipped_overlap); buffer_one lets one
//   execution wait behind the unfinished one (blocked_by: not claimable until it ends), skipping the rest;
//   replace ends every unfinished one (`replaced`) and enqueues only the latest due occurrence, an earlier one
//   of the same tick being skipped_overlap.
// - starts_at / ends_at bound the occurrences; max_runs bounds the schedule-triggered executions (runs_count):
//   when reached, next_run_at becomes null.
import { nextWithinBounds, type ScheduleBounds } from '../recurring/cron.js'

export const COALESCE_COUNT_CAP = 100_000
export const EVALUATION_RETRY_MS = 60_000
/** docs/contract.md §12 misfire_policy all: at most this many executions for missed occurrences, the rest skipped. */
export const MISFIRE_ALL_CAP = 1000
const ERROR_TEXT_LIMIT = 1000
const DEFAULT_MISFIRE_THRESHOLD_SECONDS = 60

export type OverlapPolicy = 'allow' | 'skip' | 'buffer_one' | 'replace'
export type MisfirePolicy = 'coalesce' | 'all' | 'skip'

export interface DueSchedule extends ScheduleBounds {
  readonly tenantId: string
  readonly id: string
  readonly cronExpression: string
  readonly timezone: string
  readonly nextRunAt: Date
  readonly lastRunAt: Date | null
  readonly evaluationError: string | null
  readonly createdAt: Date
  readonly updatedAt: Date | null
  readonly overlapPolicy?: OverlapPolicy | undefined
  readonly misfirePolicy?: MisfirePolicy | undefined
  readonly misfireThresholdSeconds?: number | undefined
  /** Ids of the schedule's queued or running executions, oldest first (read only when overlap_policy ≠ allow). */
  readonly active?: readonly string[] | undefined
}

/** An execution to enqueue. blockedBy: an existing execution's id, or the index of an earlier planned one. */
export interface PlannedExecution {
  readonly scheduledFor: Date
  readonly coalescedCount: number
  /** The last occurrence it stands for (= scheduledFor unless coalesced). */
  readonly coversUntil: Date
  readonly blockedBy: { readonly execution: string } | { readonly planned: number } | null
}

/** Occurrences in [fromAt, untilAt) that get no execution, and why. */
export interface PlannedSkip {
  readonly fromAt: Date
  readonly untilAt: Date
  readonly outcome: 'skipped_overlap' | 'skipped_misfire'
}

export type SchedulePlan =
  | {
    readonly kind: 'fire'
    readonly tenantId: string
    readonly id: string
    readonly executions: readonly PlannedExecution[]
    readonly skips: readonly PlannedSkip[]
    /** Unfinished executions that overlap_policy replace ends. */
    readonly replace: readonly string[]
    /** The latest occurrence enqueued (docs/contract.md §6 last_run_at), or null to keep the stored one. */
    readonly lastRunAt: Date | null
    readonly nextRunAt: Date | null
  }
  /** Recovered with nothing missed, or nothing allowed to fire: only next_run_at moves (evaluation_error cleared). */
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

interface Candidate { readonly scheduledFor: Date, readonly coalescedCount: number, readonly coversUntil: Date }

const single = (at: Date): Candidate => ({ scheduledFor: at, coalescedCount: 1, coversUntil: at })
const afterCovered = (c: Candidate): Date => new Date(c.coversUntil.getTime() + 1)

// Module-level helpers rather than closures made per schedule: a burst plans 100,000 schedules, and the closures
// (with tsx's name wrappers) were most of the planner's time and garbage.
const next = (s: DueSchedule, after: Date): Date | null => nextWithinBounds(s, after, s)
const advance = (s: DueSchedule, nextRunAt: Date | null): SchedulePlan => ({ kind: 'advance', tenantId: s.tenantId, id: s.id, nextRunAt })
const overlapSkip = (c: Candidate): PlannedSkip => ({ fromAt: c.scheduledFor, untilAt: afterCovered(c), outcome: 'skipped_overlap' })

function evaluate (s: DueSchedule, now: Date, cap: number): SchedulePlan {
  const nowMs = now.getTime()
  const remaining = s.maxRuns == null ? Infinity : s.maxRuns - (s.runsCount ?? 0)

  let first: Date | null = s.nextRunAt
  if (s.evaluationError !== null) {
    const base = Math.max(s.lastRunAt?.getTime() ?? -Infinity, (s.updatedAt ?? s.createdAt).getTime())
    first = next(s, new Date(base))
    if (first === null || first.getTime() > nowMs) return advance(s, first === null ? null : next(s, now))
  } else if (s.endsAt != null && first.getTime() > s.endsAt.getTime()) {
    return advance(s, null)
  }
  if (remaining <= 0) return advance(s, null)

  // Which due occurrences become executions (before overlap), and which are skipped as misfired.
  const candidates: Candidate[] = []
  const skips: PlannedSkip[] = []
  let following: Date | null
  const misfire = s.misfirePolicy ?? 'coalesce'
  if (misfire === 'coalesce') {
    let count = 1
    let cursor = first
    for (;;) {
      following = next(s, cursor)
      if (following === null || following.getTime() > nowMs) break
      count++
      cursor = following
      if (count >= cap) { following = next(s, now); break }
    }
    candidates.push({ scheduledFor: first, coalescedCount: count, coversUntil: cursor })
  } else {
    const onTimeFromMs = nowMs - (s.misfireThresholdSeconds ?? DEFAULT_MISFIRE_THRESHOLD_SECONDS) * 1000
    // The skipped range never reaches past ends_at: the occurrences after it are after_end, not skipped_misfire.
    const skippedUntilMs = s.endsAt == null ? onTimeFromMs : Math.min(onTimeFromMs, s.endsAt.getTime() + 1)
    let missed = 0
    let occurrence: Date | null = first
    while (occurrence !== null && occurrence.getTime() <= nowMs) {
      if (occurrence.getTime() < onTimeFromMs && (misfire === 'skip' || missed >= MISFIRE_ALL_CAP)) {
        // Every missed occurrence from here on is skipped, in one range; the walk resumes at the first on-time one.
        skips.push({ fromAt: occurrence, untilAt: new Date(skippedUntilMs), outcome: 'skipped_misfire' })
        occurrence = next(s, new Date(onTimeFromMs - 1))
        continue
      }
      if (occurrence.getTime() < onTimeFromMs) missed++
      candidates.push(single(occurrence))
      if (candidates.length >= cap) { occurrence = next(s, now); break }
      occurrence = next(s, occurrence)
    }
    following = occurrence
  }

  // Overlap with the schedule's unfinished executions.
  const active = s.active ?? []
  const executions: PlannedExecution[] = []
  const replace: string[] = []
  switch (s.overlapPolicy ?? 'allow') {
    case 'allow':
      for (const c of candidates) executions.push({ ...c, blockedBy: null })
      break
    case 'skip':
      for (const c of candidates) {
        if (active.length === 0 && executions.length === 0) executions.push({ ...c, blockedBy: null })
        else skips.push(overlapSkip(c))
      }
      break
    case 'buffer_one': {
      let unfinished = active.length
      for (const c of candidates) {
        if (unfinished >= 2) { skips.push(overlapSkip(c)); continue }
        const blockedBy = unfinished === 0
          ? null
          : executions.length > 0 ? { planned: executions.length - 1 } : { execution: active[active.length - 1]! }
        executions.push({ ...c, blockedBy })
        unfinished++
      }
      break
    }
    case 'replace': {
      const latest = candidates[candidates.length - 1]
      for (const c of candidates.slice(0, -1)) skips.push(overlapSkip(c))
      if (latest !== undefined) {
        replace.push(...active)
        executions.push({ ...latest, blockedBy: null })
      }
      break
    }
  }

  // max_runs: executions beyond it are never enqueued (the ledger shows them after_end), and the schedule ends.
  const enqueued = executions.length <= remaining ? executions : executions.slice(0, Math.max(0, remaining))
  const ended = remaining - enqueued.length <= 0
  if (skips.length > 1) skips.sort((a, b) => a.fromAt.getTime() - b.fromAt.getTime())
  return {
    kind: 'fire',
    tenantId: s.tenantId,
    id: s.id,
    executions: enqueued,
    skips,
    replace: enqueued.length > 0 ? replace : [],
    lastRunAt: enqueued.length > 0 ? enqueued[enqueued.length - 1]!.scheduledFor : null,
    nextRunAt: ended ? null : following
  }
}
