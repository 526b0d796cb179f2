// A recurrence set (RFC 5545 RRULE + RDATE + EXDATE) on dates, with python-dateutil's `rruleset` semantics:
// the set is the rule's dates plus the RDATEs, minus the EXDATEs, each date once, in increasing order. COUNT and
// UNTIL bound the rule's own dates only (an RDATE after UNTIL is still in the set), and an EXDATE removes a date
// whatever produced it, so an excluded rule date still counts toward COUNT.
//
// The merge happens inside the expander (expandDays), on epoch days: exception dates are parsed once per expansion
// into sorted integer arrays and walked with a cursor, so a date costs no lookup and no string until it is yielded.

import { isoDateToEpochDay, parseIsoDate } from './calendar.js'
import { expandDays } from './expand.js'
import type { ExpandOptions, Rule } from './types.js'

export interface SetOptions {
  /** YYYY-MM-DD dates added to the set (RDATE), in any order, duplicates allowed. */
  rdates?: readonly string[]
  /** YYYY-MM-DD dates removed from the set (EXDATE). */
  exdates?: readonly string[]
  /** Caps the rule's dates only, like ExpandOptions.untilDate (a UTC UNTIL resolved by the caller, ends_on). */
  untilDate?: string
  /** YYYY-MM-DD: yield only dates >= after (earlier ones still count toward index). */
  after?: string
  /** Stop after yielding this many. */
  limit?: number
}

export interface SetOccurrence {
  /** YYYY-MM-DD */
  date: string
  /** 0-based position in the set, counted from its first date. */
  index: number
}

/** The epoch days of `dates`, sorted (with duplicates); throws a RangeError naming the first invalid one. */
function epochDaysOrThrow (name: string, dates: readonly string[]): number[] {
  const days = new Array<number>(dates.length)
  for (let k = 0; k < dates.length; k++) {
    const d = dates[k]
    const day = typeof d === 'string' ? isoDateToEpochDay(d) : NaN
    if (Number.isNaN(day)) throw new RangeError(`${name} must hold dates YYYY-MM-DD in years 0001..9999, got ${JSON.stringify(d)}`)
    days[k] = day
  }
  return days.sort((a, b) => a - b)
}

/** Removes repeated values from a sorted array in place. */
function unsafeDistinct (days: number[]): number[] {
  let k = 0
  for (let j = 0; j < days.length; j++) if (k === 0 || days[j] !== days[k - 1]) days[k++] = days[j] as number
  days.length = k
  return days
}

/**
 * Expands the set of `rule` from `dtstart` with `options.rdates` added and `options.exdates` removed. Throws
 * eagerly (RangeError, or what expandDates throws) for invalid arguments.
 */
export function expandSet (rule: Rule, dtstart: string, options: SetOptions = {}): Generator<SetOccurrence> {
  const rdays = unsafeDistinct(epochDaysOrThrow('rdates', options.rdates ?? []))
  const exdays = epochDaysOrThrow('exdates', options.exdates ?? [])
  if (options.after !== undefined && parseIsoDate(options.after) === null) throw new RangeError(`options.after must be a date YYYY-MM-DD, got ${JSON.stringify(options.after)}`)
  const limit = options.limit ?? Infinity
  if (typeof limit !== 'number' || Number.isNaN(limit)) throw new RangeError('options.limit must be a number')
  const expandOptions: ExpandOptions = { limit }
  if (options.untilDate !== undefined) expandOptions.untilDate = options.untilDate
  if (options.after !== undefined) expandOptions.after = options.after
  return expandDays(rule, dtstart, expandOptions, rdays, exdays)
}
