// A recurrence set (RFC 5545 RRULE + RDATE + EXDATE) on dates, with python-dateutil's `rruleset` semantics:
// the set is the rule's dates plus the RDATEs, minus the EXDATEs, each date once, in increasing order. COUNT and
// UNTIL bound the rule's own dates only (an RDATE after UNTIL is still in the set), and an EXDATE removes a date
// whatever produced it, so an excluded rule date still counts toward COUNT.

import { parseIsoDate } from './calendar.js'
import { expandDates } from './expand.js'
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

function datesOrThrow (name: string, dates: readonly string[]): string[] {
  for (const d of dates) {
    if (typeof d !== 'string' || parseIsoDate(d) === null) throw new RangeError(`${name} must hold dates YYYY-MM-DD in years 0001..9999, got ${JSON.stringify(d)}`)
  }
  return [...dates]
}

/**
 * Expands the set of `rule` from `dtstart` with `options.rdates` added and `options.exdates` removed. Throws
 * eagerly (RangeError, or what expandDates throws) for invalid arguments.
 */
export function expandSet (rule: Rule, dtstart: string, options: SetOptions = {}): Generator<SetOccurrence> {
  const rdates = [...new Set(datesOrThrow('rdates', options.rdates ?? []))].sort()
  const exdates = new Set(datesOrThrow('exdates', options.exdates ?? []))
  if (options.after !== undefined && parseIsoDate(options.after) === null) throw new RangeError(`options.after must be a date YYYY-MM-DD, got ${JSON.stringify(options.after)}`)
  const limit = options.limit ?? Infinity
  if (typeof limit !== 'number' || Number.isNaN(limit)) throw new RangeError('options.limit must be a number')
  const expandOptions: ExpandOptions = options.untilDate === undefined ? {} : { untilDate: options.untilDate }
  const ruleDates = expandDates(rule, dtstart, expandOptions)
  return merge(ruleDates, rdates, exdates, options.after, limit)
}

function * merge (ruleDates: Iterator<{ date: string }>, rdates: readonly string[], exdates: ReadonlySet<string>,
  after: string | undefined, limit: number): Generator<SetOccurrence> {
  if (limit <= 0) return
  let next = ruleDates.next()
  let r = 0
  let index = 0
  let yielded = 0
  const noExdates = exdates.size === 0
  for (;;) {
    const fromRule = next.done === true ? undefined : next.value.date
    const fromRdates = rdates[r]
    let date: string
    if (fromRule === undefined) {
      if (fromRdates === undefined) return
      date = fromRdates
      r++
    } else if (fromRdates === undefined || fromRule < fromRdates) {
      date = fromRule
      next = ruleDates.next()
    } else {
      date = fromRdates
      r++
      // An RDATE that is also a rule date is one member of the set.
      if (fromRule === fromRdates) next = ruleDates.next()
    }
    if (!noExdates && exdates.has(date)) continue
    if (after === undefined || date >= after) {
      yield { date, index }
      if (++yielded >= limit) return
    }
    index++
  }
}
