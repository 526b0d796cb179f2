import { test } from 'tap'
import { parseTimestamp, toTimestamp } from '../../src/time/rfc3339.js'

// What parseTimestamp answered when it checked the pattern and then handed the text to Date (before issue 12's
// single parse): the same instants, and null for the same texts.
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/
function daysInMonth (year: number, month: number): number { return new Date(Date.UTC(year, month, 0)).getUTCDate() }
function before (text: string): Date | null {
  const m = PATTERN.exec(text)
  if (m === null) return null
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth(y!, mo!) || h! > 23 || mi! > 59 || s! > 59) return null
  const parsed = new Date(text)
  return Number.isNaN(parsed.getTime()) ? null : parsed
}

test('parseTimestamp answers what pattern-then-Date answered', async (t) => {
  const texts = [
    '2026-03-07T12:00:00Z', '2026-03-07t12:00:00z', '2026-03-07T12:00:00+05:30', '2026-03-07T12:00:00-04:00',
    '2026-03-07T00:00:00+23:59', '2026-03-07T23:59:59-23:59', '2026-03-07T12:00:00+24:00', '2026-03-07T12:00:00+05:60',
    '2026-03-07T12:00:00-00:00', '2026-03-07T12:00:00.5Z', '2026-03-07T12:00:00.123456789+01:00', '2026-03-07T12:00:00.999Z',
    '2024-02-29T12:00:00Z', '2026-02-29T12:00:00Z', '2000-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+01:00', '0099-12-31T23:59:59Z', '9999-12-31T23:59:59Z', '9999-12-31T23:59:59-01:00', '1970-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-04-31T00:00:00Z', '2026-04-00T00:00:00Z',
    '2026-03-07T24:00:00Z', '2026-03-07T12:60:00Z', '2026-03-07T12:00:60Z', '2026-03-07T12:00:00', '2026-03-07 12:00:00Z',
    '2026-03-07T12:00Z', '2026-03-07T12:00:00+0530', '2026-03-07T12:00:00+05', '+002026-03-07T12:00:00Z', '', 'soon',
    '2026-03-07T12:00:00Z ', ' 2026-03-07T12:00:00Z', '2026-03-07T12:00:00.Z', '2026-03-07T12:00:00,5Z'
  ]
  for (let month = 1; month <= 12; month++) {
    for (const day of [1, 28, 29, 30, 31]) {
      texts.push(`2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T01:02:03-11:45`)
      texts.push(`2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T22:58:59+14:00`)
    }
  }
  for (const text of texts) {
    const expected = before(text)
    const actual = parseTimestamp(text)
    t.same(actual === null ? null : actual.getTime(), expected === null ? null : expected.getTime(), text)
  }
})

// toTimestamp as it was written before issue 12: toISOString of the instant without its fraction, sliced.
function toTimestampBefore (instant: Date): string {
  const ms = instant.getTime()
  const fraction = ((ms % 1000) + 1000) % 1000
  const iso = (fraction === 0 ? instant : new Date(ms - fraction)).toISOString()
  return `${iso.slice(0, -5)}Z`
}

test('toTimestamp writes what toISOString wrote, fraction dropped, in every year a Date holds', async (t) => {
  const instants = [0, -1, 999, 1000, -999, -1000, -1001, Date.UTC(2026, 2, 25, 7, 0, 0, 500), Date.UTC(1969, 11, 31, 23, 59, 59, 999),
    Date.UTC(0, 0, 1) - 1, Date.UTC(-1, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), 8.64e15, -8.64e15, -8.64e15 + 1]
  let seed = 7
  const random = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed / 2 ** 31 }
  // More days and seconds of the day than the tables behind it keep (4096 each), so they start afresh on the way.
  for (let i = 0; i < 6000; i++) instants.push(Math.floor((random() * 2 - 1) * (i % 2 === 0 ? 8.64e15 : 4e12)))
  let differing = 0
  for (const ms of instants) {
    const instant = new Date(ms)
    if (toTimestamp(instant) !== toTimestampBefore(instant)) {
      differing++
      t.equal(toTimestamp(instant), toTimestampBefore(instant), String(ms))
    }
  }
  t.equal(differing, 0, `${instants.length} instants`)
  t.throws(() => toTimestamp(new Date(Number.NaN)), RangeError)
})
