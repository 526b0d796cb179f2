// Proleptic Gregorian calendar arithmetic on integers, plus the per-year lookup
// tables the expander filters days with. No Date objects: a day is either an
// epoch day (days since 1970-01-01, may be negative) or a (year, index) pair
// where index is the 0-based day of that year. Weekdays count Monday = 0 like
// python-dateutil does.

export const MIN_YEAR = 1
export const MAX_YEAR = 9999

export function isLeapYear (year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function yearLength (year: number): number {
  return isLeapYear(year) ? 366 : 365
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
export function epochDay (year: number, month: number, day: number): number {
  // Shift the year to start in March so the leap day is the last day of the year.
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = month > 2 ? month - 3 : month + 9
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** Weekday of an epoch day, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOf (day: number): number {
  return (((day + 3) % 7) + 7) % 7
}

function daysInMonth (year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** The digit at `text[at]` (0..9), or -1 when it is not an ASCII digit. */
function digitAt (text: string, at: number): number {
  const c = text.charCodeAt(at) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/**
 * Parses YYYY-MM-DD into its parts, or returns null when it is not a real date in years 1..9999. Reads char codes
 * rather than running a regular expression: series pass dozens of exception dates per expansion.
 */
export function parseIsoDate (text: string): { year: number, month: number, day: number } | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null
  const y0 = digitAt(text, 0)
  const y1 = digitAt(text, 1)
  const y2 = digitAt(text, 2)
  const y3 = digitAt(text, 3)
  const m0 = digitAt(text, 5)
  const m1 = digitAt(text, 6)
  const d0 = digitAt(text, 8)
  const d1 = digitAt(text, 9)
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const month = m0 * 10 + m1
  const day = d0 * 10 + d1
  if (!isValidDate(year, month, day)) return null
  return { year, month, day }
}

/** Epoch day of a YYYY-MM-DD date, or NaN when it is not a real date in years 1..9999. */
export function isoDateToEpochDay (text: string): number {
  const d = parseIsoDate(text)
  return d === null ? NaN : epochDay(d.year, d.month, d.day)
}

export function isValidDate (year: number, month: number, day: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

// ---------------------------------------------------------------------------
// Static per-day tables for a 365- and a 366-day year. Like dateutil's masks they
// are 7 days longer than the year: a weekly period that starts in late December
// runs into the first days of January of the next year and is evaluated with the
// tables of the year it started in.

function buildTables (leap: boolean): { month: Uint8Array, mday: Uint8Array, nmday: Uint8Array, mmdd: string[], monthStart: Int32Array } {
  const len = leap ? 366 : 365
  const month = new Uint8Array(len + 7)
  const mday = new Uint8Array(len + 7)
  const nmday = new Uint8Array(len + 7) // stores -(negative month day), i.e. 1 for the last day
  const mmdd: string[] = []
  const monthStart = new Int32Array(13)
  let i = 0
  for (let m = 1; m <= 12; m++) {
    monthStart[m - 1] = i
    const dim = m === 2 ? (leap ? 29 : 28) : (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31)
    for (let d = 1; d <= dim; d++, i++) {
      month[i] = m
      mday[i] = d
      nmday[i] = dim - d + 1
      mmdd.push(`${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`)
    }
  }
  monthStart[12] = len
  // The 7 overflow days are January 1..7 of the next year.
  for (let d = 1; d <= 7; d++, i++) {
    month[i] = 1
    mday[i] = d
    nmday[i] = 31 - d + 1
    mmdd.push(`01-0${d}`)
  }
  return { month, mday, nmday, mmdd, monthStart }
}

const TABLES_365 = buildTables(false)
const TABLES_366 = buildTables(true)

/** Everything about one calendar year the expander needs; cached, immutable. */
export interface YearInfo {
  readonly year: number
  readonly length: number
  readonly nextLength: number
  /** Epoch day of January 1. */
  readonly firstDay: number
  /** Weekday of January 1 (Monday = 0). */
  readonly firstWeekday: number
  /** Month (1..12) of each day index, length + 7 entries. */
  readonly month: Uint8Array
  /** Day of month (1..31) of each day index. */
  readonly mday: Uint8Array
  /** Days until the month's end plus one (1 = last day of month), i.e. minus the negative month day. */
  readonly nmday: Uint8Array
  /** 'MM-DD' of each day index (overflow days are in January of the next year). */
  readonly mmdd: readonly string[]
  /** Index of the first day of each month, plus the year length at [12]. */
  readonly monthStart: Int32Array
  /** Zero-padded year, and the same for the next year. */
  readonly yearText: string
  readonly nextYearText: string
}

const yearCache = new Map<number, YearInfo>()

function pad4 (n: number): string {
  return n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : String(n)
}

export function yearInfo (year: number): YearInfo {
  let info = yearCache.get(year)
  if (info === undefined) {
    const leap = isLeapYear(year)
    const t = leap ? TABLES_366 : TABLES_365
    const firstDay = epochDay(year, 1, 1)
    info = {
      year,
      length: leap ? 366 : 365,
      nextLength: yearLength(year + 1),
      firstDay,
      firstWeekday: weekdayOf(firstDay),
      month: t.month,
      mday: t.mday,
      nmday: t.nmday,
      mmdd: t.mmdd,
      monthStart: t.monthStart,
      yearText: pad4(year),
      nextYearText: pad4(year + 1)
    }
    // Years are few (1..9999 at most, usually a handful); keep the cache bounded anyway.
    if (yearCache.size >= 20000) yearCache.clear()
    yearCache.set(year, info)
  }
  return info
}

/** YYYY-MM-DD of epoch day `day` (years 1..9999). */
export function formatEpochDay (day: number): string {
  // 146097 days per 400 years; the estimate is off by at most one year either way.
  let year = 1970 + Math.floor(day / 365.2425)
  while (day < yearInfo(year).firstDay) year--
  while (day >= yearInfo(year).firstDay + yearInfo(year).length) year++
  const info = yearInfo(year)
  return formatIndex(info, day - info.firstDay)
}

/** YYYY-MM-DD of day `index` of `info`'s year (index may run up to 6 days into the next year). */
export function formatIndex (info: YearInfo, index: number): string {
  const mmdd = info.mmdd[index] as string
  return `${index < info.length ? info.yearText : info.nextYearText}-${mmdd}`
}

// ---------------------------------------------------------------------------
// Week numbering for BYWEEKNO (RFC 5545 / ISO 8601 with WKST): week 1 is the first week (starting on WKST)
// with at least 4 days in the year. Cached per (year, wkst).

export interface WeekInfo {
  /** Day index where week 1 starts inside the year, or 0 when week 1 started in the previous year. */
  readonly no1wkst: number
  /** Day index of the first day of the year that falls on WKST. */
  readonly firstwkst: number
  /** Number of weeks the year has (52 or 53). */
  readonly numweeks: number
  /**
   * The number of the previous year's last week (52 or 53), which the days before week 1 belong to; only
   * meaningful when no1wkst > 0. RFC 5545 §3.3.10: python-dateutil computes it from this year's length and
   * gets 53 for some years that have only 52 weeks (dateutil PR #1537); we count the previous year's weeks.
   */
  readonly lnumweeks: number
}

const weekCache = new Map<number, WeekInfo>()

/** Day index of week 1's first day (0 when week 1 began last year), and how many weeks the year has. */
function weekLayout (year: number, wkst: number): { no1wkst: number, firstwkst: number, numweeks: number } {
  const y = yearInfo(year)
  const firstwkst = (7 - y.firstWeekday + wkst) % 7
  let no1wkst = firstwkst
  let wyearlen: number
  if (no1wkst >= 4) {
    // Week 1 started last year and took this year's first days.
    no1wkst = 0
    wyearlen = y.length + ((y.firstWeekday - wkst + 7) % 7)
  } else {
    wyearlen = y.length - no1wkst
  }
  return { no1wkst, firstwkst, numweeks: Math.floor(wyearlen / 7) + Math.floor((wyearlen % 7) / 4) }
}

export function weekInfo (year: number, wkst: number): WeekInfo {
  const key = year * 8 + wkst
  let info = weekCache.get(key)
  if (info === undefined) {
    const layout = weekLayout(year, wkst)
    const lnumweeks = layout.no1wkst > 0 && year > MIN_YEAR ? weekLayout(year - 1, wkst).numweeks : 0
    info = { ...layout, lnumweeks }
    if (weekCache.size >= 20000) weekCache.clear()
    weekCache.set(key, info)
  }
  return info
}
