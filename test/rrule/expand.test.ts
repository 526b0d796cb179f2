// Key behaviours of expandDates, as readable tables. Expected dates were checked
// against python-dateutil 2.9 (the differential test does that at scale).
import t from 'tap'
import { expandDates, parseRrule, type ExpandOptions } from '../../src/rrule/index.js'

function dates (rrule: string, dtstart: string, options?: ExpandOptions): string[] {
  return [...expandDates(parseRrule(rrule), dtstart, options)].map(o => o.date)
}

interface Row { says: string, rrule: string, dtstart: string, expected: string[], options?: ExpandOptions }

function table (t: { strictSame: (found: unknown, wanted: unknown, message: string) => boolean }, rows: Row[]): void {
  for (const r of rows) t.strictSame(dates(r.rrule, r.dtstart, r.options), r.expected, `${r.says} (${r.rrule} from ${r.dtstart})`)
}

t.test('dtstart is the first possible date, an occurrence only when it matches the rule', async t => {
  table(t, [
    { says: 'every Monday from a Tuesday starts the next Monday', rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3', dtstart: '2026-01-06', expected: ['2026-01-12', '2026-01-19', '2026-01-26'] },
    { says: 'a matching dtstart is the first occurrence', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=2', dtstart: '2026-01-06', expected: ['2026-01-06', '2026-01-13'] },
    { says: 'without BYxxx, WEEKLY repeats dtstart\'s weekday', rrule: 'FREQ=WEEKLY;COUNT=3', dtstart: '2026-01-07', expected: ['2026-01-07', '2026-01-14', '2026-01-21'] },
    { says: 'without BYxxx, YEARLY repeats dtstart\'s month and day', rrule: 'FREQ=YEARLY;COUNT=2', dtstart: '2026-03-15', expected: ['2026-03-15', '2027-03-15'] },
    { says: 'YEARLY with only BYMONTH uses dtstart\'s day in those months', rrule: 'FREQ=YEARLY;BYMONTH=1,6;COUNT=3', dtstart: '2026-03-15', expected: ['2026-06-15', '2027-01-15', '2027-06-15'] }
  ])
})

t.test('invalid dates are skipped, never moved', async t => {
  table(t, [
    { says: 'Feb 29 yearly only falls in leap years', rrule: 'FREQ=YEARLY;COUNT=3', dtstart: '2024-02-29', expected: ['2024-02-29', '2028-02-29', '2032-02-29'] },
    { says: 'the 31st monthly skips months with fewer days', rrule: 'FREQ=MONTHLY;COUNT=5', dtstart: '2026-01-31', expected: ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31'] },
    { says: 'BYMONTHDAY=31,-31 gives the 31st and the day that is 31st from the end', rrule: 'FREQ=MONTHLY;BYMONTHDAY=31,-31;COUNT=4', dtstart: '2026-01-01', expected: ['2026-01-01', '2026-01-31', '2026-03-01', '2026-03-31'] },
    { says: 'BYMONTHDAY=-1 is the last day of every month', rrule: 'FREQ=DAILY;BYMONTHDAY=-1;COUNT=3', dtstart: '2026-01-01', expected: ['2026-01-31', '2026-02-28', '2026-03-31'] },
    { says: 'BYYEARDAY=60 is Mar 1 in common years and Feb 29 in leap years; -1 is Dec 31', rrule: 'FREQ=YEARLY;BYYEARDAY=-1,60;COUNT=4', dtstart: '2023-01-01', expected: ['2023-03-01', '2023-12-31', '2024-02-29', '2024-12-31'] }
  ])
})

t.test('BYDAY ordinals and BYSETPOS pick positions within the period', async t => {
  table(t, [
    { says: '-1FR monthly is the last Friday of each month', rrule: 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=4', dtstart: '2026-01-01', expected: ['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24'] },
    { says: 'BYSETPOS=-1 over MO..FR is the last weekday of each month', rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4', dtstart: '2026-01-01', expected: ['2026-01-30', '2026-02-27', '2026-03-31', '2026-04-30'] },
    { says: 'YEARLY ordinals count within the year without BYMONTH', rrule: 'FREQ=YEARLY;BYDAY=20MO;COUNT=2', dtstart: '2026-01-01', expected: ['2026-05-18', '2027-05-17'] },
    { says: 'YEARLY ordinals count within each month given by BYMONTH', rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=2MO;COUNT=2', dtstart: '2026-01-01', expected: ['2026-03-09', '2027-03-08'] },
    { says: 'WEEKLY ignores ordinals, as dateutil does (-1FR is every Friday)', rrule: 'FREQ=WEEKLY;BYDAY=-1FR;COUNT=3', dtstart: '2026-01-01', expected: ['2026-01-02', '2026-01-09', '2026-01-16'] }
  ])
  // Where RFC 5545 overrides dateutil (a BYDAY union, WEEKLY BYSETPOS from WKST, BYWEEKNO at a year edge): test/rrule/rfc5545.test.ts.
})

t.test('WKST decides where weeks start for INTERVAL and BYWEEKNO', async t => {
  table(t, [
    { says: 'BYWEEKNO=20 with WKST=MO: ISO week 20', rrule: 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3;WKST=MO', dtstart: '2026-01-01', expected: ['2026-05-11', '2027-05-17', '2028-05-15'] },
    { says: 'BYWEEKNO=20 with WKST=SU: week 1 of 2026 starts Sunday Jan 4', rrule: 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3;WKST=SU', dtstart: '2026-01-01', expected: ['2026-05-18', '2027-05-17', '2028-05-15'] },
    { says: 'BYWEEKNO=20 with WKST=TU moves 2028 a week later', rrule: 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3;WKST=TU', dtstart: '2026-01-01', expected: ['2026-05-18', '2027-05-17', '2028-05-22'] },
    { says: 'BYWEEKNO=1 with WKST=MO includes the days of week 1 that are in the year', rrule: 'FREQ=YEARLY;BYWEEKNO=1;COUNT=9;WKST=MO', dtstart: '2026-01-01', expected: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'] },
    { says: 'BYWEEKNO=1 with WKST=SU starts on the first Sunday with 4 days in the year', rrule: 'FREQ=YEARLY;BYWEEKNO=1;COUNT=9;WKST=SU', dtstart: '2026-01-01', expected: ['2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2027-01-03', '2027-01-04'] },
    { says: 'INTERVAL=2 weeks starting Sunday', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;COUNT=4;WKST=SU', dtstart: '2026-01-06', expected: ['2026-01-06', '2026-01-18', '2026-01-20', '2026-02-01'] },
    { says: 'INTERVAL=2 weeks starting Monday', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;COUNT=4;WKST=MO', dtstart: '2026-01-06', expected: ['2026-01-06', '2026-01-11', '2026-01-20', '2026-01-25'] }
  ])
})

t.test('parts RFC 5545 reserves for other frequencies filter like dateutil does', async t => {
  table(t, [
    { says: 'BYWEEKNO with MONTHLY', rrule: 'FREQ=MONTHLY;BYWEEKNO=20;COUNT=3', dtstart: '2026-01-01', expected: ['2026-05-11', '2026-05-12', '2026-05-13'] },
    { says: 'BYYEARDAY with MONTHLY', rrule: 'FREQ=MONTHLY;BYYEARDAY=1,-1;COUNT=3', dtstart: '2026-01-01', expected: ['2026-01-01', '2026-12-31', '2027-01-01'] },
    { says: 'BYMONTHDAY with WEEKLY', rrule: 'FREQ=WEEKLY;BYMONTHDAY=13;BYDAY=FR;COUNT=3', dtstart: '2026-01-01', expected: ['2026-02-13', '2026-03-13', '2026-11-13'] }
  ])
})

t.test('index counts occurrences from dtstart; after, untilDate and limit only cut what is yielded', async t => {
  const rule = parseRrule('FREQ=DAILY;COUNT=5')
  t.strictSame([...expandDates(rule, '2026-01-01')].map(o => o.index), [0, 1, 2, 3, 4], 'index is 0-based from dtstart')
  t.strictSame([...expandDates(rule, '2026-01-01', { after: '2026-01-03' })],
    [{ date: '2026-01-03', index: 2 }, { date: '2026-01-04', index: 3 }, { date: '2026-01-05', index: 4 }],
    'after skips earlier dates but still counts them towards index and COUNT')
  t.strictSame([...expandDates(rule, '2026-01-01', { after: '2026-02-01' })], [], 'after beyond the COUNTed dates yields nothing')
  t.strictSame(dates('FREQ=DAILY', '2026-01-01', { untilDate: '2026-01-03' }), ['2026-01-01', '2026-01-02', '2026-01-03'], 'untilDate is inclusive')
  t.strictSame(dates('FREQ=DAILY;UNTIL=20260110', '2026-01-01', { untilDate: '2026-01-02' }), ['2026-01-01', '2026-01-02'], 'the earlier of UNTIL and untilDate wins')
  t.strictSame(dates('FREQ=DAILY;UNTIL=20260102', '2026-01-01', { untilDate: '2026-01-05' }), ['2026-01-01', '2026-01-02'], 'a DATE UNTIL is inclusive')
  t.strictSame(dates('FREQ=DAILY;UNTIL=20260102T000000', '2026-01-01'), ['2026-01-01', '2026-01-02'], 'a floating date-time UNTIL includes its date')
  t.strictSame(dates('FREQ=DAILY', '2026-01-01', { limit: 2 }), ['2026-01-01', '2026-01-02'], 'limit stops after that many yields')
  t.strictSame([...expandDates(rule, '2026-01-01', { after: '2026-01-02', limit: 2 })].map(o => o.index), [1, 2], 'limit counts yields, not skipped dates')
  t.strictSame(dates('FREQ=DAILY', '2026-01-01', { limit: 0 }), [], 'limit 0 yields nothing')
  t.strictSame(dates('FREQ=DAILY;COUNT=0', '2026-01-01'), [], 'COUNT=0 yields nothing')
})

t.test('a UTC UNTIL needs the caller to resolve it into untilDate', async t => {
  const rule = parseRrule('FREQ=DAILY;UNTIL=20260103T050000Z')
  t.throws(() => expandDates(rule, '2026-01-01'), /untilDate/, 'throws eagerly, before the first next()')
  t.strictSame([...expandDates(rule, '2026-01-01', { untilDate: '2026-01-02' })].map(o => o.date), ['2026-01-01', '2026-01-02'],
    'the resolved untilDate is the cap')
})

t.test('rules that never produce another date terminate', async t => {
  const start = Date.now()
  table(t, [
    { says: 'Feb 30 yearly', rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', dtstart: '2026-01-01', expected: [] },
    { says: 'Feb 30 daily (one Gregorian cycle of days)', rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', dtstart: '2026-01-01', expected: [] },
    { says: 'a Monday that is a Tuesday', rrule: 'FREQ=WEEKLY;BYDAY=MO;BYYEARDAY=1;BYMONTH=2', dtstart: '2026-01-01', expected: [] },
    { says: 'Feb 29 every 100 years from an odd year', rrule: 'FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29', dtstart: '2001-01-01', expected: [] },
    { says: 'Feb 31 every 7 months (one Gregorian cycle of months)', rrule: 'FREQ=MONTHLY;INTERVAL=7;BYMONTHDAY=31;BYMONTH=2', dtstart: '2026-01-01', expected: [] },
    { says: 'ordinal and plain weekdays mixed under YEARLY, on a 30 February', rrule: 'FREQ=YEARLY;BYDAY=SU,1MO;BYMONTH=2;BYMONTHDAY=30', dtstart: '2026-01-01', expected: [] }
  ])
  t.ok(Date.now() - start < 2000, 'within a bounded search (well under 2 s for all of them)')
  t.strictSame(dates('FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29', '2000-01-01', { limit: 3 }), ['2000-02-29', '2400-02-29', '2800-02-29'],
    'sparse rules with centuries between dates still find them')
  t.strictSame(dates('FREQ=YEARLY;COUNT=5', '9998-01-01'), ['9998-01-01', '9999-01-01'], 'nothing after year 9999, like dateutil')
})

t.test('sub-daily rules are not expanded on dates', async t => {
  t.throws(() => expandDates(parseRrule('FREQ=HOURLY;COUNT=3'), '2026-01-01'), /HOURLY/)
  t.throws(() => expandDates(parseRrule('FREQ=DAILY;BYHOUR=6,18;COUNT=3'), '2026-01-01'), /BYHOUR/)
})

t.test('bad arguments are refused with a RangeError', async t => {
  const rule = parseRrule('FREQ=DAILY')
  t.throws(() => expandDates(rule, '2026-02-30'), RangeError)
  t.throws(() => expandDates(rule, '20260101'), RangeError)
  t.throws(() => expandDates(rule, '2026-01-01', { after: 'soon' }), RangeError)
  t.throws(() => expandDates(rule, '2026-01-01', { untilDate: '2026-13-01' }), RangeError)
})
