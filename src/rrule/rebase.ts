// Moving a rule's start without moving its dates ("this and following"). A rule's dates depend on dtstart in two
// ways: the parts dateutil derives from it when no day-selecting part is given (WEEKLY: its weekday, MONTHLY: its
// day of month, YEARLY: its month and day), and the phase of INTERVAL (which periods are counted). rebaseRule
// writes the first out and keeps the second by starting in a period the old rule counts.

import { epochDay, formatEpochDay, parseIsoDate, weekdayOf } from './calendar.js'
import { WEEKDAYS, type Rule } from './types.js'

export interface RebasedRule {
  /** The rule text: `rule.text` with the parts dtstart implied appended; COUNT and UNTIL are left as they were. */
  text: string
  /** YYYY-MM-DD: `from`, or the first day of the next period the old rule counts when `from`'s period is skipped. */
  dtstart: string
}

function parts (value: string): { year: number, month: number, day: number, epoch: number } {
  const d = parseIsoDate(value)
  if (d === null) throw new RangeError(`expected a date YYYY-MM-DD in years 0001..9999, got ${JSON.stringify(value)}`)
  return { ...d, epoch: epochDay(d.year, d.month, d.day) }
}

/** The smallest multiple of `interval` that is >= n (n >= 0). */
function nextMultiple (n: number, interval: number): number {
  return Math.ceil(n / interval) * interval
}

/**
 * A rule and dtstart that yield exactly the dates `rule` yields from `dtstart` that fall on or after `from` (COUNT
 * aside: the caller reduces it by the dates it already had). `from` must not be before `dtstart`. The new dtstart
 * is later than `from` only when INTERVAL skips `from`'s period, which then holds none of the rule's dates.
 */
export function rebaseRule (rule: Rule, dtstart: string, from: string): RebasedRule {
  const start = parts(dtstart)
  const next = parts(from)
  if (next.epoch < start.epoch) throw new RangeError(`from (${from}) must not be before dtstart (${dtstart})`)

  const added: string[] = []
  if (rule.byWeekNo.length === 0 && rule.byYearDay.length === 0 && rule.byMonthDay.length === 0 && rule.byDay.length === 0) {
    if (rule.freq === 'YEARLY') {
      if (rule.byMonth.length === 0) added.push(`BYMONTH=${start.month}`)
      added.push(`BYMONTHDAY=${start.day}`)
    } else if (rule.freq === 'MONTHLY') {
      added.push(`BYMONTHDAY=${start.day}`)
    } else if (rule.freq === 'WEEKLY') {
      added.push(`BYDAY=${WEEKDAYS[weekdayOf(start.epoch)] as string}`)
    }
  }

  let newStart = next.epoch
  const interval = rule.interval
  if (interval > 1) {
    if (rule.freq === 'DAILY') {
      newStart = start.epoch + nextMultiple(next.epoch - start.epoch, interval)
    } else if (rule.freq === 'WEEKLY') {
      const wkst = WEEKDAYS.indexOf(rule.wkst)
      const weekOf = (day: number): number => day - ((weekdayOf(day) - wkst + 7) % 7)
      const weeks = (weekOf(next.epoch) - weekOf(start.epoch)) / 7
      if (weeks % interval !== 0) newStart = weekOf(start.epoch) + 7 * nextMultiple(weeks, interval)
    } else if (rule.freq === 'MONTHLY') {
      const months = (next.year - start.year) * 12 + next.month - start.month
      if (months % interval !== 0) {
        const m = start.year * 12 + start.month - 1 + nextMultiple(months, interval)
        newStart = epochDay(Math.floor(m / 12), (m % 12) + 1, 1)
      }
    } else if (rule.freq === 'YEARLY') {
      const years = next.year - start.year
      if (years % interval !== 0) newStart = epochDay(start.year + nextMultiple(years, interval), 1, 1)
    }
  }
  return { text: [rule.text, ...added].join(';'), dtstart: newStart === next.epoch ? from : formatEpochDay(newStart) }
}
