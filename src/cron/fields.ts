// The field table that drives the parser and its messages: ranges, names and which special tokens each field
// allows (Cronos grammar, SEMANTICS §1–§3). Nothing else in the parser hard-codes a field's limits.

import type { CronFieldName } from './errors.js'

export interface FieldDescriptor {
  readonly name: CronFieldName
  /** Smallest and largest value written in an expression (day of week: 0–7, 7 = Sunday). */
  readonly min: number
  readonly max: number
  /**
   * Last value of the field's cycle for reversed ranges (`22-2`): the maximum, except 6 for day of week, whose
   * cycle is 0–6 (7 is Sunday again, not a day of its own).
   */
  readonly cycleTop: number
  /** Three-letter names (upper case) and their values, or null when the field takes numbers only. */
  readonly names: ReadonlyMap<string, number> | null
  /** Human description of the allowed values, used in messages. */
  readonly allowed: string
  /** Range an `H` picks its value from (day of month stops at 28 so that `H` fires every month). */
  readonly hashMin: number
  readonly hashMax: number
  /** Second, minute and hour decide whether an expression is an "interval" one (SEMANTICS §6). */
  readonly timeOfDay: boolean
}

const MONTH_NAMES = new Map(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
  .map((name, index) => [name, index + 1]))
const DAY_NAMES = new Map(['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'].map((name, index) => [name, index]))

function field (name: CronFieldName, min: number, max: number, extra: Partial<FieldDescriptor> = {}): FieldDescriptor {
  return Object.freeze({
    name,
    min,
    max,
    cycleTop: max,
    names: null,
    allowed: `${min}-${max}`,
    hashMin: min,
    hashMax: max,
    timeOfDay: false,
    ...extra
  })
}

export const SECOND = field('second', 0, 59, { timeOfDay: true })
export const MINUTE = field('minute', 0, 59, { timeOfDay: true })
export const HOUR = field('hour', 0, 23, { timeOfDay: true })
export const DAY_OF_MONTH = field('day of month', 1, 31, { hashMax: 28 })
export const MONTH = field('month', 1, 12, { names: MONTH_NAMES, allowed: '1-12 or JAN-DEC' })
export const DAY_OF_WEEK = field('day of week', 0, 7, {
  names: DAY_NAMES, cycleTop: 6, hashMax: 6, allowed: '0-7 (0 and 7 are Sunday) or SUN-SAT'
})

/** Fields in expression order for each format. */
export const STANDARD_FIELDS: readonly FieldDescriptor[] = [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK]
export const SECONDS_FIELDS: readonly FieldDescriptor[] = [SECOND, ...STANDARD_FIELDS]

// Day rules: how the day-of-month and day-of-week fields select days beyond a plain set of values.

/** Day-of-month rule: a set of days (`*`, lists, ranges, steps). */
export const DOM_SET = 0
/** Day-of-month rule: `L` / `L-n`, optionally with `W` (nearest weekday to that day). */
export const DOM_LAST = 1
/** Day-of-month rule: `nW`, the weekday nearest to day n. */
export const DOM_NEAREST_WEEKDAY = 2
/** Day-of-week rule: a set of weekdays. */
export const DOW_SET = 0
/** Day-of-week rule: `nL`, the last such weekday of the month. */
export const DOW_LAST = 1
/** Day-of-week rule: `n#k`, the k-th such weekday of the month. */
export const DOW_NTH = 2
