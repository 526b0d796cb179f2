// Calendar-date arithmetic for the series side. Dates are YYYY-MM-DD strings; "today" is always a local date
// in the series time zone, read from the injected clock (docs/contract.md §7).
import { civilFromDays, daysFromCivil, formatWithOffset } from '../time/zones.js'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function toDays (date: string): number {
  const m = DATE.exec(date)
  if (m === null) throw new RangeError(`Invalid date ${JSON.stringify(date)}`)
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]))
}

function fromDays (days: number): string {
  const [y, m, d] = civilFromDays(days)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The local calendar date of `instant` in `zone`. */
export function localDate (instant: Date, zone: string): string {
  return formatWithOffset(instant, zone).slice(0, 10)
}

export function addDays (date: string, days: number): string {
  return fromDays(toDays(date) + days)
}

/** `date` moved by whole years; 29 February becomes 28 February in a common year. */
export function addYears (date: string, years: number): string {
  const m = DATE.exec(date)
  if (m === null) throw new RangeError(`Invalid date ${JSON.stringify(date)}`)
  const year = Number(m[1]) + years
  const month = Number(m[2])
  let day = Number(m[3])
  while (day > 28 && civilFromDays(daysFromCivil(year, month, day))[2] !== day) day--
  return fromDays(daysFromCivil(year, month, day))
}

export function minDate (a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (a == null) return b ?? undefined
  if (b == null) return a
  return a < b ? a : b
}
