// Our cron evaluator against cron-parser and croner, same process, same expressions, fixed instants (never
// Date.now()). Each case is warmed up, then timed in several batches; the median batch is reported in ns/op.
// Run: npx tsx bench/cron.ts

import { CronExpressionParser } from 'cron-parser'
import { Cron } from 'croner'
import { nextOccurrence, parseCron } from '../src/cron/index.js'

const BATCHES = 9
const WARMUP_BATCHES = 3
const TARGET_BATCH_NS = 20_000_000

let sink = 0

function consume (value: Date | null | object): void {
  sink += value === null ? 1 : value instanceof Date ? value.getTime() % 7 : 3
}

/**
 * Median ns/op of `run`, with the batch size calibrated so one batch takes about 20 ms. The first calls are
 * slow (module and Intl set-up, interpreter), so `run` is warmed up for 100 ms before calibrating.
 */
function measure (run: () => void): number {
  const warmupEnd = process.hrtime.bigint() + 100_000_000n
  while (process.hrtime.bigint() < warmupEnd) {
    for (let i = 0; i < 100; i++) run()
  }
  let size = 1
  for (;;) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < size; i++) run()
    const elapsed = Number(process.hrtime.bigint() - start)
    if (elapsed > TARGET_BATCH_NS / 4 || size > 1e8) {
      size = Math.max(1, Math.round(size * TARGET_BATCH_NS / Math.max(elapsed, 1)))
      break
    }
    size *= 4
  }
  const results: number[] = []
  for (let batch = 0; batch < WARMUP_BATCHES + BATCHES; batch++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < size; i++) run()
    const elapsed = Number(process.hrtime.bigint() - start)
    if (batch >= WARMUP_BATCHES) results.push(elapsed / size)
  }
  results.sort((a, b) => a - b)
  return results[Math.floor(results.length / 2)] ?? Number.NaN
}

const refusals: string[] = []

/** `run` when one call succeeds; otherwise null, noting why the library could not run the case. */
function attempt (library: string, expression: string, run: () => void): (() => void) | null {
  try {
    run()
    return run
  } catch (error) {
    refusals.push(`${library} cannot run ${JSON.stringify(expression)}: ${error instanceof Error ? error.message : String(error)}`)
    return null
  }
}

interface NextCase {
  name: string
  expression: string
  zone: string
  from: string
}

const NEXT_CASES: NextCase[] = [
  { name: 'simple', expression: '* * * * *', zone: 'UTC', from: '2026-03-07T12:00:30Z' },
  { name: 'complex', expression: '*/10 12-20 ? DEC 3', zone: 'America/New_York', from: '2026-03-07T12:00:00Z' },
  { name: 'last day of month', expression: '0 0 L * *', zone: 'UTC', from: '2026-03-07T12:00:00Z' },
  { name: 'third Monday', expression: '0 0 ? * MON#3', zone: 'UTC', from: '2026-03-07T12:00:00Z' },
  { name: 'unreachable (Feb 30)', expression: '0 0 30 2 *', zone: 'UTC', from: '2026-03-07T12:00:00Z' },
  // 2026-11-01 01:15 EDT: inside New York's autumn overlap, first pass.
  { name: 'DST ambiguous, interval', expression: '*/30 * * * *', zone: 'America/New_York', from: '2026-11-01T05:15:00Z' },
  { name: 'DST ambiguous, non-interval', expression: '30 1 * * *', zone: 'America/New_York', from: '2026-11-01T05:45:00Z' },
  // 2026-03-08 01:59 EST: the next wall time 02:30 falls in New York's spring gap.
  { name: 'DST gap', expression: '30 2 * * *', zone: 'America/New_York', from: '2026-03-08T06:59:00Z' }
]

const PARSE_EXPRESSIONS = [
  '* * * * *',
  '*/10 12-20 ? DEC 3',
  '0 0 L * *',
  '0 0 ? * MON#3',
  '0,15,30,45 8-18 * JAN-DEC MON-FRI',
  '30 2 15W * *'
]

function format (ns: number | null): string {
  if (ns === null) return 'n/a'
  return ns >= 10_000 ? ns.toFixed(0) : ns.toFixed(1)
}

function ratio (theirs: number | null, ours: number): string {
  return theirs === null ? 'n/a' : `${(theirs / ours).toFixed(1)}x`
}

function row (cells: string[], widths: number[]): string {
  return cells.map((cell, index) => index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)).join('  ')
}

const nextWidths = [30, 12, 14, 18, 10, 18, 10]
console.log(`cron next occurrence (ns/op, median of ${BATCHES} batches; node ${process.version})`)
console.log('ours: parsed once, nextOccurrence(schedule, from, zone) | cron-parser: CronExpressionParser.parse(expr, ' +
  '{ currentDate, tz }).next() as its API requires | croner: one Cron (paused, legacyMode off = AND days), nextRun(from)')
console.log(row(['case', 'ours', 'ours+parse', 'cron-parser', 'vs ours', 'croner', 'vs ours'], nextWidths))
for (const testCase of NEXT_CASES) {
  const from = new Date(testCase.from)
  const schedule = parseCron(testCase.expression)
  const ours = measure(() => consume(nextOccurrence(schedule, from, testCase.zone)))
  const oursWithParse = measure(() => consume(nextOccurrence(parseCron(testCase.expression), from, testCase.zone)))
  const cronParserRun = attempt('cron-parser', testCase.expression, () => consume(CronExpressionParser.parse(testCase.expression,
    { currentDate: from, tz: testCase.zone }).next()))
  const cronParser = cronParserRun === null ? null : measure(cronParserRun)
  let job: Cron | null = null
  const build = attempt('croner', testCase.expression, () => {
    job = new Cron(testCase.expression, { timezone: testCase.zone, paused: true, legacyMode: false })
  })
  const cronerRun = build === null
    ? null
    : attempt('croner', testCase.expression, () => consume((job as Cron | null)?.nextRun(from) ?? null))
  const croner = cronerRun === null ? null : measure(cronerRun)
  console.log(row([testCase.name, format(ours), format(oursWithParse), format(cronParser), ratio(cronParser, ours),
    format(croner), ratio(croner, ours)], nextWidths))
}

console.log('')
const parseWidths = [36, 10, 14, 10, 12, 10]
console.log('cron parse (ns/op)')
console.log(row(['expression', 'ours', 'cron-parser', 'vs ours', 'croner', 'vs ours'], parseWidths))
for (const expression of PARSE_EXPRESSIONS) {
  const ours = measure(() => consume(parseCron(expression)))
  const cronParserRun = attempt('cron-parser', expression, () => consume(CronExpressionParser.parse(expression)))
  const cronParser = cronParserRun === null ? null : measure(cronParserRun)
  const cronerRun = attempt('croner', expression, () => consume(new Cron(expression, { paused: true, legacyMode: false })))
  const croner = cronerRun === null ? null : measure(cronerRun)
  console.log(row([expression, format(ours), format(cronParser), ratio(cronParser, ours), format(croner),
    ratio(croner, ours)], parseWidths))
}
console.log('')
for (const refusal of new Set(refusals)) console.log(`n/a: ${refusal}`)
if (sink === 0.5) console.log('unreachable') // keeps the results alive
