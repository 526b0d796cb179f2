// RRULE value parser (RFC 5545 §3.3.10 grammar). Strict where the RFC is strict;
// the only semantic check is the RFC's "COUNT and UNTIL MUST NOT both occur".
// Per-FREQ restrictions (BYWEEKNO only with YEARLY, …) are deliberately not
// enforced: the expander follows python-dateutil, which accepts them.

import { isValidDate } from './calendar.js'
import { WEEKDAYS, type Frequency, type Rule, type Until, type Weekday } from './types.js'

export class RruleSyntaxError extends Error {
  /** The rule part that is wrong: 'FREQ', 'BYDAY', 'UNTIL', …, the unknown part's name, or 'RRULE' for the overall shape. */
  readonly part: string

  constructor (part: string, message: string) {
    super(message)
    this.name = 'RruleSyntaxError'
    this.part = part
  }
}

const FREQUENCIES: readonly Frequency[] = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY']

const KNOWN_PARTS = new Set([
  'FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST', 'BYDAY', 'BYMONTHDAY', 'BYMONTH',
  'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS', 'BYHOUR', 'BYMINUTE', 'BYSECOND'
])

const PART_NAME_RE = /^[A-Z][A-Z0-9-]*$/
const UNSIGNED_RE = /^\d+$/
const SIGNED_RE = /^[+-]?\d+$/
const BYDAY_RE = /^(?:([+-]?)(\d{1,2}))?(MO|TU|WE|TH|FR|SA|SU)$/
const UNTIL_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/

function quote (value: string): string {
  return JSON.stringify(value)
}

function parseUnsigned (part: string, value: string, min: number, what: string): number {
  if (!UNSIGNED_RE.test(value)) throw new RruleSyntaxError(part, `${part} value ${quote(value)} is not ${what}`)
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < min) throw new RruleSyntaxError(part, `${part} value ${quote(value)} is not ${what}`)
  return n
}

/** A comma-separated list of integers each within [min, max], 0 excluded when `signed`. */
function parseIntList (part: string, value: string, min: number, max: number, signed: boolean): number[] {
  const what = signed
    ? `an integer in ${-max}..${-min} or ${min}..${max}`
    : `an integer in ${min}..${max}`
  const out: number[] = []
  for (const item of value.split(',')) {
    const ok = signed ? SIGNED_RE.test(item) : UNSIGNED_RE.test(item)
    const n = ok ? Number(item) : NaN
    const inRange = signed
      ? (n >= min && n <= max) || (n <= -min && n >= -max)
      : n >= min && n <= max
    if (!inRange) throw new RruleSyntaxError(part, `${part} value ${quote(item)} is not ${what}`)
    out.push(n)
  }
  return out
}

function parseWeekday (part: string, value: string): Weekday {
  if (!(WEEKDAYS as readonly string[]).includes(value)) {
    throw new RruleSyntaxError(part, `${part} value ${quote(value)} is not a weekday (MO, TU, WE, TH, FR, SA, SU)`)
  }
  return value as Weekday
}

function parseByDay (value: string): Rule['byDay'] {
  const out: Rule['byDay'] = []
  for (const item of value.split(',')) {
    const m = BYDAY_RE.exec(item)
    const n = m?.[2] === undefined ? null : Number(m[2]) * (m[1] === '-' ? -1 : 1)
    if (m === null || (n !== null && (n === 0 || n > 53 || n < -53))) {
      throw new RruleSyntaxError('BYDAY', `BYDAY value ${quote(item)} is not a weekday with an optional ordinal -53..53 (e.g. MO, 2MO, -1FR)`)
    }
    out.push({ weekday: m[3] as Weekday, n })
  }
  return out
}

function parseUntil (value: string): Until {
  const m = UNTIL_RE.exec(value)
  const bad = (): RruleSyntaxError => new RruleSyntaxError('UNTIL',
    `UNTIL value ${quote(value)} is not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS, optionally ending in Z for UTC)`)
  if (m === null) throw bad()
  const [, ys, mos, ds, hs, mis, ss, z] = m as unknown as [string, string, string, string, string | undefined, string | undefined, string | undefined, string | undefined]
  if (!isValidDate(Number(ys), Number(mos), Number(ds))) throw bad()
  const date = `${ys}-${mos}-${ds}`
  if (hs === undefined || mis === undefined || ss === undefined) return { kind: 'date', date }
  if (Number(hs) > 23 || Number(mis) > 59 || Number(ss) > 59) throw bad()
  const dateTime = `${date}T${hs}:${mis}:${ss}`
  return z === 'Z' ? { kind: 'utc', dateTime: `${dateTime}Z` } : { kind: 'local', dateTime }
}

/**
 * Parses an RRULE value such as `FREQ=MONTHLY;BYDAY=-1FR;COUNT=12`, with or without a
 * leading `RRULE:`; part names and values are case-insensitive. Throws RruleSyntaxError only.
 */
export function parseRrule (text: string): Rule {
  if (typeof text !== 'string') throw new RruleSyntaxError('RRULE', 'RRULE must be a string')
  let value = text.trim().toUpperCase()
  if (value.startsWith('RRULE:')) value = value.slice(6)
  if (value === '') throw new RruleSyntaxError('RRULE', 'RRULE is empty')
  if (/\s/.test(value)) throw new RruleSyntaxError('RRULE', 'RRULE must not contain blanks or line breaks')

  const rule: Rule = {
    freq: 'DAILY',
    interval: 1,
    count: null,
    until: null,
    wkst: 'MO',
    byDay: [],
    byMonthDay: [],
    byMonth: [],
    byYearDay: [],
    byWeekNo: [],
    bySetPos: [],
    byHour: [],
    byMinute: [],
    bySecond: [],
    text: value
  }
  const seen = new Set<string>()

  for (const component of value.split(';')) {
    const eq = component.indexOf('=')
    if (eq < 0) {
      if (component === '') throw new RruleSyntaxError('RRULE', 'RRULE has an empty part (stray ";")')
      const name = component
      throw new RruleSyntaxError(KNOWN_PARTS.has(name) ? name : 'RRULE', `RRULE part ${quote(component)} is not NAME=VALUE`)
    }
    const name = component.slice(0, eq)
    const v = component.slice(eq + 1)
    if (!KNOWN_PARTS.has(name)) {
      if (!PART_NAME_RE.test(name)) throw new RruleSyntaxError('RRULE', `RRULE part ${quote(component)} has no valid name`)
      throw new RruleSyntaxError(name, `unknown RRULE part ${quote(name)}`)
    }
    if (seen.has(name)) throw new RruleSyntaxError(name, `${name} appears more than once`)
    seen.add(name)
    if (v === '') throw new RruleSyntaxError(name, `${name} has an empty value`)

    switch (name) {
      case 'FREQ':
        if (!(FREQUENCIES as readonly string[]).includes(v)) {
          throw new RruleSyntaxError('FREQ', `FREQ value ${quote(v)} is not one of ${FREQUENCIES.join(', ')}`)
        }
        rule.freq = v as Frequency
        break
      case 'INTERVAL':
        rule.interval = parseUnsigned('INTERVAL', v, 1, 'a positive integer')
        break
      case 'COUNT':
        rule.count = parseUnsigned('COUNT', v, 0, 'a non-negative integer')
        break
      case 'UNTIL':
        rule.until = parseUntil(v)
        break
      case 'WKST':
        rule.wkst = parseWeekday('WKST', v)
        break
      case 'BYDAY':
        rule.byDay = parseByDay(v)
        break
      case 'BYMONTHDAY':
        rule.byMonthDay = parseIntList('BYMONTHDAY', v, 1, 31, true)
        break
      case 'BYMONTH':
        rule.byMonth = parseIntList('BYMONTH', v, 1, 12, false)
        break
      case 'BYYEARDAY':
        rule.byYearDay = parseIntList('BYYEARDAY', v, 1, 366, true)
        break
      case 'BYWEEKNO':
        rule.byWeekNo = parseIntList('BYWEEKNO', v, 1, 53, true)
        break
      case 'BYSETPOS':
        rule.bySetPos = parseIntList('BYSETPOS', v, 1, 366, true)
        break
      case 'BYHOUR':
        rule.byHour = parseIntList('BYHOUR', v, 0, 23, false)
        break
      case 'BYMINUTE':
        rule.byMinute = parseIntList('BYMINUTE', v, 0, 59, false)
        break
      case 'BYSECOND':
        rule.bySecond = parseIntList('BYSECOND', v, 0, 60, false)
        break
    }
  }

  if (!seen.has('FREQ')) throw new RruleSyntaxError('FREQ', 'FREQ is required')
  if (rule.count !== null && rule.until !== null) {
    throw new RruleSyntaxError('UNTIL', 'COUNT and UNTIL must not both be given (RFC 5545 §3.3.10)')
  }
  return rule
}
