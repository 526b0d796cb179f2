// A deliberately naive model of Cronos's semantics for property tests: plain sets of values built by walking the
// field cycle, day conditions evaluated one date at a time with Date.UTC, and a brute-force search that walks
// instants one minute (or one second) at a time and applies the DST rules to each instant. It shares no code with
// src/cron; it trusts only ZoneRules.offsetAt, which zones.test.ts checks against Intl.

import { findZoneRules } from '../../src/time/zones.js'

export type DayOfMonthSpec =
  | { kind: 'set', values: ReadonlySet<number> }
  | { kind: 'last', offset: number, weekday: boolean }
  | { kind: 'nearest', day: number }

export type DayOfWeekSpec =
  | { kind: 'set', values: ReadonlySet<number> }
  | { kind: 'last', day: number }
  | { kind: 'nth', day: number, week: number }

/** What an expression means, computed independently of the parser. */
export interface ReferenceSchedule {
  seconds: ReadonlySet<number>
  minutes: ReadonlySet<number>
  hours: ReadonlySet<number>
  months: ReadonlySet<number>
  dayOfMonth: DayOfMonthSpec
  dayOfWeek: DayOfWeekSpec
  /** Second, minute or hour holds `*`, `?`, a range or a step. */
  interval: boolean
}

function utcDate (year: number, month: number, day: number): Date {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date
}

function lengthOf (year: number, month: number): number {
  return utcDate(year, month + 1, 0).getUTCDate()
}

function weekdayOf (year: number, month: number, day: number): number {
  return utcDate(year, month, day).getUTCDay()
}

/** Cronos's W: nearest weekday within the month (Sat → Fri, but the 1st → Mon 3rd; Sun → Mon, but the last → Fri). */
function nearestWeekday (year: number, month: number, day: number): number {
  const weekday = weekdayOf(year, month, day)
  if (weekday === 6) return day === 1 ? 3 : day - 1
  if (weekday === 0) return day === lengthOf(year, month) ? day - 2 : day + 1
  return day
}

/** Both day conditions, ANDed (SEMANTICS §5). */
export function dateMatches (schedule: ReferenceSchedule, year: number, month: number, day: number): boolean {
  if (!schedule.months.has(month)) return false
  const length = lengthOf(year, month)
  const dom = schedule.dayOfMonth
  if (dom.kind === 'set' && !dom.values.has(day)) return false
  if (dom.kind === 'last') {
    const target = length - dom.offset
    if (target < 1) return false
    if ((dom.weekday ? nearestWeekday(year, month, target) : target) !== day) return false
  }
  if (dom.kind === 'nearest' && (dom.day > length || nearestWeekday(year, month, dom.day) !== day)) return false
  const weekday = weekdayOf(year, month, day)
  const dow = schedule.dayOfWeek
  if (dow.kind === 'set') return dow.values.has(weekday)
  if (dow.kind === 'last') return dow.day === weekday && day + 7 > length
  return dow.day === weekday && Math.ceil(day / 7) === dow.week
}

function timeMatches (schedule: ReferenceSchedule, secondOfDay: number): boolean {
  return schedule.seconds.has(secondOfDay % 60) && schedule.minutes.has(Math.floor(secondOfDay / 60) % 60) &&
    schedule.hours.has(Math.floor(secondOfDay / 3600))
}

export interface LocalDate { year: number, month: number, day: number }

export function localDateOf (localSeconds: number): LocalDate {
  const date = new Date(Math.floor(localSeconds / 86_400) * 86_400_000)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

/** A matcher of local wall-clock seconds, memoising the date part per day. */
export function localMatcher (schedule: ReferenceSchedule): (localSeconds: number) => boolean {
  const days = new Map<number, boolean>()
  return (localSeconds) => {
    const dayNumber = Math.floor(localSeconds / 86_400)
    if (!timeMatches(schedule, localSeconds - dayNumber * 86_400)) return false
    let matches = days.get(dayNumber)
    if (matches === undefined) {
      const date = localDateOf(localSeconds)
      matches = dateMatches(schedule, date.year, date.month, date.day)
      days.set(dayNumber, matches)
    }
    return matches
  }
}

/**
 * The first occurrence after `fromMs` (at it when `inclusive` and whole), by walking instants from the start
 * for `windowSeconds` in steps of `stepSeconds` (60 for the standard format: its occurrences are whole minutes in
 * zones whose offsets are whole minutes). An instant t is an occurrence when
 * - its wall time matches and t is not in the second pass of an overlap, or the expression is interval
 *   (Cronos: only interval expressions fire in both offsets); or
 * - t ends a spring-forward gap, the search started before the gap and some wall time in the gap matches
 *   (Cronos: every time in the gap collapses into the first instant after it).
 * Returns null when nothing in the window qualifies.
 */
export function bruteForceNext (schedule: ReferenceSchedule, fromMs: number, zone: string, inclusive: boolean,
  windowSeconds: number, stepSeconds: number): number | null {
  const rules = findZoneRules(zone)
  if (rules === null) throw new Error(`unknown zone ${zone}`)
  const matches = localMatcher(schedule)
  const fromSeconds = Math.floor(fromMs / 1000)
  const whole = fromSeconds * 1000 === fromMs
  const start = whole && inclusive ? fromSeconds : fromSeconds + 1
  const first = Math.ceil(start / stepSeconds) * stepSeconds
  for (let t = first; t < start + windowSeconds; t += stepSeconds) {
    const offset = rules.offsetAt(t)
    const before = rules.offsetAt(t - 1)
    if (before < offset && t > fromSeconds) {
      for (let wall = t + before; wall < t + offset; wall += stepSeconds) {
        if (matches(wall)) return t
      }
    }
    if (!matches(t + offset)) continue
    if (schedule.interval) return t
    // Second pass of an overlap: the same wall time was already lived `shift` seconds earlier.
    const shift = rules.offsetAt(t - 3 * 3600) - offset
    const secondPass = shift > 0 && rules.offsetAt(t - shift) === offset + shift
    if (!secondPass) return t
  }
  return null
}
