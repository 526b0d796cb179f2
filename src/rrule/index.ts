// RFC 5545 RRULE parser and date expander: python-dateutil's results, except in the three places where
// dateutil contradicts RFC 5545, where RFC 5545 wins.
//
// Pure domain code: no I/O, no time zones, no imports from the app. Dates are
// calendar dates (YYYY-MM-DD); callers resolve time zones before and after.
//
// Semantics (python-dateutil 2.9 `rrule` is the reference, tested differentially against
// dateutil with the three corrections below applied):
// - FREQ DAILY, WEEKLY, MONTHLY, YEARLY with INTERVAL, COUNT, UNTIL, WKST, BYDAY
//   (with ordinals), BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS (negatives
//   everywhere the RFC allows them). Invalid dates (Feb 30, Apr 31) are skipped,
//   never moved. Without BYWEEKNO/BYYEARDAY/BYMONTHDAY/BYDAY, WEEKLY uses dtstart's
//   weekday, MONTHLY dtstart's day of month, YEARLY dtstart's month (unless BYMONTH)
//   and day. dtstart is the first possible date, an occurrence only if it matches.
// - Where dateutil is more lenient than RFC 5545's per-FREQ table we take dateutil's
//   side: BYWEEKNO with any FREQ, BYYEARDAY with DAILY/WEEKLY/MONTHLY, BYMONTHDAY with
//   WEEKLY are filters like any other. An API that wants RFC-strict input must refuse
//   those itself.
// - dateutil behaviour kept on purpose:
//   * BYDAY ordinals are ignored under WEEKLY and DAILY (BYDAY=-1FR = every Friday).
//   * Ordinals count within the month for MONTHLY and for YEARLY with BYMONTH, within
//     the year for YEARLY without BYMONTH.
//   * Negative BYWEEKNO other than -1 does not reach back into the previous year's last
//     week (the -52/-53 cases at a year edge that dateutil itself marks TODO).
// - RFC 5545 where dateutil is wrong (docs/contract.md §14):
//   1. Under MONTHLY/YEARLY, a BYDAY mixing plain and ordinal weekdays (1MO,FR) is the
//      union of both (the first Monday and every Friday); dateutil intersects them.
//   2. BYWEEKNO: the January days before week 1 belong to the previous year's last week,
//      numbered by that year's real week count (52 or 53); dateutil computes it from the
//      current year (dateutil PR #1537).
//   3. WEEKLY with BYSETPOS: positions count within each whole week starting on WKST,
//      the first week included (dates before dtstart are then dropped); dateutil counts
//      the first week from dtstart (dateutil issue #1398).
//   * BYSETPOS applies per period after all other parts.
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
export { expandSet, type SetOptions, type SetOccurrence } from './set.js'
export { rebaseRule, type RebasedRule } from './rebase.js'
