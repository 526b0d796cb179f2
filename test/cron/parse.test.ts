// The parser, table by table: what each syntax form selects, which expressions are "interval" (SEMANTICS §6),
// macros, H, the format chosen by field count, and the errors people see.

import t from 'tap'
import { CronSyntaxError, cronFormatOf, nextOccurrence, parseCron, type CronSchedule } from '../../src/cron/index.js'

type Field = 'second' | 'minute' | 'hour' | 'day of month' | 'month' | 'day of week'

function bits (word: number, offset = 0): number[] {
  const values: number[] = []
  for (let bit = 0; bit < 32; bit++) if ((word >>> bit) & 1) values.push(bit + offset)
  return values
}

/** The values a parsed field selects, decoded from the schedule's bitsets. */
function valuesOf (schedule: CronSchedule, field: Field): number[] {
  switch (field) {
    case 'second': return [...bits(schedule.secondsLow), ...bits(schedule.secondsHigh, 32)]
    case 'minute': return [...bits(schedule.minutesLow), ...bits(schedule.minutesHigh, 32)]
    case 'hour': return bits(schedule.hours)
    case 'day of month': return bits(schedule.daysOfMonth)
    case 'month': return bits(schedule.months)
    case 'day of week': return bits(schedule.daysOfWeek)
  }
}

/** The CronSyntaxError `parse` throws (fails the test when it throws anything else or nothing). */
function refusal (parse: () => unknown): CronSyntaxError | null {
  try {
    parse()
  } catch (error) {
    return error instanceof CronSyntaxError ? error : null
  }
  return null
}

function range (from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index)
}

/** Structure without the text: what Cronos's Equals compares. */
function structure (schedule: CronSchedule): string {
  const { expression, format, ...rest } = schedule
  return JSON.stringify(rest)
}

t.test('each syntax form selects the values Cronos selects', async (t) => {
  const rows: Array<[expression: string, field: Field, values: number[]]> = [
    ['*/20 * * * *', 'minute', [0, 20, 40]],
    ['? ? ? ? ?', 'minute', range(0, 59)],
    ['* * */10 * *', 'day of month', [1, 11, 21, 31]],
    ['* * * */4 *', 'month', [1, 5, 9]],
    ['* * * * */2', 'day of week', [0, 2, 4, 6]],
    // The day-of-week range of * is 0-7, so */7 is {0, 7}: Sunday.
    ['* * * * */7', 'day of week', [0]],
    ['10/5 * * * *', 'minute', range(0, 9).map((i) => 10 + 5 * i)],
    // a/s runs to the maximum, 7 = Sunday included.
    ['* * * * 1/2', 'day of week', [0, 1, 3, 5]],
    ['* * * * tue/2', 'day of week', [2, 4, 6]],
    ['* * * * FRI/3', 'day of week', [5]],
    ['*/45 * * * *', 'minute', [0, 45]],
    ['5-8,19,20,35-41 * * * *', 'minute', [5, 6, 7, 8, 19, 20, ...range(35, 41)]],
    ['57,20/20,30/20,32-34/2,58 * * * *', 'minute', [20, 30, 32, 34, 40, 50, 57, 58]],
    ['05 00 * * *', 'minute', [5]],
    ['* * * JUN,SEP-nov *', 'month', [6, 9, 10, 11]],
    ['* * * * MON-FRI', 'day of week', [1, 2, 3, 4, 5]],
    // Reversed ranges wrap around the field's cycle and keep their stride across the wrap.
    ['* 23-01 * * *', 'hour', [0, 1, 23]],
    ['* * * DEC-FEB *', 'month', [1, 2, 12]],
    ['51-4 * * * *', 'minute', [...range(0, 4), ...range(51, 59)]],
    ['56-4/4 * * * *', 'minute', [0, 4, 56]],
    ['* 23-3/2 * * *', 'hour', [1, 3, 23]],
    ['* * 20-5/5 * *', 'day of month', [4, 20, 25, 30]],
    ['* * * 9-8/3 *', 'month', [3, 6, 9, 12]],
    ['* * * * sat-tue', 'day of week', [0, 1, 2, 6]],
    ['* * * * sat-tue/2', 'day of week', [1, 6]],
    ['45-44 * * * *', 'minute', range(0, 59)],
    // 0 and 7 are both Sunday.
    ['* * * * 0-7', 'day of week', range(0, 6)],
    ['* * * * 5-7', 'day of week', [0, 5, 6]],
    // Cronos quirk: a day-of-week range from 7 with a step computes its restart with a truncating remainder.
    ['* * * * 7-5/2', 'day of week', [2, 4]],
    ['* * * * 7-5', 'day of week', range(0, 5)],
    ['59-58 * * * * *', 'second', range(0, 59)],
    ['* * * * *', 'second', [0]]
  ]
  for (const [expression, field, values] of rows) {
    t.strictSame(valuesOf(parseCron(expression), field), values, `${expression} → ${field} ${values.join(',')}`)
  }
})

t.test('only *, ?, ranges and steps in second, minute or hour make an expression interval', async (t) => {
  const rows: Array<[expression: string, interval: boolean]> = [
    ['0 30 * * * *', true],
    ['0 * 1 * * *', true],
    ['0,5 0/10 1 * * *', true],
    ['0 1-1 1 * * *', true],
    ['*/30 1 * * *', true],
    ['0 0,30 1 * * *', false],
    ['0 0,45 1,2 * * *', false],
    ['30 1 * * *', false],
    // Ranges and steps in the day fields and the month do not count.
    ['0 0,30 1 6/1 1-12 0/1', false],
    ['@every_second', true],
    ['@every_minute', true],
    ['@hourly', true],
    ['@daily', false],
    ['@weekly', false],
    ['@monthly', false],
    ['@yearly', false]
  ]
  for (const [expression, interval] of rows) {
    t.equal(parseCron(expression).isInterval, interval, `${expression} is ${interval ? '' : 'not '}interval`)
  }
})

t.test('the format is chosen by field count unless given', async (t) => {
  const rows: Array<[expression: string, format: 'standard' | 'seconds']> = [
    ['* * * * *', 'standard'],
    ['\t0 0 * * * *  ', 'seconds'],
    ['* * * *', 'standard'],
    ['* * * * * * *', 'standard'],
    ['@every_second', 'seconds'],
    ['  @Every_Second ', 'seconds'],
    ['@daily', 'standard'],
    ['@nonsense', 'standard']
  ]
  for (const [expression, format] of rows) t.equal(cronFormatOf(expression), format, `${JSON.stringify(expression)} → ${format}`)
  t.equal(parseCron('0 0 * * * *').format, 'seconds')
  t.throws(() => parseCron('0 0 * * * *', { format: 'standard' }), CronSyntaxError)
  t.throws(() => parseCron('0 0 * * *', { format: 'seconds' }), CronSyntaxError)
})

t.test('macros are case-insensitive, may be surrounded by blanks and mean their expression', async (t) => {
  const rows: Array<[macro: string, expression: string]> = [
    ['@every_second', '* * * * * *'],
    ['@every_minute', '* * * * *'],
    ['@hourly', '0 * * * *'],
    ['@daily', '0 0 * * *'],
    ['@midnight', '0 0 * * *'],
    ['@weekly', '0 0 * * 0'],
    ['@monthly', '0 0 1 * *'],
    ['@yearly', '0 0 1 1 *'],
    ['@annually', '0 0 1 1 *']
  ]
  for (const [macro, expression] of rows) {
    t.equal(structure(parseCron(`  ${macro.toUpperCase()}\t`)), structure(parseCron(expression)), `${macro} = ${expression}`)
    t.equal(structure(parseCron(macro, { format: 'standard' })), structure(parseCron(expression)), `${macro} under standard`)
    t.equal(structure(parseCron(macro, { format: 'seconds' })), structure(parseCron(expression)), `${macro} under seconds`)
  }
  const everySecond = parseCron('@every_second', { format: 'standard' })
  const from = new Date('2026-01-01T00:00:00Z')
  t.equal(nextOccurrence(everySecond, from, 'UTC')?.toISOString(), '2026-01-01T00:00:01.000Z',
    '@every_second fires every second even when the standard format is asked for')
})

t.test('H picks a stable value per schedule id and field', async (t) => {
  const a = parseCron('H H H * *', { seed: 'rjob_daily_cleanup' })
  const again = parseCron('H H H * *', { seed: 'rjob_daily_cleanup' })
  t.equal(structure(a), structure(again), 'same id, same schedule')
  const minute = valuesOf(a, 'minute')
  const hour = valuesOf(a, 'hour')
  const day = valuesOf(a, 'day of month')
  t.equal(minute.length, 1)
  t.equal(hour.length, 1)
  t.equal(day.length, 1)
  t.ok((day[0] ?? 0) >= 1 && (day[0] ?? 99) <= 28, 'day of month stays within 1-28 so that it fires every month')
  t.notOk(a.isInterval, 'a plain H is a single value, not an interval')

  // Different ids spread over the field.
  const minutes = new Set(Array.from({ length: 200 }, (_, i) => valuesOf(parseCron('H * * * *', { seed: `job-${i}` }), 'minute')[0]))
  t.ok(minutes.size > 40, `200 ids use ${minutes.size} different minutes`)

  const stepped = parseCron('H/15 * * * *', { seed: 'rjob_report' })
  const values = valuesOf(stepped, 'minute')
  t.equal(values.length, 4, 'H/15 fires four times an hour')
  t.ok((values[0] ?? 99) < 15, 'H/15 starts within the first step')
  t.strictSame(values.map((value) => value - (values[0] ?? 0)), [0, 15, 30, 45])
  t.ok(stepped.isInterval, 'H/step is an interval')

  const weekday = valuesOf(parseCron('0 0 * * H', { seed: 'x' }), 'day of week')
  t.ok(weekday.length === 1 && (weekday[0] ?? 9) <= 6)
})

t.test('macros are never jittered, even with a seed', async (t) => {
  t.equal(structure(parseCron('@daily', { seed: 'rjob_x' })), structure(parseCron('0 0 * * *')))
})

t.test('H without a schedule id is refused with a message saying so', async (t) => {
  for (const seed of [undefined, '']) {
    const error = refusal(() => parseCron('H * * * *', { seed }))
    t.equal(error?.field, 'minute')
    t.equal(error?.text, 'H')
    t.match(error?.message, /needs a schedule id/)
  }
})

t.test('a parsed schedule is immutable', async (t) => {
  const schedule = parseCron('0 0 * * *')
  t.ok(Object.isFrozen(schedule))
  t.throws(() => { (schedule as { hours: number }).hours = 1 }, TypeError)
})

t.test('errors name the field and the offending text in a sentence', async (t) => {
  const rows: Array<[expression: string, field: Field | null, text: string, message: string]> = [
    ['61 * * * *', 'minute', '61', 'Invalid value "61" in the minute field: allowed values are 0-59'],
    ['* 24 * * *', 'hour', '24', 'Invalid value "24" in the hour field: allowed values are 0-23'],
    ['* * 0 * *', 'day of month', '0', 'Invalid value "0" in the day of month field: allowed values are 1-31'],
    ['* * * 13 *', 'month', '13', 'Invalid value "13" in the month field: allowed values are 1-12 or JAN-DEC'],
    ['* * * * 8', 'day of week', '8', 'Invalid value "8" in the day of week field: allowed values are 0-7 (0 and 7 are Sunday) or SUN-SAT'],
    ['60 * * * * *', 'second', '60', 'Invalid value "60" in the second field: allowed values are 0-59'],
    ['*/0 * * * *', 'minute', '0', 'Invalid step "0" in the minute field: a step must be 1-59'],
    ['* 1/24 * * *', 'hour', '24', 'Invalid step "24" in the hour field: a step must be 1-23'],
    ['* * * * SUNDAY', 'day of week', 'SUNDAY', 'Invalid value "SUNDAY" in the day of week field: use 0-7 (0 and 7 are Sunday) or SUN-SAT (names are exactly three letters)'],
    ['* * MON * *', 'day of month', 'MON', 'Invalid value "MON" in the day of month field: names are only allowed in the month (JAN-DEC) and day of week (SUN-SAT) fields; use a number 1-31'],
    ['0005 * * * *', 'minute', '0005', 'Invalid value "0005" in the minute field: numbers have at most two digits'],
    ['*,5 * * * *', 'minute', '*,5', '"*" must stand alone in the minute field; it cannot be part of a list or range ("*,5")'],
    ['1k * * * *', 'minute', '1k', 'Unexpected "k" after "1" in the minute field ("1k")'],
    ['5- * * * *', 'minute', '5-', 'Missing value in the minute field ("5-")'],
    ['* * 1,2W * *', 'day of month', '1,2W', '"1,2W" is not valid in the day of month field: "W" follows a single value, as in "15W", and the field must hold nothing else'],
    ['* * L-31 * *', 'day of month', '31', 'Invalid offset "31" in "L-n" in the day of month field: n must be 0-30'],
    ['* * * * 5#6', 'day of week', '6', 'Invalid week number "6" after "#" in the day of week field: it must be 1-5'],
    ['5#3 * * * *', 'minute', '5#3', '"#" is only allowed in the day of week field, not in the minute field'],
    ['* L * * *', 'hour', 'L', '"L" is only allowed in the day of month and day of week fields, not in the hour field'],
    ['* * * * 1W', 'day of week', '1W', '"W" is only allowed in the day of month field, not in the day of week field'],
    ['* * * * * * *', null, '* * * * * * *', 'Expected 5 fields (minute hour day-of-month month day-of-week), or 6 with a leading second field, but found 7'],
    ['* * * *', null, '* * * *', 'Expected 5 fields (minute hour day-of-month month day-of-week), or 6 with a leading second field, but found 4'],
    ['', null, '', 'The cron expression is empty'],
    ['*\n* * * *', null, '*\n* * * *', 'Invalid whitespace "\\n" in the cron expression: separate fields with spaces or tabs only'],
    ['@reboot', null, '@reboot', 'Unknown macro "@reboot": use one of @every_second, @every_minute, @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually']
  ]
  for (const [expression, field, text, message] of rows) {
    const error = refusal(() => parseCron(expression))
    t.strictSame(error === null ? null : { field: error.field, text: error.text, message: error.message },
      { field, text, message }, `${JSON.stringify(expression)} is refused`)
  }
})

t.test('a wrong field count for an explicit format names that format', async (t) => {
  t.throws(() => parseCron('* * * * * *', { format: 'standard' }),
    { message: 'Expected 5 fields (minute hour day-of-month month day-of-week) but found 6' })
  t.throws(() => parseCron('* * * * *', { format: 'seconds' }),
    { message: 'Expected 6 fields (second minute hour day-of-month month day-of-week) but found 5' })
})

t.test('a format other than standard or seconds is a programming error', async (t) => {
  t.throws(() => parseCron('* * * * *', { format: 'minutes' as 'standard' }), TypeError)
})
