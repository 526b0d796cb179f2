// The series side's API limits (CONTRACT §7, reference job-series API), kept out of the dateutil-lenient RRULE
// engine: FREQ only DAILY/WEEKLY/MONTHLY/YEARLY, no BYHOUR/BYMINUTE/BYSECOND, COUNT 1–366, UNTIL between dtstart
// and today + 5 years, IANA zones, real dates. Every failure is ApiError invalid_input naming the field.
import { fractionDigits } from '../schemas/money.js'
import { invalid } from '../schemas/series-side.js'
import { parseRrule, RruleSyntaxError, type Rule } from '../rrule/index.js'
import { isCalendarDate } from '../time/rfc3339.js'
import { isValidZone } from '../time/zones.js'
import { addYears, localDate } from './dates.js'

export const ALLOWED_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const
export const MAX_COUNT = 366
/** UNTIL may reach this many years past today (reference: "within 5 years of today"). */
export const UNTIL_YEARS_AHEAD = 5
/** dtstart may lie at most this many years before or after today: it bounds how far an expansion walks. */
export const DTSTART_YEARS_AROUND = 10

export function zoneOrThrow (timezone: string): string {
  if (!isValidZone(timezone)) throw invalid('timezone', `${JSON.stringify(timezone)} is not an IANA time zone name (e.g. America/Los_Angeles)`)
  return timezone
}

/** dtstart: a real YYYY-MM-DD date within DTSTART_YEARS_AROUND years of today. */
export function dtstartOrThrow (dtstart: string, today: string): string {
  if (!isCalendarDate(dtstart)) throw invalid('dtstart', `${JSON.stringify(dtstart)} is not a date YYYY-MM-DD`)
  if (dtstart < addYears(today, -DTSTART_YEARS_AROUND) || dtstart > addYears(today, DTSTART_YEARS_AROUND)) {
    throw invalid('dtstart', `must be within ${DTSTART_YEARS_AROUND} years of today (${today})`)
  }
  return dtstart
}

export function endsOnOrThrow (endsOn: string | null, dtstart: string): string | null {
  if (endsOn === null) return null
  if (!isCalendarDate(endsOn)) throw invalid('ends_on', `${JSON.stringify(endsOn)} is not a date YYYY-MM-DD`)
  if (endsOn < dtstart) throw invalid('ends_on', `must not be before dtstart (${dtstart})`)
  return endsOn
}

/**
 * The last local date a UTC UNTIL allows: an occurrence starts at local midnight, so it is within UNTIL exactly
 * when its date is not after UNTIL's local date. A date UNTIL is already local; null without UNTIL.
 */
export function untilDateOf (rule: Rule, timezone: string): string | null {
  if (rule.until === null) return null
  if (rule.until.kind === 'utc') return localDate(new Date(rule.until.dateTime), timezone)
  return rule.until.kind === 'date' ? rule.until.date : rule.until.dateTime.slice(0, 10)
}

/** Parses an RRULE and applies the API limits; `today` is the local date in `timezone`. */
export function ruleOrThrow (text: string, dtstart: string, timezone: string, today: string): Rule {
  let rule: Rule
  try {
    rule = parseRrule(text)
  } catch (error) {
    if (error instanceof RruleSyntaxError) throw invalid('rrule', `is not a valid RFC 5545 RRULE: ${error.message} (part ${error.part})`)
    throw error
  }
  if (!(ALLOWED_FREQUENCIES as readonly string[]).includes(rule.freq)) {
    throw invalid('rrule', `FREQ=${rule.freq} is not allowed: FREQ must be one of ${ALLOWED_FREQUENCIES.join(', ')} (part FREQ)`)
  }
  for (const [part, values] of [['BYHOUR', rule.byHour], ['BYMINUTE', rule.byMinute], ['BYSECOND', rule.bySecond]] as const) {
    if (values.length > 0) throw invalid('rrule', `${part} is not allowed: series occur on whole days (part ${part})`)
  }
  if (rule.count !== null && (rule.count < 1 || rule.count > MAX_COUNT)) {
    throw invalid('rrule', `COUNT must be between 1 and ${MAX_COUNT} (part COUNT)`)
  }
  if (rule.until !== null) {
    if (rule.until.kind === 'local') {
      // python-dateutil refuses a floating UNTIL with a zoned dtstart, and a series always has a zone.
      throw invalid('rrule', 'UNTIL must be a date (YYYYMMDD) or a UTC date-time ending in Z, not a floating local time (part UNTIL)')
    }
    const untilDate = untilDateOf(rule, timezone)!
    const latest = addYears(today, UNTIL_YEARS_AHEAD)
    if (untilDate < dtstart) throw invalid('rrule', `UNTIL (${untilDate} in ${timezone}) must not be before dtstart (${dtstart}) (part UNTIL)`)
    if (untilDate > latest) throw invalid('rrule', `UNTIL (${untilDate}) must be within ${UNTIL_YEARS_AHEAD} years of today, at most ${latest} (part UNTIL)`)
  }
  return rule
}

/** An amount (unit_price, flat_price): at most 2 fractional digits, refused otherwise (never rounded). */
export function moneyOrThrow (field: string, amount: number): number {
  if (fractionDigits(amount) > 2) throw invalid(field, `has more than 2 decimals (${amount}); amounts are kept to the cent and never rounded`)
  return amount
}

/** A quantity: positive, at most 4 fractional digits. */
export function quantityOrThrow (field: string, quantity: number): number {
  if (fractionDigits(quantity) > 4) throw invalid(field, `has more than 4 decimals (${quantity}); quantities are never rounded`)
  return quantity
}

/**
 * EXDATE / RDATE lists (CONTRACT §14): real dates, kept sorted and distinct. RDATEs must not be before dtstart
 * (dtstart is the series' first possible date); an EXDATE anywhere is harmless.
 */
export function exceptionDatesOrThrow (field: 'exdates' | 'rdates', dates: readonly string[], dtstart: string): string[] {
  dates.forEach((date, index) => {
    if (!isCalendarDate(date)) throw invalid(`${field}.${index}`, `${JSON.stringify(date)} is not a date YYYY-MM-DD`)
    if (field === 'rdates' && date < dtstart) throw invalid(`${field}.${index}`, `(${date}) must not be before dtstart (${dtstart})`)
  })
  return [...new Set(dates)].sort()
}
