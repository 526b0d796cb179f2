// Runs the Cronos v0.13.0 test data (test/fixtures/cronos, see test/fixtures/NOTICE.md) against our evaluator.
// Run in full, and required to pass: every parse_fail vector (refused, and with the reason Cronos names — the
// field, or the range — in our wording, see REASON_IN_OUR_WORDS), every parse_ok and every next vector.
// Run as extras: ascending ranges, the next-side properties, equivalent / not_equivalent.
// Skipped, and why:
// - `previous` (35), descending `ranges` and the previous-side `properties`: they need a reverse search
//   (GetPreviousOccurrence), which the service has no use for and the engine does not offer.
// - `jitter_next` (46) / `jitter_previous` (6): they need Cronos's own seeded random source; our `H` derives its
//   value from the schedule id instead (docs/contract.md §5), so Cronos's expected values cannot apply.
// - `to_string` (124): Cronos's canonical re-printing of an expression; we never print expressions back.
// The vector counts are checked first, so a refreshed fixture file cannot silently shrink what runs.

import t from 'tap'
import { CronSyntaxError, nextOccurrence, occurrences, parseCron, type CronSchedule } from '../../src/cron/index.js'
import { formatWithOffset } from '../../src/time/zones.js'
import { loadCronosVectors, parseDotNetInstant } from '../helpers/conformance.js'

const vectors = loadCronosVectors()

/** What test/fixtures/cronos/vectors.json holds (its meta.counts). */
const EXPECTED_COUNTS = {
  parse_fail: 336,
  parse_ok: 699,
  next: 1150,
  previous: 35,
  ranges: 14,
  properties: 13,
  equivalent: 66,
  not_equivalent: 10,
  to_string: 124,
  jitter_next: 46,
  jitter_previous: 6
}

/** `from` for a millisecond evaluator: a sub-millisecond fraction means strictly after the whole millisecond. */
function fromOf (iso: string, inclusive: boolean): { from: Date, inclusive: boolean, subMs: boolean } {
  const { ms, subMs } = parseDotNetInstant(iso)
  return { from: new Date(ms), inclusive: subMs ? false : inclusive, subMs }
}

t.test('the fixture holds the vectors this file counts on', async (t) => {
  const counts = Object.fromEntries(Object.entries(EXPECTED_COUNTS).map(([key]) => [key, (vectors as unknown as Record<string, unknown[]>)[key]?.length]))
  t.strictSame(counts, EXPECTED_COUNTS)
  t.equal(vectors.parse_fail.filter((v) => v.error_contains !== undefined).length, 283, 'parse_fail vectors naming a reason')
})

/**
 * Cronos's messages name the field as "Minutes", "Days of month", … and a range as "between 0 and 59"; ours say
 * "in the minute field" and "allowed values are 0-59" (a step: "a step must be 1-59"). The reason is the same,
 * the words differ, so each Cronos phrase maps to the phrase our message must contain. One case words the reason
 * differently: too few fields (see MISSING_FIELDS).
 */
const REASON_IN_OUR_WORDS: Record<string, string> = {
  Seconds: 'second field',
  Minutes: 'minute field',
  Hours: 'hour field',
  'Days of month': 'day of month field',
  Months: 'month field',
  'Days of week': 'day of week field',
  'between 0 and 59': 'allowed values are 0-59',
  'between 1 and 59': 'a step must be 1-59'
}

const MISSING_FIELDS = /^Expected [56] fields \(.*\) but found \d+$/

t.test('every parse_fail vector is refused with a CronSyntaxError giving the reason Cronos gives', async (t) => {
  const failures: string[] = []
  let reasons = 0
  for (const vector of vectors.parse_fail) {
    try {
      parseCron(vector.expression, { format: vector.format })
      failures.push(`${vector.id} ${JSON.stringify(vector.expression)} (${vector.format}) parsed`)
    } catch (error) {
      if (!(error instanceof CronSyntaxError)) {
        failures.push(`${vector.id} threw ${String(error)}`)
        continue
      }
      if (vector.error_contains === undefined) continue
      reasons++
      const ours = REASON_IN_OUR_WORDS[vector.error_contains]
      if (ours === undefined) failures.push(`${vector.id}: no wording mapped for Cronos's reason ${JSON.stringify(vector.error_contains)}`)
      // Too few fields: Cronos names the first missing field ("Months" for `* * *`); we say how many were expected.
      else if (MISSING_FIELDS.test(error.message) && vector.expression.trim().split(/\s+/).length < (vector.format === 'seconds' ? 6 : 5)) continue
      else if (!error.message.includes(ours)) failures.push(`${vector.id} ${JSON.stringify(vector.expression)}: "${error.message}" does not say "${ours}" (Cronos: "${vector.error_contains}")`)
    }
  }
  t.strictSame(failures, [])
  t.comment(`parse_fail: ${vectors.parse_fail.length - failures.length}/${vectors.parse_fail.length} passed; ${reasons} reasons checked`)
})

t.test('every parse_ok vector parses', async (t) => {
  const failures: string[] = []
  for (const vector of vectors.parse_ok) {
    try {
      parseCron(vector.expression, { format: vector.format })
    } catch (error) {
      failures.push(`${vector.id} ${JSON.stringify(vector.expression)} (${vector.format}): ${String(error)}`)
    }
  }
  t.strictSame(failures, [])
  t.comment(`parse_ok: ${vectors.parse_ok.length - failures.length}/${vectors.parse_ok.length} passed`)
})

t.test('every next vector gives Cronos\'s instant, with the zone\'s offset at it', async (t) => {
  const failures: string[] = []
  let subMs = 0
  for (const vector of vectors.next) {
    const start = fromOf(vector.from, vector.inclusive)
    if (start.subMs) subMs++
    let actual: string | null
    try {
      const schedule = parseCron(vector.expression, { format: vector.format })
      const found = nextOccurrence(schedule, start.from, vector.time_zone, { inclusive: start.inclusive })
      actual = found === null ? null : formatWithOffset(found, vector.time_zone)
    } catch (error) {
      actual = `threw ${String(error)}`
    }
    // Compare instants; the formatted string additionally checks the offset (all expected offsets are the
    // zone's real offset at the expected instant).
    const expectedMs = vector.expected === null ? null : parseDotNetInstant(vector.expected).ms
    const actualMs = actual === null || actual.startsWith('threw') ? actual : Date.parse(actual)
    if (actualMs !== expectedMs || actual !== vector.expected) {
      failures.push(`${vector.id} ${JSON.stringify(vector.expression)} ${vector.format} ${vector.time_zone} ` +
        `from ${vector.from}${vector.inclusive ? ' inclusive' : ''}: expected ${String(vector.expected)}, got ${String(actual)}`)
    }
  }
  t.strictSame(failures, [])
  t.comment(`next: ${vectors.next.length - failures.length}/${vectors.next.length} passed; ` +
    `${subMs} had a sub-millisecond from and ran as exclusive from the floored millisecond`)
})

t.test('ascending ranges list the same occurrences as Cronos', async (t) => {
  const failures: string[] = []
  let ran = 0
  for (const vector of vectors.ranges) {
    if (vector.direction === 'descending') continue // needs the reverse search
    ran++
    const schedule = parseCron(vector.expression, { format: vector.format })
    const start = fromOf(vector.from, vector.from_inclusive)
    const to = parseDotNetInstant(vector.to).ms
    const listed = occurrences(schedule, start.from, vector.time_zone, { inclusive: start.inclusive, count: 1000 })
      .filter((at) => vector.to_inclusive ? at.getTime() <= to : at.getTime() < to)
      .map((at) => formatWithOffset(at, vector.time_zone))
    if (JSON.stringify(listed) !== JSON.stringify(vector.expected)) {
      failures.push(`${vector.id}: expected ${JSON.stringify(vector.expected)}, got ${JSON.stringify(listed)}`)
    }
  }
  t.strictSame(failures, [])
  t.comment(`ranges: ${ran - failures.length}/${ran} ascending passed, ${vectors.ranges.length - ran} descending skipped`)
})

t.test('chained next occurrences keep making progress', async (t) => {
  let ran = 0
  for (const vector of vectors.properties) {
    if (vector.api === 'previous') continue
    ran++
    const schedule = parseCron(vector.expression, { format: vector.format })
    const start = fromOf(vector.from, vector.inclusive ?? true)
    if (vector.property === 'next_greater_than_from') {
      const found = nextOccurrence(schedule, start.from, vector.time_zone, { inclusive: start.inclusive })
      t.ok(found !== null && found.getTime() > start.from.getTime(), `${vector.id} next is after from`)
      continue
    }
    // next(from = previous + 1 tick, inclusive) > previous: a tick after a whole second is "strictly after" it.
    let previous = start.from
    let increasing = true
    for (let i = 0; i < (vector.iterations ?? 100); i++) {
      const found = nextOccurrence(schedule, previous, vector.time_zone, { inclusive: i === 0 })
      if (found === null || found.getTime() < previous.getTime() + (i === 0 ? 0 : 1)) increasing = false
      if (found === null) break
      previous = found
    }
    t.ok(increasing, `${vector.id} ${vector.expression} is strictly increasing`)
  }
  t.comment(`properties: ${ran} next-side checks ran, ${vectors.properties.length - ran} previous-side skipped`)
})

/** Everything Cronos's Equals compares: the bit sets and flags, not the text or the declared format. */
function structure (schedule: CronSchedule): string {
  const { expression, format, ...rest } = schedule
  return JSON.stringify(rest)
}

t.test('equivalent expressions parse to the same schedule and different ones do not', async (t) => {
  const failures: string[] = []
  for (const vector of vectors.equivalent) {
    const left = structure(parseCron(vector.left, { format: vector.format }))
    const right = structure(parseCron(vector.right, { format: vector.format }))
    if (left !== right) failures.push(`${vector.id}: ${vector.left} ≠ ${vector.right}`)
  }
  for (const vector of vectors.not_equivalent) {
    const left = structure(parseCron(vector.left, { format: vector.format }))
    const right = structure(parseCron(vector.right, { format: vector.format }))
    if (left === right) failures.push(`${vector.id}: ${vector.left} = ${vector.right}`)
  }
  t.strictSame(failures, [])
  t.comment(`equivalent: ${vectors.equivalent.length}, not_equivalent: ${vectors.not_equivalent.length} checked`)
})
