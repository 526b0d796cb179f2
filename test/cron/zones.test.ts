// src/time/zones.ts: zone validation, the cached transition table (checked against Intl, the source it is
// built from), formatting with offsets and local midnights. Lives beside the cron tests because the cron engine
// is its main user.

import fc from 'fast-check'
import t from 'tap'
import { findZoneRules, formatWithOffset, isValidZone, offsetMinutesAt, startOfLocalDay } from '../../src/time/zones.js'
import { ZONES } from './arbitraries.js'

t.test('isValidZone accepts IANA names and aliases and refuses everything else', async (t) => {
  const rows: Array<[zone: string, valid: boolean]> = [
    ['America/New_York', true],
    ['Europe/London', true],
    ['UTC', true],
    ['Etc/UTC', true],
    ['GMT', true],
    ['US/Eastern', true],
    ['america/new_york', true],
    ['Asia/Kathmandu', true],
    ['', false],
    ['Mars/Olympus_Mons', false],
    ['+01:00', false],
    ['-05:00', false],
    ['0100', false],
    ['America/New York', false],
    ['Z', false]
  ]
  for (const [zone, valid] of rows) t.equal(isValidZone(zone), valid, `${JSON.stringify(zone)} is ${valid ? 'valid' : 'refused'}`)
})

/** Offset in seconds according to Intl, parsed from `GMT±HH:MM[:SS]`. */
function intlOffsetSeconds (zone: string, ms: number): number {
  const text = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).format(ms)
  const match = /GMT(?:([+-\u2212])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(text)
  if (match === null || match[1] === undefined) return 0
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0)
  return match[1] === '+' ? seconds : -seconds
}

t.test('the cached offsets agree with Intl at random instants from 1900 to 2100', async (t) => {
  const instant = fc.integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 })
  fc.assert(fc.property(fc.constantFrom(...ZONES, 'Asia/Beirut', 'America/St_Johns', 'Africa/Casablanca'), instant,
    (zone, seconds) => offsetMinutesAt(zone, seconds * 1000) * 60 === intlOffsetSeconds(zone, seconds * 1000)),
  { numRuns: 10_000 })
  t.pass()
})

t.test('each cached transition changes the offset exactly at its instant', async (t) => {
  for (const zone of ZONES) {
    const rules = findZoneRules(zone)
    if (rules === null) throw new Error(zone)
    const transitions = rules.transitionsBetween(Date.UTC(2000, 0, 1) / 1000, Date.UTC(2030, 0, 1) / 1000)
    const exact = transitions.every((transition) =>
      intlOffsetSeconds(zone, (transition.at - 1) * 1000) === transition.before &&
      intlOffsetSeconds(zone, transition.at * 1000) === transition.after)
    t.ok(exact, `${zone}: ${transitions.length} transitions from 2000 to 2030`)
  }
})

t.test('formatWithOffset writes local time with the offset in force, whole seconds', async (t) => {
  const rows: Array<[instant: string, zone: string, text: string]> = [
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08T03:00:00-04:00'],
    ['2026-03-08T06:59:59.999Z', 'America/New_York', '2026-03-08T01:59:59-05:00'],
    ['2026-01-15T12:00:00Z', 'UTC', '2026-01-15T12:00:00+00:00'],
    ['2026-01-15T12:00:00Z', 'Europe/London', '2026-01-15T12:00:00+00:00'],
    ['2026-01-15T12:00:00Z', 'Asia/Kathmandu', '2026-01-15T17:45:00+05:45'],
    ['2026-01-15T12:00:00Z', 'Pacific/Chatham', '2026-01-16T01:45:00+13:45'],
    ['1850-01-01T00:00:00Z', 'America/New_York', '1849-12-31T19:03:58-04:56:02']
  ]
  for (const [instant, zone, text] of rows) t.equal(formatWithOffset(new Date(instant), zone), text, `${instant} in ${zone}`)
})

t.test('startOfLocalDay is local midnight, or the end of a gap that swallows it', async (t) => {
  const rows: Array<[date: string, zone: string, start: string]> = [
    ['2026-03-08', 'America/New_York', '2026-03-08T00:00:00-05:00'],
    ['2026-07-01', 'America/New_York', '2026-07-01T00:00:00-04:00'],
    ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00+00:00'],
    // Midnight does not exist on these days: clocks jump from 00:00 to 01:00.
    ['2017-08-13', 'America/Santiago', '2017-08-13T01:00:00-03:00'],
    ['2024-03-31', 'Asia/Beirut', '2024-03-31T01:00:00+03:00'],
    // Santiago goes back from 00:00 to 23:00 on 2017-05-14: it is the 13th's last hour that repeats.
    ['2017-05-14', 'America/Santiago', '2017-05-14T00:00:00-04:00'],
    // Havana goes back from 01:00 to 00:00 on 2024-11-03: midnight happens twice, the first one counts.
    ['2024-11-03', 'America/Havana', '2024-11-03T00:00:00-04:00']
  ]
  for (const [date, zone, start] of rows) t.equal(formatWithOffset(startOfLocalDay(date, zone), zone), start, `${date} in ${zone}`)
})

t.test('bad zones, dates and instants are RangeErrors', async (t) => {
  t.throws(() => offsetMinutesAt('Mars/Olympus_Mons', 0), RangeError)
  t.throws(() => formatWithOffset(new Date(Number.NaN), 'UTC'), RangeError)
  t.throws(() => startOfLocalDay('2026-02-30', 'UTC'), RangeError)
  t.throws(() => startOfLocalDay('26-02-01', 'UTC'), RangeError)
  t.throws(() => startOfLocalDay('2026-02-01', ''), RangeError)
})
