// The three places where python-dateutil contradicts RFC 5545 and RFC 5545 wins (docs/contract.md §14), as one table:
// each row names the rule, dtstart, dateutil 2.9's answer and ours. Rows whose two answers agree are the controls
// that show where each correction stops. When python3 with dateutil is here, both columns are checked against it:
// `dateutil` against dateutil itself, `rfc` against dateutil with the corrections (test/helpers/rrule_rfc.py), which
// the differential test runs on thousands of random rules.
import t from 'tap'
import { expandDates, parseRrule } from '../../src/rrule/index.js'
import { dateutilUnavailableReason, runDateutilOracle, type OracleCase } from '../helpers/rrule-oracle.js'

interface Row { correction: 1 | 2 | 3, says: string, rrule: string, dtstart: string, dateutil: string[], rfc: string[] }

const CORRECTIONS = {
  1: 'a BYDAY mixing plain and ordinal weekdays is a union, not an intersection',
  2: 'BYWEEKNO gives the days before week 1 to the previous year\'s real last week (dateutil PR #1537)',
  3: 'WEEKLY BYSETPOS counts positions in weeks starting on WKST, not from dtstart (dateutil issue #1398)'
} as const

const ROWS: Row[] = [
  { correction: 1, says: 'the first Monday and every Friday of each month', rrule: 'FREQ=MONTHLY;BYDAY=1MO,FR;COUNT=6', dtstart: '2026-01-01', dateutil: [], rfc: ['2026-01-02', '2026-01-05', '2026-01-09', '2026-01-16', '2026-01-23', '2026-01-30'] },
  { correction: 1, says: 'every Monday and the first Tuesday of each month', rrule: 'FREQ=MONTHLY;BYDAY=MO,1TU;COUNT=6', dtstart: '2026-01-01', dateutil: [], rfc: ['2026-01-05', '2026-01-06', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'] },
  { correction: 1, says: 'every Sunday and the last Friday of the year', rrule: 'FREQ=YEARLY;BYDAY=-1FR,SU;BYMONTH=12;COUNT=6', dtstart: '2026-12-01', dateutil: [], rfc: ['2026-12-06', '2026-12-13', '2026-12-20', '2026-12-25', '2026-12-27', '2027-12-05'] },
  { correction: 1, says: 'BYSETPOS picks from the union', rrule: 'FREQ=MONTHLY;BYDAY=2TU,TH;BYSETPOS=-1;COUNT=3', dtstart: '2026-01-01', dateutil: [], rfc: ['2026-01-29', '2026-02-26', '2026-03-26'] },
  { correction: 1, says: 'control: WEEKLY ignores ordinals on both sides (every Monday and every Friday)', rrule: 'FREQ=WEEKLY;BYDAY=1MO,FR;COUNT=4', dtstart: '2026-01-01', dateutil: ['2026-01-02', '2026-01-05', '2026-01-09', '2026-01-12'], rfc: ['2026-01-02', '2026-01-05', '2026-01-09', '2026-01-12'] },
  { correction: 2, says: '2011-01-01/02 are in week 52 of 2010, which has no week 53', rrule: 'FREQ=YEARLY;COUNT=2;BYWEEKNO=52;BYDAY=SA,SU', dtstart: '2011-01-01', dateutil: ['2011-12-31', '2012-01-01'], rfc: ['2011-01-01', '2011-01-02'] },
  { correction: 2, says: 'week 53 exists in 2026, not in 2021: 2022-01-01/02 belong to week 52 of 2021', rrule: 'FREQ=YEARLY;BYWEEKNO=53;COUNT=3', dtstart: '2022-01-01', dateutil: ['2022-01-01', '2022-01-02', '2026-12-28'], rfc: ['2026-12-28', '2026-12-29', '2026-12-30'] },
  { correction: 2, says: 'with WKST=SU, 2027-01-01/02 belong to week 52 of 2026', rrule: 'FREQ=YEARLY;BYWEEKNO=52;WKST=SU;COUNT=3', dtstart: '2027-01-01', dateutil: ['2027-12-26', '2027-12-27', '2027-12-28'], rfc: ['2027-01-01', '2027-01-02', '2027-12-26'] },
  { correction: 3, says: 'the first weekday of each week, from a Wednesday: that week\'s first weekday was Monday, before dtstart', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1;COUNT=3', dtstart: '2026-01-07', dateutil: ['2026-01-07', '2026-01-12', '2026-01-19'], rfc: ['2026-01-12', '2026-01-19', '2026-01-26'] },
  { correction: 3, says: 'the second of Tuesday/Thursday/Saturday with weeks starting Sunday, from a Thursday', rrule: 'FREQ=WEEKLY;WKST=SU;BYDAY=TU,TH,SA;BYSETPOS=2;COUNT=3', dtstart: '2026-01-08', dateutil: ['2026-01-10', '2026-01-15', '2026-01-22'], rfc: ['2026-01-08', '2026-01-15', '2026-01-22'] },
  { correction: 3, says: 'a first week that begins in the previous year: Monday 2025-12-29 is its first weekday, before dtstart', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;COUNT=2', dtstart: '2026-01-01', dateutil: ['2026-01-01', '2026-01-05'], rfc: ['2026-01-05', '2026-01-12'] },
  { correction: 3, says: 'control: positions that fall on or after dtstart are the same either way', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2;COUNT=3', dtstart: '2026-01-01', dateutil: ['2026-01-01', '2026-01-08', '2026-01-15'], rfc: ['2026-01-01', '2026-01-08', '2026-01-15'] }
]

function dates (rrule: string, dtstart: string): string[] {
  return [...expandDates(parseRrule(rrule), dtstart, { limit: 100 })].map(o => o.date)
}

const label = (r: Row): string => `${r.says}: ${r.rrule} from ${r.dtstart}`

for (const correction of [1, 2, 3] as const) {
  t.test(`RFC 5545 (${correction}): ${CORRECTIONS[correction]}`, async t => {
    const rows = ROWS.filter(r => r.correction === correction)
    t.ok(rows.some(r => r.dateutil.join() !== r.rfc.join()), 'at least one row where dateutil and RFC 5545 differ')
    for (const r of rows) t.strictSame(dates(r.rrule, r.dtstart), r.rfc, `${label(r)} (dateutil: ${r.dateutil.length === 0 ? 'nothing' : r.dateutil.join(' ')})`)
  })
}

const unavailable = dateutilUnavailableReason()

t.test('the table\'s two columns are what dateutil and the corrected dateutil answer', { skip: unavailable === null ? false : `python-dateutil oracle unavailable (${unavailable})` }, async t => {
  const cases: OracleCase[] = ROWS.map(r => ({ rule: r.rrule, dtstart: r.dtstart, max: 100, lastYear: Number(r.dtstart.slice(0, 4)) + 10 }))
  const [plain, corrected] = await Promise.all([runDateutilOracle(cases), runDateutilOracle(cases, { rfc: true })])
  ROWS.forEach((r, k) => {
    t.strictSame(plain[k], { dates: r.dateutil }, `dateutil: ${label(r)}`)
    t.strictSame(corrected[k], { dates: r.rfc }, `corrected dateutil: ${label(r)}`)
  })
})
