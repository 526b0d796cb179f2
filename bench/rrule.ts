// Our RRULE expander vs the `rrule` npm package, same process, same rules.
// Run: npx tsx bench/rrule.ts   (BENCH_WARMUP_MS / BENCH_BATCHES shorten a trial run; --help prints this)
// Each op parses the rule text and expands every occurrence (both libraries).
import rrulePkg from 'rrule' // CommonJS/UMD build: named ESM imports are not available
import { expandDates, expandSet, parseRrule } from '../src/rrule/index.js'
import { clearYearStateCache } from '../src/rrule/expand.js'

if (process.argv.includes('--help')) {
  console.log('usage: npx tsx bench/rrule.ts  — ours vs the rrule package on named rules and one set with EXDATE/RDATE; env BENCH_WARMUP_MS (300), BENCH_BATCHES (21)')
  process.exit(0)
}

const DTSTART = '2026-01-01'
const DTSTART_UTC = new Date(Date.UTC(2026, 0, 1))
const RULES = [
  'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=366',
  'FREQ=MONTHLY;BYDAY=-1FR;COUNT=120',
  'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=20'
]
// A rule with exception dates: every weekday for a year minus 52 holidays, plus 12 extra Saturdays, as
// RRuleSet on their side and expandSet on ours.
const SET_RULE = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=260'
const SET_EXDATES = Array.from({ length: 52 }, (_, k) => new Date(Date.UTC(2026, 0, 5 + 7 * k)).toISOString().slice(0, 10))
const SET_RDATES = Array.from({ length: 12 }, (_, k) => new Date(Date.UTC(2026, 0, 3 + 28 * k)).toISOString().slice(0, 10))
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 300)
const BATCHES = Number(process.env.BENCH_BATCHES ?? 21)
const BATCH_MS = 60

function ours (text: string): string[] {
  const out: string[] = []
  for (const o of expandDates(parseRrule(text), DTSTART)) out.push(o.date)
  return out
}

function theirs (text: string): Date[] {
  return new RRule({ ...RRule.parseString(text), dtstart: DTSTART_UTC }).all()
}

const { RRule, RRuleSet } = rrulePkg
let sink = 0

/** Median µs/op over BATCHES timed batches, after a warm-up; batch size is calibrated to ~BATCH_MS. */
function measure (fn: () => { length: number }): number {
  const warmEnd = performance.now() + WARMUP_MS
  let calib = 0
  while (performance.now() < warmEnd) {
    sink += fn().length
    calib++
  }
  const opsPerBatch = Math.max(1, Math.round(calib * BATCH_MS / WARMUP_MS))
  const perOp: number[] = []
  for (let b = 0; b < BATCHES; b++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < opsPerBatch; i++) sink += fn().length
    perOp.push(Number(process.hrtime.bigint() - t0) / 1000 / opsPerBatch)
  }
  perOp.sort((a, b) => a - b)
  return perOp[Math.floor(perOp.length / 2)] as number
}

console.log(`node ${process.version}, dtstart ${DTSTART}, median of ${BATCHES} batches after ${WARMUP_MS} ms warm-up`)
let allFast = true
let allSame = true
for (const text of RULES) {
  const a = ours(text)
  const b = theirs(text).map(d => d.toISOString().slice(0, 10))
  if (a.join(' ') !== b.join(' ')) {
    allSame = false
    const k = a.findIndex((d, i) => d !== b[i])
    console.log(`MISMATCH ${text}: ours ${a.length} dates, rrule ${b.length}; first difference at #${k}: ours ${String(a[k])} vs rrule ${String(b[k])}`)
  }
  const usOurs = measure(() => ours(text))
  const usCold = measure(() => {
    clearYearStateCache()
    return ours(text)
  })
  const usTheirs = measure(() => theirs(text))
  const ratio = usTheirs / usOurs
  const coldRatio = usTheirs / usCold
  if (Math.min(ratio, coldRatio) < 5) allFast = false
  console.log(`${text.padEnd(44)} ${String(a.length).padStart(4)} dates  ours ${usOurs.toFixed(1).padStart(7)} µs/op` +
    ` (cold year cache ${usCold.toFixed(1).padStart(7)})  rrule ${usTheirs.toFixed(1).padStart(7)} µs/op` +
    `  ${ratio.toFixed(1).padStart(5)}x faster (cold ${coldRatio.toFixed(1)}x)`)
}
{
  const oursSet = (): string[] => [...expandSet(parseRrule(SET_RULE), DTSTART, { exdates: SET_EXDATES, rdates: SET_RDATES })].map(o => o.date)
  const theirsSet = (): Date[] => {
    const set = new RRuleSet()
    set.rrule(new RRule({ ...RRule.parseString(SET_RULE), dtstart: DTSTART_UTC }))
    for (const d of SET_EXDATES) set.exdate(new Date(`${d}T00:00:00Z`))
    for (const d of SET_RDATES) set.rdate(new Date(`${d}T00:00:00Z`))
    return set.all()
  }
  const a = oursSet()
  const b = theirsSet().map(d => d.toISOString().slice(0, 10))
  if (a.join(' ') !== b.join(' ')) {
    allSame = false
    console.log(`MISMATCH set ${SET_RULE}: ours ${a.length} dates, rrule ${b.length}`)
  }
  const usOurs = measure(oursSet)
  const usTheirs = measure(theirsSet)
  if (usTheirs / usOurs < 10) allFast = false
  console.log(`${`${SET_RULE} -52 EXDATE +12 RDATE`.padEnd(44)} ${String(a.length).padStart(4)} dates  ours ${usOurs.toFixed(1).padStart(7)} µs/op` +
    `  rrule RRuleSet ${usTheirs.toFixed(1).padStart(7)} µs/op  ${(usTheirs / usOurs).toFixed(1).padStart(5)}x faster (target >= 10x)`)
}
console.log(`${allSame ? 'same dates from both on every rule' : 'DATES DIFFER (see MISMATCH lines)'}; ${allFast ? 'target >= 5x met on every rule, warm and cold' : 'target >= 5x NOT met on every rule'}${sink < 0 ? '' : ''}`)
