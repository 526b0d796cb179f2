// Properties of the evaluator over random valid expressions (every syntax feature, both formats, macros), random
// zones with unusual DST (30-minute Lord Howe, 45-minute Chatham, midnight transitions in Santiago) and instants
// aimed at transitions. 10 000 runs each; the brute-force model lives in reference.ts.

import fc from 'fast-check'
import t from 'tap'
import { CronSyntaxError, nextOccurrence, parseCron, type CronSchedule } from '../../src/cron/index.js'
import { findZoneRules } from '../../src/time/zones.js'
import { dstScenarioArb, expressionArb, scenarioArb, type Scenario } from './arbitraries.js'
import { bruteForceNext, localDateOf, type ReferenceSchedule } from './reference.js'

const RUNS = 10_000
const FIELD_NAMES = new Set([null, 'second', 'minute', 'hour', 'day of month', 'month', 'day of week'])

function next (schedule: CronSchedule, fromMs: number, zone: string, inclusive: boolean): number | null {
  return nextOccurrence(schedule, new Date(fromMs), zone, { inclusive })?.getTime() ?? null
}

/** Parsing either succeeds or throws a CronSyntaxError that names a known field and carries a message. */
function parsesOrRefusesCleanly (expression: string, format?: 'standard' | 'seconds', seed?: string): boolean {
  try {
    parseCron(expression, { format, seed })
    return true
  } catch (error) {
    return error instanceof CronSyntaxError && FIELD_NAMES.has(error.field) && error.message.length > 0 &&
      typeof error.text === 'string'
  }
}

const formatArb = fc.constantFrom(undefined, 'standard' as const, 'seconds' as const)
const seedArb = fc.option(fc.constantFrom('rjob_daily', 'a', 'tenant:job.1'))

t.test('parse only ever throws CronSyntaxError on random strings', async (t) => {
  fc.assert(fc.property(fc.string({ maxLength: 40, unit: 'binary' }), formatArb, seedArb, (text, format, seed) =>
    parsesOrRefusesCleanly(text, format, seed ?? undefined)), { numRuns: RUNS })
  t.pass()
})

const TOKENS = ['*', '?', '/', '-', ',', '#', 'L', 'W', 'H', 'l', 'w', 'h', '0', '1', '5', '7', '8', '12', '13', '23',
  '24', '31', '32', '59', '60', '007', 'MON', 'sun', 'FRI', 'jan', 'DEC', 'SUNDAY', 'LW', 'L-3', '5L', '2#3', '@',
  '@daily', '@every_second', '@reboot', ' ', ' ', ' ', '\t', '\n', '\u00a0', 'x']

t.test('parse only ever throws CronSyntaxError on soups of cron tokens', async (t) => {
  const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 16 }).map((tokens) => tokens.join(''))
  fc.assert(fc.property(soup, formatArb, seedArb, (text, format, seed) =>
    parsesOrRefusesCleanly(text, format, seed ?? undefined)), { numRuns: RUNS })
  t.pass()
})

t.test('every generated expression parses, in its own format and by field count', async (t) => {
  fc.assert(fc.property(expressionArb, ({ expression, format }) => {
    parseCron(expression, { format })
    return parseCron(expression).format === format
  }), { numRuns: RUNS })
  t.pass()
})

t.test('next is strictly after from, or at it when inclusive, and a whole second', async (t) => {
  fc.assert(fc.property(scenarioArb, ({ expression, format, zone, fromMs, inclusive }) => {
    const found = next(parseCron(expression, { format }), fromMs, zone, inclusive)
    if (found === null) return true
    return found % 1000 === 0 && (inclusive ? found >= fromMs : found > fromMs)
  }), { numRuns: RUNS })
  t.pass()
})

t.test('next is monotonic in from', async (t) => {
  const pair = fc.tuple(scenarioArb, fc.integer({ min: 0, max: 3 * 86_400_000 }))
  fc.assert(fc.property(pair, ([{ expression, format, zone, fromMs, inclusive }, delta]) => {
    const schedule = parseCron(expression, { format })
    const early = next(schedule, fromMs, zone, inclusive)
    const late = next(schedule, fromMs + delta, zone, inclusive)
    return late === null ? true : early !== null && early <= late
  }), { numRuns: RUNS })
  t.pass()
})

/** Cronos skips a month when `L-nW` shifts forward past the day the search starts on (SEMANTICS §7.4 step 3). */
function usesForwardShiftingLastWeekday (reference: ReferenceSchedule): boolean {
  return reference.dayOfMonth.kind === 'last' && reference.dayOfMonth.weekday
}

t.test('searching again from just before an occurrence finds that occurrence', async (t) => {
  fc.assert(fc.property(scenarioArb, ({ expression, format, zone, fromMs, inclusive, reference }) => {
    const schedule = parseCron(expression, { format })
    const found = next(schedule, fromMs, zone, inclusive)
    if (found === null || usesForwardShiftingLastWeekday(reference)) return true
    // 1 ms before has a fraction of a second: strictly after the second before `found`.
    return next(schedule, found - 1, zone, true) === found
  }), { numRuns: RUNS })
  t.pass()
})

t.test('chained occurrences strictly increase', async (t) => {
  fc.assert(fc.property(scenarioArb, ({ expression, format, zone, fromMs, inclusive }) => {
    const schedule = parseCron(expression, { format })
    let previous = next(schedule, fromMs, zone, inclusive)
    for (let i = 0; i < 5 && previous !== null; i++) {
      const following = next(schedule, previous, zone, false)
      if (following !== null && following <= previous) return false
      previous = following
    }
    return true
  }), { numRuns: RUNS })
  t.pass()
})

const STANDARD_WINDOW_SECONDS = 2 * 86_400
const SECONDS_WINDOW_SECONDS = 2 * 3600

/**
 * Whether a disagreement is Cronos's documented L-nW quirk: the brute force found the forward-shifted day in the
 * month the search starts in, on or after... the unshifted target that the start day had already passed.
 */
function isLastWeekdayQuirk (scenario: Scenario, brute: number, ours: number | null): boolean {
  if (!usesForwardShiftingLastWeekday(scenario.reference) || (ours !== null && ours < brute)) return false
  const rules = findZoneRules(scenario.zone)
  if (rules === null) return false
  const fromSeconds = Math.floor(scenario.fromMs / 1000)
  const start = localDateOf(fromSeconds + rules.offsetAt(fromSeconds))
  const found = localDateOf(brute / 1000 + rules.offsetAt(brute / 1000))
  return start.year === found.year && start.month === found.month
}

t.test('a brute-force walk over instants agrees with the evaluator', async (t) => {
  let compared = 0
  let emptyWindows = 0
  let quirks = 0
  fc.assert(fc.property(scenarioArb, (scenario) => {
    const { expression, format, zone, fromMs, inclusive, reference } = scenario
    const seconds = format === 'seconds'
    const window = seconds ? SECONDS_WINDOW_SECONDS : STANDARD_WINDOW_SECONDS
    const ours = next(parseCron(expression, { format }), fromMs, zone, inclusive)
    const brute = bruteForceNext(reference, fromMs, zone, inclusive, window, seconds ? 1 : 60)
    if (brute === null) {
      // Nothing within the window: the evaluator must not find anything there either.
      emptyWindows++
      const start = Math.floor(fromMs / 1000) * 1000
      return ours === null || ours >= start + window * 1000
    }
    compared++
    if (brute * 1000 === ours) return true
    if (isLastWeekdayQuirk(scenario, brute * 1000, ours)) {
      quirks++
      return true
    }
    return false
  }), { numRuns: RUNS })
  t.comment(`${compared} runs compared an occurrence inside the window, ${emptyWindows} had none in it, ` +
    `${quirks} hit Cronos's L-nW start-month quirk`)
  t.pass()
})

t.test('a brute-force walk agrees with the evaluator from just before one of its occurrences', async (t) => {
  // Random expressions are often too sparse to fire within the brute-force window. Here the start is moved to
  // shortly before an occurrence the evaluator reported from a later-jumped instant; an occurrence the evaluator
  // skipped would show up as an earlier brute-force match.
  let compared = 0
  let quirks = 0
  const aimed = fc.tuple(scenarioArb, fc.integer({ min: 0, max: 400 * 86_400 }), fc.double({ min: 0, max: 1, noNaN: true }))
  fc.assert(fc.property(aimed, ([scenario, jump, fraction]) => {
    const { expression, format, zone, fromMs, inclusive, reference } = scenario
    const seconds = format === 'seconds'
    const window = seconds ? SECONDS_WINDOW_SECONDS : STANDARD_WINDOW_SECONDS
    const schedule = parseCron(expression, { format })
    const target = next(schedule, fromMs + jump * 1000, zone, false)
    if (target === null) return true
    const start = target - Math.floor(fraction * fraction * (window - 1)) * 1000 - (fromMs % 1000)
    const ours = next(schedule, start, zone, inclusive)
    const brute = bruteForceNext(reference, start, zone, inclusive, window, seconds ? 1 : 60)
    if (brute === null) return ours === null || ours >= Math.floor(start / 1000) * 1000 + window * 1000
    compared++
    if (brute * 1000 === ours) return true
    if (isLastWeekdayQuirk({ ...scenario, fromMs: start }, brute * 1000, ours)) {
      quirks++
      return true
    }
    return false
  }), { numRuns: RUNS })
  t.comment(`${compared} runs compared an occurrence inside the window, ${quirks} hit the L-nW quirk`)
  t.pass()
})

t.test('around DST transitions, a brute-force walk agrees with the evaluator for several occurrences in a row', async (t) => {
  let compared = 0
  fc.assert(fc.property(dstScenarioArb, ({ expression, format, zone, fromMs, inclusive, reference }) => {
    const seconds = format === 'seconds'
    const window = seconds ? SECONDS_WINDOW_SECONDS : STANDARD_WINDOW_SECONDS
    const schedule = parseCron(expression, { format })
    let start = fromMs
    let startInclusive = inclusive
    for (let i = 0; i < 4; i++) {
      const ours = next(schedule, start, zone, startInclusive)
      const brute = bruteForceNext(reference, start, zone, startInclusive, window, seconds ? 1 : 60)
      if (brute === null) return ours === null || ours >= Math.floor(start / 1000) * 1000 + window * 1000
      compared++
      if (ours !== brute * 1000) return false
      start = ours
      startInclusive = false
    }
    return true
  }), { numRuns: RUNS })
  t.comment(`${compared} occurrences compared`)
  t.pass()
})
