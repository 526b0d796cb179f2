// Next occurrences across daylight-saving transitions, one table per transition, with Cronos's rules
// (SEMANTICS §7.3): a time inside a spring-forward gap fires once at the first instant after the gap; in an
// autumn overlap interval expressions fire in both offsets, the others only in the first. Plus schedules that
// can never fire and the year-9999 horizon. Rows: [expression, from, expected, inclusive].

import t from 'tap'
import { nextOccurrence, occurrences, parseCron } from '../../src/cron/index.js'
import { formatWithOffset, startOfLocalDay } from '../../src/time/zones.js'

type Row = [expression: string, from: string, expected: string | null, inclusive?: boolean]

/** The one assertion the tables need, so that any tap Test can be passed in. */
interface Asserts { equal: (found: unknown, wanted: unknown, message: string) => boolean }

function runTable (t: Asserts, zone: string, rows: Row[]): void {
  for (const [expression, from, expected, inclusive = false] of rows) {
    const found = nextOccurrence(parseCron(expression), new Date(from), zone, { inclusive })
    t.equal(found === null ? null : formatWithOffset(found, zone), expected,
      `${expression} from ${from}${inclusive ? ' inclusive' : ''} → ${String(expected)}`)
  }
}

t.test('New York spring forward: times in the gap fire once at 03:00 EDT', async (t) => {
  // 2016-03-13, 02:00 EST (07:00Z): clocks jump to 03:00 EDT.
  //   local   00:00  01:00  01:59 | 02:00 … 02:59 | 03:00  04:00
  //   offset  -05:00              |  do not exist | -04:00
  //   UTC     05:00  06:00  06:59 |               | 07:00  08:00
  runTable(t, 'America/New_York', [
    ['30 2 * * *', '2016-03-13T01:59:59-05:00', '2016-03-13T03:00:00-04:00'],
    ['15 2 * * *', '2016-03-12T12:00:00-05:00', '2016-03-13T03:00:00-04:00'],
    ['0 2 * * *', '2016-03-13T01:00:00-05:00', '2016-03-13T03:00:00-04:00'],
    // 03:00 matches too: still one occurrence.
    ['0 3 * * *', '2016-03-13T01:00:00-05:00', '2016-03-13T03:00:00-04:00'],
    ['*/30 * * * *', '2016-03-13T01:30:00-05:00', '2016-03-13T03:00:00-04:00'],
    // 02:30 collapsed into 03:00 and is not produced again.
    ['*/30 * * * *', '2016-03-13T03:00:00-04:00', '2016-03-13T03:30:00-04:00'],
    // A search starting at the transition instant no longer sees the gap.
    ['30 2 * * *', '2016-03-13T03:00:00-04:00', '2016-03-14T02:30:00-04:00', true],
    ['0 30 2 * * *', '2016-03-13T01:59:59-05:00', '2016-03-13T03:00:00-04:00'],
    // The same rule in 1970 (2:00 on 1970-04-26), the first year of the zone table.
    ['30 2 * * *', '1970-04-26T01:00:00-05:00', '1970-04-26T03:00:00-04:00']
  ])
})

t.test('New York fall back: interval expressions fire in both offsets, others once', async (t) => {
  // 2016-11-06, 02:00 EDT (06:00Z): clocks go back to 01:00 EST; 01:00–01:59 happens twice.
  //   local   00:00  01:00 … 01:59 | 01:00 … 01:59 | 02:00  03:00
  //   offset  -04:00  first pass   | -05:00 second pass
  //   UTC     04:00  05:00   05:59 | 06:00   06:59 | 07:00  08:00
  runTable(t, 'America/New_York', [
    ['*/30 * * * *', '2016-11-06T00:30:00-04:00', '2016-11-06T01:00:00-04:00'],
    ['*/30 * * * *', '2016-11-06T01:30:00-04:00', '2016-11-06T01:00:00-05:00'],
    ['*/30 * * * *', '2016-11-06T01:30:00-05:00', '2016-11-06T02:00:00-05:00'],
    ['0 0-30 1 * * *', '2016-11-06T01:59:00-04:00', '2016-11-06T01:00:00-05:00'],
    ['30 1 * * *', '2016-11-06T00:00:00-04:00', '2016-11-06T01:30:00-04:00'],
    ['30 1 * * *', '2016-11-06T01:30:00-04:00', '2016-11-07T01:30:00-05:00'],
    ['0 30 1 * * *', '2016-11-06T01:15:00-05:00', '2016-11-07T01:30:00-05:00'],
    // Even an inclusive start exactly on a second-pass match does not fire a non-interval expression.
    ['0 0 1 * * *', '2016-11-06T01:00:00-05:00', '2016-11-07T01:00:00-05:00', true],
    ['0 0 2 * * *', '2016-11-06T00:00:00-04:00', '2016-11-06T02:00:00-05:00'],
    // A fraction of a second means strictly after, whatever `inclusive` says.
    ['59 59 01 * * *', '2016-11-06T01:59:59.999-05:00', '2016-11-07T01:59:59-05:00', true]
  ])
})

t.test('an interval expression lists both passes of the New York overlap in order', async (t) => {
  const listed = occurrences(parseCron('*/30 * * * *'), new Date('2016-11-06T00:00:00-04:00'), 'America/New_York',
    { count: 6 }).map((at) => formatWithOffset(at, 'America/New_York'))
  t.strictSame(listed, ['2016-11-06T00:30:00-04:00', '2016-11-06T01:00:00-04:00', '2016-11-06T01:30:00-04:00',
    '2016-11-06T01:00:00-05:00', '2016-11-06T01:30:00-05:00', '2016-11-06T02:00:00-05:00'])
})

t.test('London spring forward: 01:00–01:59 GMT collapse into 02:00 BST', async (t) => {
  // 2026-03-29, 01:00 GMT (01:00Z): clocks jump to 02:00 BST.
  //   local   00:00  00:59 | 01:00 … 01:59 | 02:00  03:00
  //   offset  +00:00       | do not exist  | +01:00
  //   UTC     00:00  00:59 |               | 01:00  02:00
  runTable(t, 'Europe/London', [
    ['30 1 * * *', '2026-03-29T00:00:00+00:00', '2026-03-29T02:00:00+01:00'],
    ['0 * * * *', '2026-03-29T00:30:00+00:00', '2026-03-29T02:00:00+01:00'],
    ['0 * * * *', '2026-03-29T02:00:00+01:00', '2026-03-29T03:00:00+01:00']
  ])
})

t.test('London fall back: the repeated hour fires twice only for interval expressions', async (t) => {
  // 2026-10-25, 02:00 BST (01:00Z): clocks go back to 01:00 GMT; 01:00–01:59 happens twice.
  //   local   00:00  01:00 … 01:59 | 01:00 … 01:59 | 02:00
  //   offset  +01:00 first pass    | +00:00 second pass
  //   UTC     23:00  00:00   00:59 | 01:00   01:59 | 02:00
  runTable(t, 'Europe/London', [
    ['0 * * * *', '2026-10-25T00:30:00+01:00', '2026-10-25T01:00:00+01:00'],
    ['0 * * * *', '2026-10-25T01:00:00+01:00', '2026-10-25T01:00:00+00:00'],
    ['0 1 * * *', '2026-10-25T01:00:00+01:00', '2026-10-26T01:00:00+00:00'],
    // A list of plain values is not an interval.
    ['15,45 1 * * *', '2026-10-25T01:20:00+01:00', '2026-10-25T01:45:00+01:00'],
    ['15,45 1 * * *', '2026-10-25T01:50:00+01:00', '2026-10-26T01:15:00+00:00']
  ])
})

t.test('Lord Howe\'s 30-minute shifts follow the same rules', async (t) => {
  // 2017-04-02, 02:00 +11:00 (15:00Z on the 1st): clocks go back 30 minutes; 01:30–01:59 happens twice.
  //   local   01:00  01:30 … 01:59 | 01:30 … 01:59 | 02:00
  //   offset  +11:00 first pass    | +10:30 second pass
  //   UTC     14:00  14:30   14:59 | 15:00   15:29 | 15:30
  // 2017-10-01, 02:00 +10:30 (15:30Z on the 30th): clocks jump 30 minutes.
  //   local   01:30  01:59 | 02:00 … 02:29 | 02:30  03:00
  //   offset  +10:30       | do not exist  | +11:00
  //   UTC     15:00  15:29 |               | 15:30  16:00
  runTable(t, 'Australia/Lord_Howe', [
    ['*/15 * * * *', '2017-04-02T01:45:00+11:00', '2017-04-02T01:30:00+10:30'],
    ['45 1 * * *', '2017-04-02T01:50:00+11:00', '2017-04-03T01:45:00+10:30'],
    ['0 2 * * *', '2017-10-01T01:00:00+10:30', '2017-10-01T02:30:00+11:00'],
    ['15 2 * * *', '2017-10-01T01:00:00+10:30', '2017-10-01T02:30:00+11:00'],
    ['*/15 * * * *', '2017-10-01T01:45:00+10:30', '2017-10-01T02:30:00+11:00'],
    ['*/15 * * * *', '2017-10-01T02:30:00+11:00', '2017-10-01T02:45:00+11:00']
  ])
})

t.test('Santiago\'s transitions at midnight move a midnight schedule to 01:00', async (t) => {
  // 2017-08-13, 00:00 -04:00 (04:00Z): clocks jump to 01:00 -03:00; that day has no midnight.
  //   local   23:00 (12th) | 00:00 … 00:59 | 01:00  02:00
  //   offset  -04:00       | do not exist  | -03:00
  //   UTC     03:00        |               | 04:00  05:00
  runTable(t, 'America/Santiago', [
    ['0 0 * * *', '2017-08-12T12:00:00-04:00', '2017-08-13T01:00:00-03:00'],
    ['0 0 * * *', '2017-08-13T01:00:00-03:00', '2017-08-14T00:00:00-03:00']
  ])
  t.equal(formatWithOffset(startOfLocalDay('2017-08-13', 'America/Santiago'), 'America/Santiago'), '2017-08-13T01:00:00-03:00')
})

t.test('schedules that can never fire answer null at once', async (t) => {
  const unreachable = ['0 0 30 2 *', '* * 31 4 *', '* * L-30 11 *', '* * L-29 2 *', '* * 1W * SUN', '* * LW * 0L',
    '* * 14W * 6#2', '* * 1 * SUN#2', '0 0 31 APR,JUN,SEP,NOV *']
  const from = new Date('2026-01-01T00:00:00Z')
  for (const expression of unreachable) {
    const schedule = parseCron(expression)
    const started = process.hrtime.bigint()
    for (let i = 0; i < 1000; i++) nextOccurrence(schedule, from, 'America/New_York')
    const microsecondsEach = Number(process.hrtime.bigint() - started) / 1000 / 1000
    t.equal(nextOccurrence(schedule, from, 'America/New_York'), null, `${expression} never fires`)
    t.ok(microsecondsEach < 50, `${expression} answers in ${microsecondsEach.toFixed(2)} µs`)
  }
})

t.test('rare but possible schedules are found years ahead', async (t) => {
  runTable(t, 'UTC', [
    ['0 0 29 2 MON', '2016-03-01T00:00:00+00:00', '2044-02-29T00:00:00+00:00'],
    ['0 0 13 * FRI', '2016-12-09T00:00:00+00:00', '2017-01-13T00:00:00+00:00'],
    ['0 0 * * 2#5', '2017-02-01T00:00:00+00:00', '2017-05-30T00:00:00+00:00']
  ])
})

t.test('the search stops at the end of year 9999', async (t) => {
  runTable(t, 'UTC', [
    ['* * * * * *', '9999-12-31T23:59:59+00:00', null],
    ['* * * * * *', '9999-12-31T23:59:58.999+00:00', '9999-12-31T23:59:59+00:00'],
    ['0 0 1 1 *', '9999-06-01T00:00:00+00:00', null]
  ])
})
