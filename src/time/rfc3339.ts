// docs/contract.md §4: timestamps are RFC 3339 UTC with a Z and whole seconds; dates are YYYY-MM-DD.
import { formatUtc } from './zones.js'

/**
 * '2026-03-25T07:00:00Z' (fraction dropped, never rounded up into the next second). Written from the day's and the
 * time of day's texts formatWithOffset keeps: toISOString of a second Date, sliced, cost a list page of twenty jobs
 * 20 µs (issue 12). Throws a RangeError for an invalid Date, as toISOString did.
 */
export function toTimestamp (instant: Date): string {
  const ms = instant.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value')
  return formatUtc(Math.floor(ms / 1000))
}

export function toTimestampOrNull (instant: Date | null | undefined): string | null {
  return instant == null ? null : toTimestamp(instant)
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/**
 * Parses an RFC 3339 instant with an explicit offset; null when it is not one (or not a real date). The fields the
 * pattern captured make the instant (whole seconds, an offset within ±23:59); anything else (a fraction, an offset
 * Date may judge otherwise) is left to Date, as before: one parse instead of the pattern's and Date's (issue 12).
 */
export function parseTimestamp (text: string): Date | null {
  const m = RFC3339.exec(text)
  if (m === null) return null
  const y = Number(m[1]); const mo = Number(m[2]); const d = Number(m[3])
  const h = Number(m[4]); const mi = Number(m[5]); const s = Number(m[6])
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null
  const zone = m[8]!
  let offsetMinutes = 0
  if (zone.length > 1) {
    const oh = Number(zone.slice(1, 3)); const om = Number(zone.slice(4, 6))
    offsetMinutes = oh > 23 || om > 59 ? NaN : (zone[0] === '-' ? -1 : 1) * (oh * 60 + om)
  }
  if (m[7] !== undefined || Number.isNaN(offsetMinutes)) {
    const parsed = new Date(text)
    return Number.isNaN(parsed.getTime()) ? null : parsed
  }
  const date = new Date(0)
  // setUTCFullYear, not Date.UTC: Date.UTC takes years 0–99 as 1900–1999.
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi - offsetMinutes, s, 0)
  return Number.isNaN(date.getTime()) ? null : date
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate (text: string): boolean {
  const m = DATE.exec(text)
  if (m === null) return false
  const y = Number(m[1]); const mo = Number(m[2]); const d = Number(m[3])
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

function daysInMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
