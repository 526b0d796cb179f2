export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY' | 'HOURLY' | 'MINUTELY' | 'SECONDLY'

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'

export type Until =
  | { kind: 'date', date: string /* YYYY-MM-DD */ }
  | { kind: 'utc', dateTime: string /* YYYY-MM-DDTHH:MM:SSZ */ }
  | { kind: 'local', dateTime: string /* floating YYYY-MM-DDTHH:MM:SS */ }

export interface Rule {
  freq: Frequency
  /** >= 1; 1 when absent. */
  interval: number
  /** null when absent; never together with `until`. */
  count: number | null
  until: Until | null
  /** 'MO' when absent. */
  wkst: Weekday
  byDay: Array<{ weekday: Weekday, n: number | null }>
  byMonthDay: number[]
  byMonth: number[]
  byYearDay: number[]
  byWeekNo: number[]
  bySetPos: number[]
  byHour: number[]
  byMinute: number[]
  bySecond: number[]
  /** The RRULE value as parsed: trimmed, upper-cased, without a leading 'RRULE:'. */
  text: string
}

export interface ExpandOptions {
  /** YYYY-MM-DD: yield only dates >= after (dates before are still counted for index/COUNT). */
  after?: string
  /** YYYY-MM-DD inclusive extra cap (ends_on, or a UTC UNTIL resolved in the series time zone). */
  untilDate?: string
  /** Stop after yielding this many. */
  limit?: number
}

export interface Occurrence {
  /** YYYY-MM-DD */
  date: string
  /** 0-based position counted from dtstart (what COUNT counts). */
  index: number
}

export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
