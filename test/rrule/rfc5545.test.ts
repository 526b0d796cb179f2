// The three places where python-dateutil contradicts RFC 5545 and RFC 5545 wins (CONTRACT §14). Each case names
// the rule, dtstart, dateutil 2.9's answer and ours; the differential test checks the same corrections against a
// patched dateutil (test/helpers/rrule_rfc.py) on thousands of random rules.
import t from 'tap'
import { expandDates, parseRrule } from '../../src/rrule/index.js'

function dates (rrule: string, dtstart: string, limit = 100): string[] {
  return [...expandDates(parseRrule(rrule), dtstart, { limit })].map(o => o.date)
}

interface Case { says: string, rrule: string, dtstart: string, dateutil: string[], rfc: string[] }

function cases (t: { strictSame: (found: unknown, wanted: unknown, message: string) => boolean }, rows: Case[]): void {
  for (const c of rows) {
    t.strictSame(dates(c.rrule, c.dtstart), c.rfc, `${c.says}: ${c.rrule} from ${c.dtstart} (dateutil: ${c.dateutil.length === 0 ? 'nothing' : c.dateutil.join(' ')})`)
  }
}

t.test('RFC 5545 (1): a BYDAY mixing plain and ordinal weekdays is a union, not an intersection', async t => {
  cases(t, [
    {
      says: 'the first Monday and every Friday of each month',
      rrule: 'FREQ=MONTHLY;BYDAY=1MO,FR;COUNT=6',
      dtstart: '2026-01-01',
      dateutil: [],
      rfc: ['2026-01-02', '2026-01-05', '2026-01-09', '2026-01-16', '2026-01-23', '2026-01-30']
    },
    {
      says: 'every Sunday and the last Friday of the year',
      rrule: 'FREQ=YEARLY;BYDAY=-1FR,SU;BYMONTH=12;COUNT=6',
      dtstart: '2026-12-01',
      dateutil: [],
      rfc: ['2026-12-06', '2026-12-13', '2026-12-20', '2026-12-25', '2026-12-27', '2027-12-05']
    },
    {
      says: 'BYSETPOS picks from the union',
      rrule: 'FREQ=MONTHLY;BYDAY=2TU,TH;BYSETPOS=-1;COUNT=3',
      dtstart: '2026-01-01',
      dateutil: [],
      rfc: ['2026-01-29', '2026-02-26', '2026-03-26']
    }
  ])
  t.strictSame(dates('FREQ=WEEKLY;BYDAY=1MO,FR;COUNT=4', '2026-01-01'), ['2026-01-02', '2026-01-05', '2026-01-09', '2026-01-12'],
    'WEEKLY still ignores ordinals, as dateutil does (every Monday and every Friday)')
})

t.test('RFC 5545 (2): BYWEEKNO gives the days before week 1 to the previous year\'s real last week (dateutil PR #1537)', async t => {
  cases(t, [
    {
      says: '2011-01-01/02 are in week 52 of 2010, which has no week 53',
      rrule: 'FREQ=YEARLY;COUNT=2;BYWEEKNO=52;BYDAY=SA,SU',
      dtstart: '2011-01-01',
      dateutil: ['2011-12-31', '2012-01-01'],
      rfc: ['2011-01-01', '2011-01-02']
    },
    {
      says: 'week 53 exists in 2026, not in 2021: 2022-01-01/02 belong to week 52 of 2021',
      rrule: 'FREQ=YEARLY;BYWEEKNO=53;COUNT=3',
      dtstart: '2022-01-01',
      dateutil: ['2022-01-01', '2022-01-02', '2026-12-28'],
      rfc: ['2026-12-28', '2026-12-29', '2026-12-30']
    },
    {
      says: 'with WKST=SU, 2027-01-01/02 belong to week 52 of 2026',
      rrule: 'FREQ=YEARLY;BYWEEKNO=52;WKST=SU;COUNT=3',
      dtstart: '2027-01-01',
      dateutil: ['2027-12-26', '2027-12-27', '2027-12-28'],
      rfc: ['2027-01-01', '2027-01-02', '2027-12-26']
    }
  ])
})

t.test('RFC 5545 (3): WEEKLY BYSETPOS counts positions in weeks starting on WKST, not from dtstart (dateutil issue #1398)', async t => {
  cases(t, [
    {
      says: 'the first weekday of each week, from a Wednesday: that week\'s first weekday was Monday, before dtstart',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1;COUNT=3',
      dtstart: '2026-01-07',
      dateutil: ['2026-01-07', '2026-01-12', '2026-01-19'],
      rfc: ['2026-01-12', '2026-01-19', '2026-01-26']
    },
    {
      says: 'the second of Tuesday/Thursday/Saturday with weeks starting Sunday, from a Thursday',
      rrule: 'FREQ=WEEKLY;WKST=SU;BYDAY=TU,TH,SA;BYSETPOS=2;COUNT=3',
      dtstart: '2026-01-08',
      dateutil: ['2026-01-10', '2026-01-15', '2026-01-22'],
      rfc: ['2026-01-08', '2026-01-15', '2026-01-22']
    },
    {
      says: 'a first week that begins in the previous year: Monday 2025-12-29 is its first weekday, before dtstart',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;COUNT=2',
      dtstart: '2026-01-01',
      dateutil: ['2026-01-01', '2026-01-05'],
      rfc: ['2026-01-05', '2026-01-12']
    }
  ])
  t.strictSame(dates('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2;COUNT=3', '2026-01-01'), ['2026-01-01', '2026-01-08', '2026-01-15'],
    'positions that fall on or after dtstart are the same either way')
})
