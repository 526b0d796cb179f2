// Public surface of the Cronos-exact cron evaluator: parse once into an immutable CronSchedule, then ask for
// occurrences from any instant in any IANA zone. Pure: no I/O, no clock, no imports from the application.

import { zoneRulesOrThrow, type ZoneRules } from '../time/zones.js'
import type { CronSchedule } from './schedule.js'
import { NOT_FOUND, nextOccurrenceSeconds } from './zoned.js'

export { CronSyntaxError, type CronFieldName } from './errors.js'
export { cronFormatOf, parseCron, type ParseCronOptions } from './parse.js'
export type { CronFormat, CronSchedule } from './schedule.js'

/** Options of {@link nextOccurrence}. */
export interface NextOptions {
  /**
   * When true, `from` itself is returned if it is a whole second that matches (Cronos's `inclusive`); an
   * instant with a fraction of a second is always followed strictly. Default false: strictly after `from`.
   */
  inclusive?: boolean
}

function instantMs (from: Date): number {
  const ms = from instanceof Date ? from.getTime() : Number.NaN
  if (!Number.isFinite(ms)) throw new RangeError('Invalid "from" instant: expected a valid Date')
  return ms
}

/**
 * The first occurrence of `schedule` strictly after `from` (or at `from` with `inclusive`), evaluated on the wall
 * clock of `zone` (an IANA name, see `isValidZone`) with Cronos's daylight-saving rules: a time that falls in a
 * spring-forward gap fires once at the first instant after the gap; in an autumn overlap an interval expression
 * (`*`, ranges or steps in second/minute/hour) fires in both offsets, any other expression only in the first.
 *
 * Occurrences are whole seconds. Returns null when there is no occurrence up to the end of local year 9999
 * (Cronos's horizon), e.g. for `0 0 30 2 *`; such schedules are recognised at parse time and answer at once.
 *
 * @throws RangeError for an unknown zone or an invalid `from`.
 */
export function nextOccurrence (schedule: CronSchedule, from: Date, zone: string, options: NextOptions = {}): Date | null {
  const seconds = nextOccurrenceSeconds(schedule, instantMs(from), zoneRulesOrThrow(zone), options.inclusive === true)
  return seconds === NOT_FOUND ? null : new Date(seconds * 1000)
}

/**
 * Up to `count` consecutive occurrences of `schedule` from `from` (the first one as {@link nextOccurrence} with
 * `inclusive`, each next one strictly after the previous), fewer when the schedule has no more before Cronos's
 * horizon. `count` ≤ 0 gives an empty list.
 *
 * @throws RangeError for an unknown zone, an invalid `from` or a `count` that is not an integer.
 */
export function occurrences (schedule: CronSchedule, from: Date, zone: string,
  options: { inclusive?: boolean, count: number }): Date[] {
  return occurrencesIn(schedule, from, zoneRulesOrThrow(zone), options).map((seconds) => new Date(seconds * 1000))
}

/**
 * {@link occurrences} in the zone of `rules`, as UTC whole seconds: for a caller that writes them at once
 * (`formatInZone`) and needs neither a Date nor the zone looked up again per occurrence.
 */
export function occurrencesIn (schedule: CronSchedule, from: Date, rules: ZoneRules,
  options: { inclusive?: boolean, count: number }): number[] {
  if (!Number.isInteger(options.count)) throw new RangeError('"count" must be an integer')
  const found: number[] = []
  let fromMs = instantMs(from)
  let inclusive = options.inclusive === true
  while (found.length < options.count) {
    const seconds = nextOccurrenceSeconds(schedule, fromMs, rules, inclusive)
    if (seconds === NOT_FOUND) break
    found.push(seconds)
    fromMs = seconds * 1000
    inclusive = false
  }
  return found
}
