// Our RRULE expander vs the `rrule` npm package, same process, same rules, fixed dates (never Date.now()).
// Run: npx tsx bench/rrule.ts   (BENCH_WARMUP_MS / BENCH_BATCHES shorten a trial run; --help prints this)
//
// Like with like: each op parses the rule text and expands the whole rule (COUNT bounds it) on both sides, from
// the same dtstart. "plain" is expandDates vs RRule.all(); "with exception dates" is expandSet vs RRuleSet.all()
// on the same rule with the same EXDATEs (every 5th of the rule's own dates, so they all hit) and RDATEs (dates
// next to rule dates that the rule does not produce), the exception dates given as YYYY-MM-DD text to ours and
// as Date objects made from that text to RRuleSet, inside the op on both sides. RRuleSet's exdate()/rdate()
// cost grows with the dates already added (each call scans and re-sorts its list), so a stricter column times
// all() alone on a set built once before the op (noCache, so each all() expands again) against our full op.
// The two sides' batches alternate
// (ours, rrule, ours, …), so a load spike from other processes lands on both.
import rrulePkg from 'rrule' // CommonJS/UMD build: named ESM imports are not available
import { expandDates, expandSet, parseRrule } from '../src/rrule/index.js'
import { clearYearStateCache } from '../src/rrule/expand.js'

if (process.argv.includes('--help')) {
  console.log('usage: npx tsx bench/rrule.ts  — ours vs the rrule package on named rules, plain and with EXDATE/RDATE (RRuleSet); env BENCH_WARMUP_MS (300), BENCH_BATCHES (21)')
  process.exit(0)
}

const { RRule, RRuleSet } = rrulePkg

const DTSTART = '2026-01-01'
const DTSTART_UTC = new Date(Date.UTC(2026, 0, 1))
const RULES = [
  'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=366',
  'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=260',
  'FREQ=MONTHLY;BYDAY=-1FR;COUNT=120',
  'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=20'
]
const RDATES_PER_RULE = 12
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 300)
const BATCHES = Number(process.env.BENCH_BATCHES ?? 21)
const BATCH_MS = 20
const PLAIN_TARGET = 5
const SET_TARGET = 10

let sink = 0

function addDays (date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

function oursPlain (text: string): string[] {
  const out: string[] = []
  for (const o of expandDates(parseRrule(text), DTSTART)) out.push(o.date)
  return out
}

function theirsPlain (text: string): Date[] {
  return new RRule({ ...RRule.parseString(text), dtstart: DTSTART_UTC }).all()
}

function oursSet (text: string, exdates: readonly string[], rdates: readonly string[]): string[] {
  const out: string[] = []
  for (const o of expandSet(parseRrule(text), DTSTART, { exdates, rdates })) out.push(o.date)
  return out
}

function theirsSet (text: string, exdates: readonly string[], rdates: readonly string[]): Date[] {
  const set = new RRuleSet()
  set.rrule(new RRule({ ...RRule.parseString(text), dtstart: DTSTART_UTC }))
  for (const d of exdates) set.exdate(new Date(`${d}T00:00:00Z`))
  for (const d of rdates) set.rdate(new Date(`${d}T00:00:00Z`))
  return set.all()
}

/** The same set as theirsSet, built once; all() expands it again on every call (noCache). */
function prebuiltSet (text: string, exdates: readonly string[], rdates: readonly string[]): InstanceType<typeof RRuleSet> {
  const set = new RRuleSet(true)
  set.rrule(new RRule({ ...RRule.parseString(text), dtstart: DTSTART_UTC }))
  for (const d of exdates) set.exdate(new Date(`${d}T00:00:00Z`))
  for (const d of rdates) set.rdate(new Date(`${d}T00:00:00Z`))
  return set
}

/** Ops per batch so that one batch of `fn` takes about BATCH_MS, found while warming `fn` up for WARMUP_MS. */
function calibrate (fn: () => { length: number }): number {
  const warmEnd = performance.now() + WARMUP_MS
  let ops = 0
  while (performance.now() < warmEnd) {
    sink += fn().length
    ops++
  }
  return Math.max(1, Math.round(ops * BATCH_MS / WARMUP_MS))
}

function timeBatch (fn: () => { length: number }, ops: number): number {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < ops; i++) sink += fn().length
  return Number(process.hrtime.bigint() - t0) / 1000 / ops
}

function median (xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

/** Median µs/op of each function over BATCHES batches taken in turn (a, b, c, a, b, c, …). */
function measure (fns: Array<() => { length: number }>): number[] {
  const ops = fns.map(calibrate)
  const perOp: number[][] = fns.map(() => [])
  for (let b = 0; b < BATCHES; b++) fns.forEach((fn, k) => perOp[k]!.push(timeBatch(fn, ops[k]!)))
  return perOp.map(median)
}

function sameDates (label: string, ours: string[], theirs: Date[]): boolean {
  const b = theirs.map(d => d.toISOString().slice(0, 10))
  if (ours.join(' ') === b.join(' ')) return true
  const k = ours.findIndex((d, i) => d !== b[i])
  console.log(`MISMATCH ${label}: ours ${ours.length} dates, rrule ${b.length}; first difference at #${k}: ours ${String(ours[k])} vs rrule ${String(b[k])}`)
  return false
}

const us = (x: number): string => x.toFixed(1).padStart(7)
const times = (x: number): string => `${x.toFixed(1).padStart(5)}x`

console.log(`node ${process.version}, dtstart ${DTSTART}, median of ${BATCHES} alternating batches (~${BATCH_MS} ms each) after ${WARMUP_MS} ms warm-up; µs per expansion of the whole rule`)
console.log(`${'rule'.padEnd(42)} | ${'plain: dates'.padStart(12)}    ours   rrule  ratio (cold cache)` +
  ` | ${'with exception dates: -ex +rd = dates'.padStart(37)}    ours  RRuleSet ratio (cold cache)` +
  ' | RRuleSet built once: all()  ratio')
let allSame = true
const plainRatios: number[] = []
const setRatios: number[] = []
const builtRatios: number[] = []
for (const text of RULES) {
  const ruleDates = oursPlain(text)
  allSame = sameDates(text, ruleDates, theirsPlain(text)) && allSame
  const inRule = new Set(ruleDates)
  const exdates = ruleDates.filter((_, k) => k % 5 === 0)
  const rdates: string[] = []
  const step = Math.max(1, Math.floor(ruleDates.length / RDATES_PER_RULE))
  for (let k = 0; k < ruleDates.length && rdates.length < RDATES_PER_RULE; k += step) {
    let d = addDays(ruleDates[k]!, 1)
    while (inRule.has(d)) d = addDays(d, 1)
    rdates.push(d)
  }
  const setDates = oursSet(text, exdates, rdates)
  allSame = sameDates(`${text} with ${exdates.length} EXDATEs and ${rdates.length} RDATEs`, setDates, theirsSet(text, exdates, rdates)) && allSame

  const built = prebuiltSet(text, exdates, rdates)
  const [plainOurs, plainCold, plainTheirs, setOurs, setCold, setTheirs, setTheirsBuilt] = measure([
    () => oursPlain(text),
    () => {
      clearYearStateCache()
      return oursPlain(text)
    },
    () => theirsPlain(text),
    () => oursSet(text, exdates, rdates),
    () => {
      clearYearStateCache()
      return oursSet(text, exdates, rdates)
    },
    () => theirsSet(text, exdates, rdates),
    () => built.all()
  ]) as [number, number, number, number, number, number, number]
  plainRatios.push(plainTheirs / plainOurs, plainTheirs / plainCold)
  setRatios.push(setTheirs / setOurs, setTheirs / setCold)
  builtRatios.push(setTheirsBuilt / setOurs)
  console.log(`${text.padEnd(42)} | ${String(ruleDates.length).padStart(12)} ${us(plainOurs)} ${us(plainTheirs)} ${times(plainTheirs / plainOurs)} (${times(plainTheirs / plainCold)})` +
    ` | ${`-${exdates.length} +${rdates.length} = ${setDates.length}`.padStart(37)} ${us(setOurs)} ${us(setTheirs)}  ${times(setTheirs / setOurs)} (${times(setTheirs / setCold)})` +
    ` | ${us(setTheirsBuilt)} ${times(setTheirsBuilt / setOurs)}`)
}
const plainMin = Math.min(...plainRatios)
const setMin = Math.min(...setRatios)
console.log(`${allSame ? 'same dates from both on every rule and set' : 'DATES DIFFER (see MISMATCH lines)'}; ` +
  `slowest ratio plain ${plainMin.toFixed(1)}x (target >= ${PLAIN_TARGET}x ${plainMin >= PLAIN_TARGET ? 'met' : 'NOT met'}), ` +
  `with exception dates ${setMin.toFixed(1)}x (target >= ${SET_TARGET}x ${setMin >= SET_TARGET ? 'met' : 'NOT met'}), warm and cold; ` +
  `against a prebuilt RRuleSet ${Math.min(...builtRatios).toFixed(1)}x${sink < 0 ? '' : ''}`)
if (!allSame) process.exitCode = 1
