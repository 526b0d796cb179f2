// The parsed, immutable form of a cron expression: one bitset per field plus the flags of the special
// day forms. Parsing builds it once; the search (search.ts) reads it many times and never changes it.

import { DOW_SET } from './fields.js'
import { firstBit, firstBit60, isReachable } from './search.js'

/** `standard`: 5 fields (minute hour day-of-month month day-of-week); `seconds`: 6, with a leading second. */
export type CronFormat = 'standard' | 'seconds'

export interface CronScheduleFields {
  readonly expression: string
  readonly format: CronFormat
  readonly secondsLow: number
  readonly secondsHigh: number
  readonly minutesLow: number
  readonly minutesHigh: number
  readonly hours: number
  readonly daysOfMonth: number
  readonly months: number
  readonly daysOfWeek: number
  readonly dayOfMonthRule: number
  readonly lastDayOffset: number
  readonly nearestWeekday: boolean
  readonly weekdayTarget: number
  readonly dayOfWeekRule: number
  readonly nthWeek: number
  readonly isInterval: boolean
}

/**
 * A parsed cron expression (see `parseCron`). Immutable. Bit `v` of a field's bitset is set when value `v`
 * matches; seconds and minutes need 60 bits and are split into a low word (0–31) and a high word (32–59, as
 * bits 0–27).
 */
export class CronSchedule implements CronScheduleFields {
  /** The expression as given to `parseCron`. */
  readonly expression: string
  /** The field layout the expression was parsed with (macros: the layout of their equivalent). */
  readonly format: CronFormat
  readonly secondsLow: number
  readonly secondsHigh: number
  readonly minutesLow: number
  readonly minutesHigh: number
  /** Bits 0–23. */
  readonly hours: number
  /** Bits 1–31; used when {@link dayOfMonthRule} is `DOM_SET`. */
  readonly daysOfMonth: number
  /** Bits 1–12. */
  readonly months: number
  /** Bits 0–6, Sunday = 0 (a 7 in the expression is folded into 0). */
  readonly daysOfWeek: number
  readonly dayOfMonthRule: number
  /** n of `L-n` (0 for `L`). */
  readonly lastDayOffset: number
  /** `W` after `L` / `L-n`. */
  readonly nearestWeekday: boolean
  /** n of `nW`. */
  readonly weekdayTarget: number
  readonly dayOfWeekRule: number
  /** k of `n#k`. */
  readonly nthWeek: number
  /**
   * Whether the second, minute or hour field holds `*`, `?`, a range or a step (SEMANTICS §6). Only such
   * expressions fire in both offsets of an autumn overlap.
   */
  readonly isInterval: boolean
  /** False when no calendar day can ever match (Feb 30, `1W` on Sundays…): every search answers null at once. */
  readonly isReachable: boolean
  /** Seconds after midnight of the earliest matching time of day. */
  readonly firstTimeOfDay: number
  /** Earliest matching second and minute, used when a search rolls over to the next minute or hour. */
  readonly firstSecond: number
  readonly firstMinute: number
  /** Whether the day-of-week field imposes no condition (`*`, `?`, or every day listed). */
  readonly everyDayOfWeek: boolean

  constructor (fields: CronScheduleFields) {
    this.expression = fields.expression
    this.format = fields.format
    this.secondsLow = fields.secondsLow
    this.secondsHigh = fields.secondsHigh
    this.minutesLow = fields.minutesLow
    this.minutesHigh = fields.minutesHigh
    this.hours = fields.hours
    this.daysOfMonth = fields.daysOfMonth
    this.months = fields.months
    this.daysOfWeek = fields.daysOfWeek
    this.dayOfMonthRule = fields.dayOfMonthRule
    this.lastDayOffset = fields.lastDayOffset
    this.nearestWeekday = fields.nearestWeekday
    this.weekdayTarget = fields.weekdayTarget
    this.dayOfWeekRule = fields.dayOfWeekRule
    this.nthWeek = fields.nthWeek
    this.isInterval = fields.isInterval
    this.everyDayOfWeek = fields.dayOfWeekRule === DOW_SET && fields.daysOfWeek === 0x7f
    this.firstSecond = firstBit60(fields.secondsLow, fields.secondsHigh)
    this.firstMinute = firstBit60(fields.minutesLow, fields.minutesHigh)
    this.firstTimeOfDay = firstBit(fields.hours) * 3600 + this.firstMinute * 60 + this.firstSecond
    this.isReachable = isReachable(this)
    Object.freeze(this)
  }
}
