import t from 'tap'
import { parseRrule, RruleSyntaxError, type Rule } from '../../src/rrule/index.js'

function errorOf (text: string): RruleSyntaxError {
  try {
    parseRrule(text)
  } catch (err) {
    if (err instanceof RruleSyntaxError) return err
    throw err
  }
  throw new Error(`expected ${text} to be rejected`)
}

t.test('a rule with every date part parses into the Rule fields', async t => {
  const rule = parseRrule('FREQ=MONTHLY;INTERVAL=2;COUNT=10;WKST=SU;BYDAY=MO,+2TU,-1FR;BYMONTHDAY=1,-1;BYMONTH=1,12;BYYEARDAY=100,-366;BYWEEKNO=1,-53;BYSETPOS=1,-2')
  const expected: Rule = {
    freq: 'MONTHLY',
    interval: 2,
    count: 10,
    until: null,
    wkst: 'SU',
    byDay: [{ weekday: 'MO', n: null }, { weekday: 'TU', n: 2 }, { weekday: 'FR', n: -1 }],
    byMonthDay: [1, -1],
    byMonth: [1, 12],
    byYearDay: [100, -366],
    byWeekNo: [1, -53],
    bySetPos: [1, -2],
    byHour: [],
    byMinute: [],
    bySecond: [],
    text: 'FREQ=MONTHLY;INTERVAL=2;COUNT=10;WKST=SU;BYDAY=MO,+2TU,-1FR;BYMONTHDAY=1,-1;BYMONTH=1,12;BYYEARDAY=100,-366;BYWEEKNO=1,-53;BYSETPOS=1,-2'
  }
  t.strictSame(rule, expected)
})

t.test('absent parts get their RFC defaults', async t => {
  t.strictSame(parseRrule('FREQ=DAILY'), {
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
    text: 'FREQ=DAILY'
  })
})

t.test('the RRULE: prefix, letter case, part order and surrounding blanks do not matter', async t => {
  const canonical = parseRrule('FREQ=WEEKLY;BYDAY=MO,FR;COUNT=3')
  for (const text of ['RRULE:FREQ=WEEKLY;BYDAY=MO,FR;COUNT=3', 'rrule:freq=weekly;byday=mo,fr;count=3', '  COUNT=3;BYDAY=MO,FR;FREQ=WEEKLY\n']) {
    const rule = parseRrule(text)
    t.strictSame({ ...rule, text: '' }, { ...canonical, text: '' }, JSON.stringify(text))
  }
  t.equal(parseRrule('rrule:freq=daily').text, 'FREQ=DAILY', 'text is upper-cased and without the prefix')
})

t.test('UNTIL is a date, a floating date-time or a UTC date-time', async t => {
  t.strictSame(parseRrule('FREQ=DAILY;UNTIL=20261231').until, { kind: 'date', date: '2026-12-31' })
  t.strictSame(parseRrule('FREQ=DAILY;UNTIL=20261231T235959').until, { kind: 'local', dateTime: '2026-12-31T23:59:59' })
  t.strictSame(parseRrule('FREQ=DAILY;UNTIL=20261231T050000Z').until, { kind: 'utc', dateTime: '2026-12-31T05:00:00Z' })
  t.strictSame(parseRrule('FREQ=DAILY;UNTIL=20240229').until, { kind: 'date', date: '2024-02-29' }, 'a leap day in a leap year')
})

t.test('sub-daily parts are parsed (refusing them is the API\'s policy, not the parser\'s)', async t => {
  const rule = parseRrule('FREQ=HOURLY;BYHOUR=0,23;BYMINUTE=0,59;BYSECOND=0,60')
  t.equal(rule.freq, 'HOURLY')
  t.strictSame([rule.byHour, rule.byMinute, rule.bySecond], [[0, 23], [0, 59], [0, 60]])
})

t.test('ordinals up to ±53 are accepted with every frequency (dateutil gives them meaning or ignores them)', async t => {
  t.strictSame(parseRrule('FREQ=YEARLY;BYDAY=53MO,-53SU').byDay, [{ weekday: 'MO', n: 53 }, { weekday: 'SU', n: -53 }])
  t.strictSame(parseRrule('FREQ=WEEKLY;BYDAY=8MO').byDay, [{ weekday: 'MO', n: 8 }])
  t.equal(parseRrule('FREQ=DAILY;COUNT=0').count, 0, 'COUNT=0 is valid syntax (and expands to nothing)')
})

t.test('each wrong input names the part that is wrong', async t => {
  const rows: Array<[string, string, RegExp?]> = [
    ['', 'RRULE', /empty/],
    ['RRULE:', 'RRULE'],
    ['COUNT=3', 'FREQ', /required/],
    ['FREQ=FORTNIGHTLY', 'FREQ', /"FORTNIGHTLY"/],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ', /more than once/],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL', /positive integer/],
    ['FREQ=DAILY;INTERVAL=-2', 'INTERVAL'],
    ['FREQ=DAILY;INTERVAL=1.5', 'INTERVAL'],
    ['FREQ=DAILY;COUNT=ten', 'COUNT', /"TEN"/],
    ['FREQ=DAILY;COUNT=-1', 'COUNT'],
    ['FREQ=DAILY;UNTIL=TheCowsComeHome', 'UNTIL', /"THECOWSCOMEHOME"/],
    ['FREQ=DAILY;UNTIL=2026-01-01', 'UNTIL'],
    ['FREQ=DAILY;UNTIL=20260230', 'UNTIL'],
    ['FREQ=DAILY;UNTIL=20250229', 'UNTIL'],
    ['FREQ=DAILY;UNTIL=20260101T240000', 'UNTIL'],
    ['FREQ=DAILY;UNTIL=20260101T0000', 'UNTIL'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20260101', 'UNTIL', /COUNT and UNTIL/],
    ['FREQ=DAILY;UNTIL=20260101;COUNT=3', 'UNTIL', /COUNT and UNTIL/],
    ['FREQ=DAILY;WKST=XX', 'WKST', /"XX"/],
    ['FREQ=WEEKLY;BYDAY=', 'BYDAY', /empty/],
    ['FREQ=WEEKLY;BYDAY=-1OK', 'BYDAY', /BYDAY value "-1OK" is not a weekday with an optional ordinal -53..53/],
    ['FREQ=MONTHLY;BYDAY=0MO', 'BYDAY'],
    ['FREQ=MONTHLY;BYDAY=54MO', 'BYDAY'],
    ['FREQ=MONTHLY;BYDAY=MO(+1)', 'BYDAY'],
    ['FREQ=MONTHLY;BYDAY=MO,,TU', 'BYDAY', /""/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY', /-31..-1 or 1..31/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH', /1..12/],
    ['FREQ=YEARLY;BYMONTH=-1', 'BYMONTH'],
    ['FREQ=YEARLY;BYMONTH=1,,2', 'BYMONTH'],
    ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY'],
    ['FREQ=YEARLY;BYYEARDAY=0', 'BYYEARDAY'],
    ['FREQ=YEARLY;BYWEEKNO=54', 'BYWEEKNO'],
    ['FREQ=YEARLY;BYWEEKNO=-0', 'BYWEEKNO'],
    ['FREQ=MONTHLY;COUNT=1;BYSETPOS=0', 'BYSETPOS'],
    ['FREQ=MONTHLY;COUNT=1;BYSETPOS=-1,0,1', 'BYSETPOS', /"0"/],
    ['FREQ=MONTHLY;BYSETPOS=367', 'BYSETPOS'],
    ['FREQ=DAILY;BYHOUR=24', 'BYHOUR'],
    ['FREQ=DAILY;BYMINUTE=60', 'BYMINUTE'],
    ['FREQ=DAILY;BYSECOND=61', 'BYSECOND'],
    ['FREQ=DAILY;BYEASTER=0', 'BYEASTER', /unknown RRULE part "BYEASTER"/],
    ['FREQ=DAILY;X-NAME=1', 'X-NAME'],
    ['FREQ=DAILY;COUNT=3;', 'RRULE', /empty part/],
    ['FREQ=DAILY;;COUNT=3', 'RRULE'],
    ['FREQ=DAILY;COUNT', 'COUNT', /NAME=VALUE/],
    ['FREQ=DAILY;=3', 'RRULE', /no valid name/],
    ['FREQ=DAILY; COUNT=3', 'RRULE', /blanks/],
    ['DTSTART:20260101T000000', 'RRULE']
  ]
  for (const [text, part, message] of rows) {
    const err = errorOf(text)
    t.equal(err.part, part, `${JSON.stringify(text)} → part ${part} (${err.message})`)
    if (message !== undefined) t.match(err.message, message)
  }
})

t.test('RruleSyntaxError is an Error with its own name', async t => {
  const err = errorOf('FREQ=DAILY;BYDAY=XX')
  t.ok(err instanceof Error)
  t.equal(err.name, 'RruleSyntaxError')
  t.equal(err.part, 'BYDAY')
})
