// rebaseRule ("this and following"): the rebased rule from its new dtstart yields exactly the old rule's dates on or
// after `from`, checked on named cases and on random rules against the old expansion.
import t from 'tap'
import { expandDates, parseRrule, rebaseRule } from '../../src/rrule/index.js'
import { addDays, prng } from '../helpers/random.js'

function dates (rrule: string, dtstart: string, until: string, limit = 80): string[] {
  return [...expandDates(parseRrule(rrule), dtstart, { untilDate: until, limit })].map(o => o.date)
}

t.test('the parts dtstart implied are written out; INTERVAL keeps its phase', async t => {
  const rows: Array<[string, string, string, { text: string, dtstart: string }]> = [
    ['FREQ=WEEKLY', '2026-03-24', '2026-04-08', { text: 'FREQ=WEEKLY;BYDAY=TU', dtstart: '2026-04-08' }],
    ['FREQ=MONTHLY', '2026-03-24', '2026-04-08', { text: 'FREQ=MONTHLY;BYMONTHDAY=24', dtstart: '2026-04-08' }],
    ['FREQ=YEARLY', '2024-02-29', '2025-01-01', { text: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', dtstart: '2025-01-01' }],
    ['FREQ=YEARLY;BYMONTH=6,9', '2026-03-15', '2026-07-01', { text: 'FREQ=YEARLY;BYMONTH=6,9;BYMONTHDAY=15', dtstart: '2026-07-01' }],
    ['FREQ=DAILY;INTERVAL=3', '2026-03-24', '2026-03-28', { text: 'FREQ=DAILY;INTERVAL=3', dtstart: '2026-03-30' }],
    ['FREQ=DAILY;INTERVAL=3', '2026-03-24', '2026-03-27', { text: 'FREQ=DAILY;INTERVAL=3', dtstart: '2026-03-27' }],
    ['FREQ=WEEKLY;INTERVAL=2', '2026-03-24', '2026-04-14', { text: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', dtstart: '2026-04-20' }],
    ['FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,SA', '2026-03-22', '2026-03-29', { text: 'FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,SA', dtstart: '2026-04-05' }],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR', '2026-01-01', '2026-02-10', { text: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR', dtstart: '2026-03-01' }],
    ['FREQ=YEARLY;INTERVAL=4;COUNT=5', '2026-07-04', '2027-01-01', { text: 'FREQ=YEARLY;INTERVAL=4;COUNT=5;BYMONTH=7;BYMONTHDAY=4', dtstart: '2030-01-01' }]
  ]
  for (const [rrule, dtstart, from, expected] of rows) {
    const rebased = rebaseRule(parseRrule(rrule), dtstart, from)
    t.strictSame(rebased, expected, `${rrule} from ${dtstart}, rebased on ${from}`)
    const old = dates(rrule.replace(/;COUNT=\d+/, ''), dtstart, '2030-12-31', 100000).filter(d => d >= from)
    t.strictSame(dates(rebased.text.replace(/;COUNT=\d+/, ''), rebased.dtstart, '2030-12-31', 100000), old, `${rrule}: the same dates from ${from} on`)
  }
  t.throws(() => rebaseRule(parseRrule('FREQ=DAILY'), '2026-03-24', '2026-03-23'), RangeError, 'from before dtstart is refused')
})

const SHAPES = [
  'FREQ=DAILY', 'FREQ=WEEKLY', 'FREQ=MONTHLY', 'FREQ=YEARLY', 'FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=WEEKLY;WKST=SU;BYDAY=SU,WE',
  'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=MONTHLY;BYMONTHDAY=15,-1', 'FREQ=MONTHLY;BYDAY=1MO,FR', 'FREQ=YEARLY;BYMONTH=3,9',
  'FREQ=YEARLY;BYWEEKNO=1,20,53;BYDAY=MO', 'FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29', 'FREQ=YEARLY;BYYEARDAY=1,-1'
]

t.test('2000 random rules, dtstarts and split dates: the rebased rule yields the old dates from the split date on', async t => {
  const rand = prng(20261215)
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1))
  const mismatches: string[] = []
  let moved = 0
  for (let k = 0; k < 2000; k++) {
    const interval = rand() < 0.6 ? int(2, 5) : 1
    const rrule = `${SHAPES[int(0, SHAPES.length - 1)]!}${interval > 1 ? `;INTERVAL=${interval}` : ''}`
    const dtstart = addDays('2020-01-01', int(0, 3000))
    const from = addDays(dtstart, int(1, 900))
    const until = addDays(from, 1500)
    const rebased = rebaseRule(parseRrule(rrule), dtstart, from)
    if (rebased.dtstart !== from) moved++
    const want = dates(rrule, dtstart, until, 100000).filter(d => d >= from).slice(0, 80)
    const got = dates(rebased.text, rebased.dtstart, until)
    if (got.join(' ') !== want.join(' ')) mismatches.push(`${rrule} from ${dtstart} split on ${from} → ${rebased.text} from ${rebased.dtstart}: ${got.slice(0, 4).join(' ')} vs ${want.slice(0, 4).join(' ')}`)
  }
  t.comment(`${moved} of 2000 rebased later than the split date (INTERVAL skipped its period)`)
  for (const m of mismatches.slice(0, 10)) t.comment(`MISMATCH ${m}`)
  t.equal(mismatches.length, 0, 'every rebased rule yields the same dates')
  t.ok(moved > 200, 'INTERVAL skipped the split date\'s period in many cases')
})
