// Finds the next wall-clock time that matches a schedule (SEMANTICS §5, §7.4). Works on local calendar fields
// with bit scans: the first matching time of day, then month by month the first matching day. Knows nothing
// about time zones: its input and output are "local seconds" (the wall-clock date and time read as UTC).

import { civilFromDays, daysFromCivil } from '../time/zones.js'
import { DOM_LAST, DOM_SET, DOW_LAST, DOW_NTH } from './fields.js'
import type { CronSchedule } from './schedule.js'

/** Returned when no wall-clock time up to the search horizon matches. */
export const NOT_FOUND = Number.NEGATIVE_INFINITY

/** Cronos searches up to .NET's DateTime.MaxValue: the last local year is 9999 (SEMANTICS §7.4 step 5). */
const MAX_YEAR = 9999
const SECONDS_PER_DAY = 86_400

/** Index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit (word: number): number {
  return 31 - Math.clz32(word & -word)
}

/** The smallest set bit ≥ `from` (0–31) of a 32-bit word, or -1. */
export function nextBit (word: number, from: number): number {
  if (from > 31) return -1
  const masked = word & (-1 << from)
  return masked === 0 ? -1 : lowestBit(masked)
}

/** The smallest set bit ≥ `from` (0–63) of a 64-bit set held as two words, or -1. */
export function nextBit60 (low: number, high: number, from: number): number {
  if (from < 32) {
    const masked = low & (-1 << from)
    if (masked !== 0) return lowestBit(masked)
    from = 32
  }
  if (from > 63) return -1
  const masked = high & (-1 << (from - 32))
  return masked === 0 ? -1 : 32 + lowestBit(masked)
}

export function firstBit (word: number): number {
  return nextBit(word, 0)
}

export function firstBit60 (low: number, high: number): number {
  return nextBit60(low, high, 0)
}

function isLeapYear (year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

export function daysInMonth (year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  // 31 days in odd months up to July and in even months from August on.
  return 30 + ((month + (month >> 3)) & 1)
}

/** Bits 1..daysInMonth set (bit 0 is never a day). */
function daysOfMonthMask (length: number): number {
  return length >= 31 ? -2 : (1 << (length + 1)) - 2
}

/**
 * Days 1–31 of a month whose 1st is weekday `firstWeekday` (0 = Sunday) that fall on a weekday of the 7-bit
 * set `weekdays`: the weekly pattern rotated to start at day 1, then repeated every 7 days.
 */
function weekdayDays (weekdays: number, firstWeekday: number): number {
  const week = ((weekdays >> firstWeekday) | (weekdays << (7 - firstWeekday))) & 0x7f
  const pattern = week << 1
  return pattern | (pattern << 7) | (pattern << 14) | (pattern << 21) | (pattern << 28)
}

/**
 * Cronos's `W`: the weekday nearest to `day` without leaving the month. Saturday moves to Friday, except the 1st
 * moves forward to Monday the 3rd; Sunday moves to Monday, except the last day moves back to Friday.
 */
function nearestWeekdayOf (day: number, length: number, firstWeekday: number): number {
  const weekday = (firstWeekday + day - 1) % 7
  if (weekday === 6) return day === 1 ? 3 : day - 1
  if (weekday === 0) return day === length ? day - 2 : day + 1
  return day
}

/**
 * The days (bits 1–31) of a month with `length` days starting on weekday `firstWeekday` that satisfy both day
 * conditions of `schedule` (Cronos ANDs day of month and day of week, SEMANTICS §5), restricted to days
 * ≥ `startDay`. Only the month a search starts in has `startDay` > 1.
 */
export function dayCandidates (schedule: CronSchedule, length: number, firstWeekday: number, startDay: number): number {
  let days: number
  if (schedule.dayOfMonthRule === DOM_SET) {
    days = schedule.daysOfMonth & daysOfMonthMask(length) & (-1 << startDay)
  } else {
    let day: number
    if (schedule.dayOfMonthRule === DOM_LAST) {
      day = length - schedule.lastDayOffset
      // `L-n` before the 1st: this month has no match. Cronos quirk (SEMANTICS §7.4 step 3): in the start month
      // the start day is compared with the target *before* the W shift.
      if (day < 1 || day < startDay) return 0
      if (schedule.nearestWeekday) day = nearestWeekdayOf(day, length, firstWeekday)
    } else {
      // `nW`: no clamping, a month shorter than n has no match.
      if (schedule.weekdayTarget > length) return 0
      day = nearestWeekdayOf(schedule.weekdayTarget, length, firstWeekday)
    }
    // Only the shifted day matches (never n itself), and it must not lie before the start.
    if (day < startDay) return 0
    days = 1 << day
  }
  if (days === 0 || schedule.everyDayOfWeek) return days
  let weekdays = weekdayDays(schedule.daysOfWeek, firstWeekday)
  if (schedule.dayOfWeekRule === DOW_LAST) {
    weekdays &= -1 << (length - 6) // the last seven days of the month
  } else if (schedule.dayOfWeekRule === DOW_NTH) {
    weekdays &= 0x7f << (7 * schedule.nthWeek - 6) // days 7(k-1)+1 … 7k
  }
  return days & weekdays
}

/**
 * Whether any calendar day can match: some month of the month set, at some length it can have, starting on some
 * weekday, has a candidate day. Every such combination occurs within any 400-year Gregorian cycle, so a reachable
 * schedule matches within 400 years of any start (before year 9999 cuts the search).
 */
export function isReachable (schedule: CronSchedule): boolean {
  for (let month = 1; month <= 12; month++) {
    if ((schedule.months & (1 << month)) === 0) continue
    const lengths = month === 2 ? [28, 29] : [daysInMonth(2001, month)]
    for (const length of lengths) {
      for (let firstWeekday = 0; firstWeekday < 7; firstWeekday++) {
        if (dayCandidates(schedule, length, firstWeekday, 1) !== 0) return true
      }
    }
  }
  return false
}

/**
 * Seconds after midnight of the first matching time of day at or after `secondOfDay`, or -1 when none is left
 * that day.
 */
function timeOfDayAtOrAfter (schedule: CronSchedule, secondOfDay: number): number {
  const startHour = Math.floor(secondOfDay / 3600)
  const startMinute = Math.floor((secondOfDay - startHour * 3600) / 60)
  const startSecond = secondOfDay - startHour * 3600 - startMinute * 60
  let hour = nextBit(schedule.hours, startHour)
  if (hour === startHour) {
    let minute = nextBit60(schedule.minutesLow, schedule.minutesHigh, startMinute)
    if (minute === startMinute) {
      const second = nextBit60(schedule.secondsLow, schedule.secondsHigh, startSecond)
      if (second >= 0) return hour * 3600 + minute * 60 + second
      minute = nextBit60(schedule.minutesLow, schedule.minutesHigh, startMinute + 1)
    }
    if (minute >= 0) return hour * 3600 + minute * 60 + schedule.firstSecond
    hour = nextBit(schedule.hours, startHour + 1)
  }
  if (hour < 0) return -1
  return hour * 3600 + schedule.firstMinute * 60 + schedule.firstSecond
}

/**
 * The first wall-clock time ≥ `start` (local seconds) whose fields all match `schedule`, or {@link NOT_FOUND}
 * when there is none up to the end of local year 9999.
 */
export function nextMatchLocal (schedule: CronSchedule, start: number): number {
  if (!schedule.isReachable) return NOT_FOUND
  let startDayNumber = Math.floor(start / SECONDS_PER_DAY)
  let time = timeOfDayAtOrAfter(schedule, start - startDayNumber * SECONDS_PER_DAY)
  if (time < 0) {
    // Nothing left today: carry into tomorrow at the first matching time of day.
    startDayNumber++
    time = schedule.firstTimeOfDay
  }

  let [year, month, startDay] = civilFromDays(startDayNumber)

  for (;;) {
    if (year > MAX_YEAR) return NOT_FOUND
    const matchingMonth = nextBit(schedule.months, month)
    if (matchingMonth < 0) {
      year++
      month = 1
      startDay = 1
      continue
    }
    if (matchingMonth !== month) {
      month = matchingMonth
      startDay = 1
    }
    const firstDayNumber = daysFromCivil(year, month, 1)
    const firstWeekday = ((firstDayNumber + 4) % 7 + 7) % 7 // 1970-01-01 was a Thursday
    const days = dayCandidates(schedule, daysInMonth(year, month), firstWeekday, startDay)
    if (days !== 0) {
      const dayNumber = firstDayNumber + lowestBit(days) - 1
      return dayNumber * SECONDS_PER_DAY + (dayNumber === startDayNumber ? time : schedule.firstTimeOfDay)
    }
    startDay = 1
    if (++month > 12) {
      month = 1
      year++
    }
  }
}
