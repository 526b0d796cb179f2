// RFC 5545 RRULE parser and date expander, python-dateutil-exact.
//
// Pure domain code: no I/O, no time zones, no imports from the app. Dates are
// calendar dates (YYYY-MM-DD); callers resolve time zones before and after.
//
// Semantics (python-dateutil 2.9 `rrule` is the reference, tested differentially):
// - FREQ DAILY, WEEKLY, MONTHLY, YEARLY with INTERVAL, COUNT, UNTIL, WKST, BYDAY
//   (with ordinals), BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS (negatives
//   everywhere the RFC allows them). Invalid dates (Feb 30, Apr 31) are skipped,
//   never moved. Without BYWEEKNO/BYYEARDAY/BYMONTHDAY/BYDAY, WEEKLY uses dtstart's
//   weekday, MONTHLY dtstart's day of month, YEARLY dtstart's month (unless BYMONTH)
//   and day. dtstart is the first possible date, an occurrence only if it matches.
// - Where dateutil is more lenient than RFC 5545's per-FREQ table we take dateutil's
//   side (our promise is dateutil-exact): BYWEEKNO with any FREQ, BYYEARDAY with
//   DAILY/WEEKLY/MONTHLY, BYMONTHDAY with WEEKLY are filters like any other. An API
//   that wants RFC-strict input must refuse those itself.
// - dateutil quirks reproduced on purpose:
//   * BYDAY ordinals are ignored under WEEKLY and DAILY (BYDAY=-1FR = every Friday).
//   * Under MONTHLY/YEARLY, BYDAY mixing plain and ordinal weekdays (MO,1TU) keeps
//     only days matching both lists, i.e. usually none.
//   * Ordinals count within the month for MONTHLY and for YEARLY with BYMONTH, within
//     the year for YEARLY without BYMONTH.
//   * BYWEEKNO uses dateutil's week numbering (week 1 = first week starting on WKST
//     with >= 4 days in the year), including its handling of the days before week 1.
//   * BYSETPOS applies per period after all other parts; the first WEEKLY period runs
//     from dtstart (not from the start of its week) to the next WKST, so positions in
//     it count from dtstart, as in dateutil.
// - COUNT together with UNTIL is rejected by parseRrule (RruleSyntaxError, part 'UNTIL').
//   RFC 5545 says they MUST NOT both occur; dateutil 2.9's rrulestr still accepts it
//   with a DeprecationWarning announcing that future versions will raise an error.
// - Termination: dateutil stops at year 9999 (datetime.MAXYEAR); so do we. Before that,
//   a rule that cannot produce another date stops after one full Gregorian cycle of
//   empty periods: the calendar repeats every 400 years (146097 days = 20871 weeks =
//   4800 months), so after 400/gcd(INTERVAL,400) empty years (YEARLY),
//   4800/gcd(INTERVAL,4800) empty months, 20871/gcd(INTERVAL,20871) empty weeks or
//   146097/gcd(INTERVAL,146097) empty days in a row no later period can have a date.
//   This bound is exact (never cuts off a date dateutil would produce) and costs at
//   most ~146k day checks.
// - Not in the engine: API limits (COUNT 1..366, UNTIL within 5 years), time zones.
//   HOURLY/MINUTELY/SECONDLY and BYHOUR/BYMINUTE/BYSECOND are parsed into the Rule
//   but expandDates throws for them.

export type { Frequency, Weekday, Until, Rule, ExpandOptions, Occurrence } from './types.js'
export { parseRrule, RruleSyntaxError } from './parse.js'
export { expandDates } from './expand.js'
