// From instants to wall-clock searches and back, with every DST decision of Cronos (SEMANTICS §7.1–§7.3).
// search.ts finds wall-clock matches; this module decides which instant, if any, each of them becomes.

import type { ZoneRules } from '../time/zones.js'
import type { CronSchedule } from './schedule.js'
import { NOT_FOUND, nextMatchLocal } from './search.js'

export { NOT_FOUND }

/**
 * The first occurrence of `schedule` in the zone of `rules` after `fromMs` (at or after it when `inclusive`),
 * in UTC seconds, or {@link NOT_FOUND}.
 */
export function nextOccurrenceSeconds (schedule: CronSchedule, fromMs: number, rules: ZoneRules, inclusive: boolean): number {
  const fromSeconds = Math.floor(fromMs / 1000)
  // §7.1: a `from` with a fraction of a second means "strictly after it". Occurrences are whole seconds, so
  // that is "strictly after the whole second below it".
  if (fromSeconds * 1000 !== fromMs) inclusive = false

  // §7.2: without DST the wall clock is the UTC clock.
  if (rules.isFixed) {
    const offset = rules.offsetAt(fromSeconds)
    const found = nextMatchLocal(schedule, fromSeconds + offset + (inclusive ? 0 : 1))
    return found === NOT_FOUND ? NOT_FOUND : found - offset
  }

  let local = fromSeconds + rules.offsetAt(fromSeconds)
  const around = rules.transitionAtLocal(local)
  if (around !== null && around.before > around.after) {
    // §7.3 overlap: `local` exists twice. The span is local [lateStart, earlyEnd); its first pass is lived with
    // the pre-transition offset (`before`), its second pass with the post-transition one (`after`).
    const lateStart = around.at + around.after
    const earlyEnd = around.at + around.before
    if (fromSeconds < around.at) {
      // Step 1: `from` is in the first pass. Any expression may fire in what is left of it.
      const found = nextMatchLocal(schedule, inclusive ? local : local + 1)
      if (found !== NOT_FOUND && found < earlyEnd) return found - around.before
      local = lateStart
      inclusive = true
    }
    // Step 2: the second pass. Cronos: only an interval expression fires in both offsets; a non-interval one
    // fired (or would have fired) in the first pass, so it never fires here, even for an inclusive `from`
    // sitting exactly on a match.
    if (schedule.isInterval) {
      const found = nextMatchLocal(schedule, inclusive ? local : local + 1)
      if (found !== NOT_FOUND && found < earlyEnd) return found - around.after
    }
    // Step 3: continue with the first wall time after the overlap.
    local = earlyEnd
    inclusive = true
  }

  const found = nextMatchLocal(schedule, inclusive ? local : local + 1)
  if (found === NOT_FOUND) return NOT_FOUND
  const transition = rules.transitionAtLocal(found)
  if (transition === null) return rules.uniqueInstantOf(found)
  // §7.3 gap: the wall time does not exist. Every scheduled time inside the gap collapses into one occurrence
  // at the first valid instant, the transition itself (02:30 → 03:00 -04:00, not 03:30).
  if (transition.after > transition.before) return transition.at
  // §7.3 overlap reached from before it: the wall time is taken in its first pass (pre-transition offset).
  return found - transition.before
}
