// How a recurring job's cron expression becomes occurrences, in one place for the API, previews and the
// scheduler: the format is picked by field count (as Hangfire does), `H` is seeded with the schedule id
// (docs/contract.md §5), and parse errors become 400 invalid_cron_expression / invalid_timezone.
import { CronSyntaxError, nextOccurrence, parseCron, cronFormatOf, type CronSchedule } from '../cron/index.js'
import { ApiError } from '../errors.js'
import { isValidZone } from '../time/zones.js'

// Parsed schedules are immutable, so the scheduler can reuse them across ticks. Bounded: a plain Map in
// insertion order, oldest dropped first.
const CACHE_LIMIT = 50_000
const cache = new Map<string, CronSchedule>()

/** Parses (cached) with the format chosen by field count; `seed` feeds H (the schedule id), undefined refuses H. */
export function scheduleOf (cronExpression: string, seed: string | undefined): CronSchedule {
  // Only H depends on the seed: an expression without an H (or h) is the same schedule for every id, so the
  // cache holds one entry per distinct expression rather than one per schedule.
  const key = /h/i.test(cronExpression) ? `${seed ?? ''}\u0000${cronExpression}` : cronExpression
  let schedule = cache.get(key)
  if (schedule === undefined) {
    schedule = parseCron(cronExpression, { format: cronFormatOf(cronExpression), ...(seed === undefined ? {} : { seed }) })
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
    cache.set(key, schedule)
  }
  return schedule
}

/** scheduleOf, with the parse error turned into 400 invalid_cron_expression naming the field and text. */
export function scheduleOrThrow (cronExpression: string, seed: string | undefined, field = 'cron_expression'): CronSchedule {
  try {
    return scheduleOf(cronExpression, seed)
  } catch (error) {
    if (error instanceof CronSyntaxError) {
      throw new ApiError('invalid_cron_expression', `Invalid cron expression "${cronExpression}": ${error.message}`, [{ field, message: error.message }])
    }
    throw error
  }
}

export function zoneOrThrow (timezone: string, field = 'timezone'): string {
  if (!isValidZone(timezone)) {
    throw new ApiError('invalid_timezone', `"${timezone}" is not a recognized IANA time zone`, [{ field, message: 'is not a recognized IANA time zone (e.g. America/New_York)' }])
  }
  return timezone
}

/** docs/contract.md §12 bounds of a schedule: no occurrence before starts_at or after ends_at, at most max_runs runs. */
export interface ScheduleBounds {
  readonly startsAt?: Date | null | undefined
  readonly endsAt?: Date | null | undefined
  readonly maxRuns?: number | null | undefined
  readonly runsCount?: number | undefined
}

/**
 * The first occurrence strictly after `after` that the bounds allow (at or after starts_at, at or before ends_at),
 * or null. Throws (CronSyntaxError, RangeError) only if the stored row is broken.
 */
export function nextWithinBounds (job: { id: string, cronExpression: string, timezone: string }, after: Date, bounds: ScheduleBounds = {}): Date | null {
  const startsAt = bounds.startsAt ?? null
  // Occurrences are whole seconds: strictly after starts_at − 1 ms is "at or after starts_at".
  const from = startsAt !== null && startsAt.getTime() - 1 > after.getTime() ? new Date(startsAt.getTime() - 1) : after
  const next = nextOccurrence(scheduleOf(job.cronExpression, job.id), from, job.timezone)
  if (next === null || (bounds.endsAt != null && next.getTime() > bounds.endsAt.getTime())) return null
  return next
}

/** True when max_runs has been reached. */
export function runsExhausted (bounds: ScheduleBounds): boolean {
  return bounds.maxRuns != null && (bounds.runsCount ?? 0) >= bounds.maxRuns
}

/**
 * docs/contract.md §6, §12: the first occurrence strictly after `after` in the schedule's zone within its bounds, or null
 * when the schedule is disabled, has run max_runs times, or never fires again.
 */
export function nextRunAfter (job: { id: string, cronExpression: string, timezone: string, enabled: boolean } & ScheduleBounds, after: Date): Date | null {
  if (!job.enabled || runsExhausted(job)) return null
  return nextWithinBounds(job, after, job)
}

/** docs/contract.md §12 state: paused while disabled, ended when it can never fire again, otherwise active. */
export function scheduleState (job: { id: string, cronExpression: string, timezone: string, enabled: boolean } & ScheduleBounds, now: Date): 'active' | 'paused' | 'ended' {
  const canFire = !runsExhausted(job) && nextWithinBounds(job, now, job) !== null
  if (!canFire) return 'ended'
  return job.enabled ? 'active' : 'paused'
}
