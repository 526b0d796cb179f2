// Random rules, expanded by python-dateutil (with its three RFC 5545 errors corrected, docs/contract.md §14) and by us:
// the dates must be identical, and raw dateutil may differ only on rules those corrections apply to.
import t from 'tap'
import { expandDates, parseRrule } from '../../src/rrule/index.js'
import { prng } from '../helpers/random.js'
import { dateutilUnavailableReason, runDateutilOracle, type OracleCase } from '../helpers/rrule-oracle.js'

const N = Number(process.env.RRULE_DIFF_N ?? 3000)
const SEED = Number(process.env.RRULE_DIFF_SEED ?? 20260101)
const MAX_DATES = 60

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

interface Generated extends OracleCase {
  parts: string[]
}

function generate (rand: () => number): Generated {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1))
  const chance = (p: number): boolean => rand() < p
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const signed = (max: number, negP = 0.35): number => (chance(negP) ? -1 : 1) * int(1, max)
  const list = (n: number, f: () => number): string => Array.from({ length: n }, f).join(',')

  const freq = pick(['YEARLY', 'YEARLY', 'MONTHLY', 'MONTHLY', 'WEEKLY', 'WEEKLY', 'DAILY'] as const)
  const year = chance(0.05) ? int(1601, 1800) : int(1960, 2080)
  const month = int(1, 12)
  const day = int(1, month === 2 ? 29 : 31)
  const dtstart = new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) // rolls over invalid days
  const parts: string[] = [`FREQ=${freq}`]
  const used: string[] = []

  if (chance(0.4)) parts.push(`INTERVAL=${chance(0.8) ? int(2, 5) : pick([7, 12, 13, 52, 100, 400])}`)
  if (chance(0.4)) parts.push(`WKST=${pick(WEEKDAYS)}`)
  const end = rand()
  if (end < 0.45) parts.push(`COUNT=${int(1, 40)}`)
  else if (end < 0.75) {
    const uy = year + int(0, 12)
    const u = `${uy}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}`
    parts.push(`UNTIL=${chance(0.5) ? u : `${u}T${pick(['000000', '120000', '235959'])}`}`)
  }
  if (chance(0.3)) parts.push(`BYMONTH=${list(int(1, 3), () => int(1, 12))}`)
  const byMonthGiven = parts.some(p => p.startsWith('BYMONTH='))
  if (chance(0.3)) parts.push(`BYMONTHDAY=${list(int(1, 3), () => signed(31))}`)
  if (chance(0.12)) parts.push(`BYYEARDAY=${list(int(1, 4), () => signed(366))}`)
  if (chance(0.15)) parts.push(`BYWEEKNO=${list(int(1, 3), () => chance(0.3) ? pick([1, -1, 52, 53, -53]) : signed(53))}`)
  if (chance(0.5)) {
    // Ordinals: within a month (MONTHLY, or YEARLY with BYMONTH) ±1..6 — dateutil itself
    // raises IndexError for larger positive ones there; within a year ±1..53.
    const maxOrd = freq === 'YEARLY' && !byMonthGiven ? 53 : 6
    const ordP = chance(0.5) ? 0.8 : 0.15
    const ordinal = (): string => {
      const n = signed(chance(0.7) ? Math.min(5, maxOrd) : maxOrd, 0.4)
      return n > 0 && chance(0.2) ? `+${n}` : String(n)
    }
    parts.push(`BYDAY=${Array.from({ length: int(1, 4) }, () => `${chance(ordP) ? ordinal() : ''}${pick(WEEKDAYS)}`).join(',')}`)
  }
  if (chance(0.2)) parts.push(`BYSETPOS=${list(int(1, 3), () => signed(chance(0.8) ? 5 : 30, 0.5))}`)

  for (const p of parts) used.push(p.slice(0, p.indexOf('=')))
  // Shuffle the parts (order must not matter) and vary case and prefix (parser leniency).
  const shuffled = [parts[0] as string, ...parts.slice(1).sort(() => rand() - 0.5)].sort(() => (chance(0.2) ? rand() - 0.5 : 0))
  let rule = shuffled.join(';')
  if (chance(0.1)) rule = rule.toLowerCase()
  if (chance(0.1)) rule = `RRULE:${rule}`
  return { rule, dtstart, max: MAX_DATES, lastYear: year + 15, parts: used }
}

const unavailable = dateutilUnavailableReason()

/** Which of the three RFC 5545 corrections (docs/contract.md §14) a rule can touch; '' when none. */
function rfcCase (c: Generated): string {
  const rule = parseRrule(c.rule)
  const causes: string[] = []
  const ordinals = rule.byDay.filter(d => d.n !== null).length
  if ((rule.freq === 'MONTHLY' || rule.freq === 'YEARLY') && ordinals > 0 && ordinals < rule.byDay.length) causes.push('BYDAY union')
  if (rule.byWeekNo.length > 0) causes.push('BYWEEKNO year edge')
  if (rule.freq === 'WEEKLY' && rule.bySetPos.length > 0) causes.push('WEEKLY BYSETPOS')
  return causes.join(' + ')
}

t.test(`our expansion of ${N} random rules equals python-dateutil's, with dateutil's three RFC 5545 errors corrected`, { skip: unavailable === null ? false : `python-dateutil oracle unavailable (${unavailable})` }, async t => {
  const rand = prng(SEED)
  const cases = Array.from({ length: N }, () => generate(rand))
  const [raw, corrected] = await Promise.all([runDateutilOracle(cases), runDateutilOracle(cases, { rfc: true })])

  let compared = 0
  let datesCompared = 0
  let nonEmpty = 0
  let oracleErrors = 0
  const mismatches: string[] = []
  const unexplained: string[] = []
  const rfcDifferences = new Map<string, number>()
  const partCounts = new Map<string, number>()

  cases.forEach((c, k) => {
    for (const p of c.parts) partCounts.set(p, (partCounts.get(p) ?? 0) + 1)
    const r = corrected[k]
    const d = raw[k]
    if (r === undefined || 'error' in r || d === undefined || 'error' in d) {
      oracleErrors++
      t.comment(`dateutil error (case not compared): ${c.rule} from ${c.dtstart}: ${r === undefined ? 'no answer' : 'error' in r ? r.error : d !== undefined && 'error' in d ? d.error : 'no answer'}`)
      return
    }
    let ours: string[]
    try {
      ours = [...expandDates(parseRrule(c.rule), c.dtstart, { untilDate: `${c.lastYear}-12-31`, limit: c.max })].map(o => o.date)
    } catch (err) {
      mismatches.push(`${c.rule} from ${c.dtstart}: we threw ${String(err)}; corrected dateutil: ${r.dates.join(' ')}`)
      return
    }
    compared++
    datesCompared += r.dates.length
    if (r.dates.length > 0) nonEmpty++
    if (ours.join(' ') !== r.dates.join(' ')) {
      mismatches.push(`${c.rule} from ${c.dtstart} (to ${c.lastYear}-12-31, first ${c.max}):\n    ours:              ${ours.join(' ')}\n    corrected dateutil: ${r.dates.join(' ')}`)
    }
    if (d.dates.join(' ') !== r.dates.join(' ')) {
      // Raw dateutil differs: only allowed where one of the three corrections applies.
      const cause = rfcCase(c)
      if (cause === '') unexplained.push(`${c.rule} from ${c.dtstart}: raw ${d.dates.join(' ')} vs corrected ${r.dates.join(' ')}`)
      else rfcDifferences.set(cause, (rfcDifferences.get(cause) ?? 0) + 1)
    }
  })

  const rfcTotal = [...rfcDifferences.values()].reduce((a, b) => a + b, 0)
  t.comment(`differential: ${N} rules (seed ${SEED}), ${compared} compared, ${nonEmpty} non-empty, ${datesCompared} dates, ${oracleErrors} dateutil errors, ${mismatches.length} mismatches`)
  t.comment(`raw dateutil agrees on ${compared - rfcTotal} of ${compared}; the ${rfcTotal} others are RFC 5545 corrections: ${[...rfcDifferences].map(([p, n]) => `${p} ${n}`).join(', ')}`)
  t.comment(`parts used: ${[...partCounts].map(([p, n]) => `${p} ${n}`).join(', ')}`)
  for (const m of mismatches.slice(0, 20)) t.comment(`MISMATCH ${m}`)
  for (const m of unexplained.slice(0, 20)) t.comment(`UNEXPLAINED ${m}`)
  t.equal(mismatches.length, 0, 'no rule expands differently from corrected dateutil')
  t.equal(unexplained.length, 0, 'raw dateutil differs only on rules one of the three corrections applies to (everything else is dateutil-exact)')
  for (const cause of ['BYDAY union', 'BYWEEKNO year edge', 'WEEKLY BYSETPOS']) {
    t.ok([...rfcDifferences.keys()].some(k => k.includes(cause)), `the random rules exercise the ${cause} correction`)
  }
  t.ok(oracleErrors <= N / 100, 'dateutil itself failed on at most 1% of the cases')
  t.ok(nonEmpty >= N / 2, 'at least half of the rules produce dates (the generator is not degenerate)')
  for (const p of ['INTERVAL', 'COUNT', 'UNTIL', 'WKST', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS']) {
    t.ok((partCounts.get(p) ?? 0) >= N / 20, `${p} appears in at least 5% of the rules`)
  }
})
