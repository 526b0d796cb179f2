// docs/contract.md §4: timestamps are RFC 3339 UTC with a Z and whole seconds; dates are YYYY-MM-DD.

/** '2026-03-25T07:00:00Z' (fraction dropped, never rounded up into the next second). */
export function toTimestamp (instant: Date): string {
  const ms = instant.getTime()
  const fraction = ((ms % 1000) + 1000) % 1000
  const iso = (fraction === 0 ? instant : new Date(ms - fraction)).toISOString()
  return `${iso.slice(0, -5)}Z` // without its ".000Z"
}

export function toTimestampOrNull (instant: Date | null | undefined): string | null {
  return instant == null ? null : toTimestamp(instant)
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/** Parses an RFC 3339 instant with an explicit offset; null when it is not one (or not a real date). */
export function parseTimestamp (text: string): Date | null {
  const m = RFC3339.exec(text)
  if (m === null) return null
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth(y!, mo!) || h! > 23 || mi! > 59 || s! > 59) return null
  const parsed = new Date(text)
  return Number.isNaN(parsed.getTime()) ? null : parsed
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
