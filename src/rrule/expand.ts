// The expander: Rule + dtstart date → occurrence dates, as python-dateutil's rrule
// iterates them except in the three places where dateutil contradicts RFC 5545 (see
// index.ts for the semantic choices). Works on integer day indices and per-year lookup
// tables; no Date objects.

import { MAX_YEAR, MIN_YEAR, epochDay, formatEpochDay, formatIndex, parseIsoDate, weekInfo, weekdayOf, yearInfo, type YearInfo } from './calendar.js'
import { WEEKDAYS, type ExpandOptions, type Occurrence, type Rule } from './types.js'

const YEARLY = 0
const MONTHLY = 1
const WEEKLY = 2
const DAILY = 3

/** Epoch day of 9999-12-31: nothing is generated after it (dateutil stops at datetime.MAXYEAR). */
const LAST_DAY = epochDay(MAX_YEAR, 12, 31)

/**
 * Periods whose day pattern repeats: every part of the calendar (leap years,
 * weekdays, week numbers) repeats after 400 Gregorian years = 146097 days =
 * 20871 weeks = 4800 months. A rule whose periods produced no candidate at all
 * for one whole cycle of period positions never produces one again.
 */
const CYCLE = [400, 4800, 20871, 146097] as const

function gcd (a: number, b: number): number {
  while (b !== 0) {
    const t = a % b
    a = b
    b = t
  }
  return a
}

interface Plan {
  freq: number
  interval: number
  wkst: number
  monthOk: Bits | null
  weekdayOk: Bits | null
  /** [weekday, n] pairs of BYDAY entries with an ordinal (only for YEARLY and MONTHLY). */
  nth: Array<[number, number]> | null
  /**
   * Plain weekdays of a BYDAY that also has ordinals (MO,1TU): RFC 5545 selects the union of both lists, so
   * these are not a filter (weekdayOk is null then) but join the ordinal days in the year state's byDayMask.
   */
  unionWeekdays: Bits | null
  /** Sorted distinct BYMONTH values, for the ranges ordinals count in under YEARLY. */
  months: number[]
  mdayPos: Bits | null
  mdayNeg: Bits | null
  ydPos: Bits | null
  ydNeg: Bits | null
  weekNo: number[] | null
  weekNoHas1: boolean
  weekNoHasMinus1: boolean
  setPos: number[] | null
  /** Empty periods in a row after which the rule is known to be exhausted. */
  maxEmpty: number
  /** Everything a YearState depends on besides the year. */
  yearKey: string
}

function mod7 (x: number): number {
  return ((x % 7) + 7) % 7
}

/**
 * Small 0/1 lookup tables are plain arrays of small integers, not typed arrays: V8
 * allocates typed arrays over 64 bytes off-heap, which costs ~1 µs each (measured),
 * and these are built per expansion.
 */
type Bits = number[]

function bits (size: number): Bits {
  return new Array<number>(size).fill(0)
}

function lookup (size: number, values: Iterable<number>): Bits {
  const table = bits(size)
  for (const v of values) if (v >= 0 && v < size) table[v] = 1
  return table
}

function compile (rule: Rule, start: { month: number, day: number }, startWeekday: number): Plan {
  const freq = rule.freq === 'YEARLY' ? YEARLY : rule.freq === 'MONTHLY' ? MONTHLY : rule.freq === 'WEEKLY' ? WEEKLY : rule.freq === 'DAILY' ? DAILY : -1
  if (freq < 0) throw new Error(`expandDates works on dates: FREQ=${rule.freq} is not supported (only DAILY, WEEKLY, MONTHLY, YEARLY)`)
  if (rule.byHour.length > 0 || rule.byMinute.length > 0 || rule.bySecond.length > 0) {
    throw new Error('expandDates works on dates: BYHOUR, BYMINUTE and BYSECOND are not supported')
  }
  if (!Number.isSafeInteger(rule.interval) || rule.interval < 1) throw new RangeError(`interval must be a positive integer, got ${rule.interval}`)

  const cycle = CYCLE[freq as 0 | 1 | 2 | 3]
  let byMonth = rule.byMonth
  let byMonthDay = rule.byMonthDay
  let plainWeekdays: number[] = []
  const nth: Array<[number, number]> = []
  for (const { weekday, n } of rule.byDay) {
    const wd = WEEKDAYS.indexOf(weekday)
    // dateutil drops the ordinal for WEEKLY and DAILY (FREQ=WEEKLY;BYDAY=-1FR means every Friday).
    if (n === null || n === 0 || freq > MONTHLY) plainWeekdays.push(wd)
    else nth.push([wd, n])
  }
  // dateutil's defaults when no day-selecting part is given.
  if (rule.byWeekNo.length === 0 && rule.byYearDay.length === 0 && rule.byMonthDay.length === 0 && rule.byDay.length === 0) {
    if (freq === YEARLY) {
      if (byMonth.length === 0) byMonth = [start.month]
      byMonthDay = [start.day]
    } else if (freq === MONTHLY) {
      byMonthDay = [start.day]
    } else if (freq === WEEKLY) {
      plainWeekdays = [startWeekday]
    }
  }

  const mdays = byMonthDay.filter(v => v > 0)
  const nmdays = byMonthDay.filter(v => v < 0).map(v => -v)
  const ydays = rule.byYearDay.filter(v => v > 0)
  const nydays = rule.byYearDay.filter(v => v < 0).map(v => -v)
  const weekNo = [...new Set(rule.byWeekNo)].sort((a, b) => a - b)
  const setPos = [...new Set(rule.bySetPos)]
  const months = [...new Set(byMonth)].filter(m => m >= 1 && m <= 12).sort((a, b) => a - b)
  const wkst = WEEKDAYS.indexOf(rule.wkst)
  // RFC 5545 §3.3.10: BYDAY=1MO,FR is "the first Monday and every Friday", a union (dateutil intersects them).
  const union = nth.length > 0 && plainWeekdays.length > 0
  return {
    freq,
    interval: rule.interval,
    wkst,
    monthOk: byMonth.length > 0 ? lookup(13, byMonth) : null,
    weekdayOk: plainWeekdays.length > 0 && !union ? lookup(7, plainWeekdays) : null,
    nth: nth.length > 0 ? nth : null,
    unionWeekdays: union ? lookup(7, plainWeekdays) : null,
    months,
    mdayPos: byMonthDay.length > 0 ? lookup(32, mdays) : null,
    mdayNeg: byMonthDay.length > 0 ? lookup(32, nmdays) : null,
    ydPos: ydays.length + nydays.length > 0 ? lookup(367, ydays) : null,
    ydNeg: ydays.length + nydays.length > 0 ? lookup(367, nydays) : null,
    weekNo: weekNo.length > 0 ? weekNo : null,
    weekNoHas1: weekNo.includes(1),
    weekNoHasMinus1: weekNo.includes(-1),
    setPos: setPos.length > 0 ? setPos : null,
    maxEmpty: cycle / gcd(rule.interval % cycle, cycle),
    yearKey: `${freq === WEEKLY ? 'W' : freq === MONTHLY ? 'M' : 'Y'}${wkst}|${byMonth.length > 0 ? months.join(',') : '-'}|${weekNo.join(',')}|${nth.map(([w, n]) => `${n}:${w}`).join(',')}|${union ? [...new Set(plainWeekdays)].sort().join(',') : ''}`
  }
}

/** Pushes one BYWEEKNO week: from day i up to (not including) the next WKST, at most 7 days. */
function pushWeek (out: number[], i: number, fw: number, wkst: number, size: number): void {
  for (let j = 0; j < 7; j++) {
    if (i >= 0 && i < size) out.push(i)
    i++
    if ((fw + i) % 7 === wkst) break
  }
}

/**
 * Day indices of `year` (and its 7 overflow days) in one of the requested BYWEEKNO
 * weeks, as dateutil's wnomask marks them; sorted, possibly with duplicates.
 */
function weekNoDays (plan: Plan, info: YearInfo, weekNo: number[]): number[] {
  const wkst = plan.wkst
  const fw = info.firstWeekday
  const size = info.length + 7
  const { no1wkst, firstwkst, numweeks, lnumweeks } = weekInfo(info.year, wkst)
  const out: number[] = []
  if (no1wkst > 0 && (plan.weekNoHasMinus1 || weekNo.includes(lnumweeks))) {
    // The days before week 1 belong to the previous year's last week.
    for (let i = 0; i < no1wkst; i++) out.push(i)
  }
  const shift = no1wkst !== firstwkst ? 7 - firstwkst : 0
  for (let n of weekNo) {
    if (n < 0) n += numweeks + 1
    if (!(n > 0 && n <= numweeks)) continue
    pushWeek(out, n > 1 ? no1wkst + (n - 1) * 7 - shift : no1wkst, fw, wkst, size)
  }
  if (plan.weekNoHas1) {
    // Week 1 of the next year when it starts before this year ends.
    const i = no1wkst + numweeks * 7 - shift
    if (i < info.length) pushWeek(out, i, fw, wkst, size)
  }
  return out
}

/** Pushes the n-th given weekdays within days first..last (inclusive). */
function pushNth (out: number[], nth: Array<[number, number]>, fw: number, first: number, last: number): void {
  for (const [wd, n] of nth) {
    let i: number
    if (n < 0) {
      i = last + (n + 1) * 7
      i -= mod7(fw + i - wd)
    } else {
      i = first + (n - 1) * 7
      i += mod7(wd - fw - i)
    }
    if (i >= first && i <= last) out.push(i)
  }
}

/** Days that are the n-th given weekday of their month (MONTHLY, YEARLY with BYMONTH) or year (YEARLY). */
function nthWeekdayDays (plan: Plan, info: YearInfo, nth: Array<[number, number]>): number[] {
  const out: number[] = []
  const fw = info.firstWeekday
  const ms = info.monthStart
  if (plan.freq === MONTHLY) {
    for (let m = 0; m < 12; m++) pushNth(out, nth, fw, ms[m] as number, (ms[m + 1] as number) - 1)
  } else if (plan.months.length > 0) {
    for (const m of plan.months) pushNth(out, nth, fw, ms[m - 1] as number, (ms[m] as number) - 1)
  } else {
    pushNth(out, nth, fw, 0, info.length - 1)
  }
  return out
}

function sortedDistinct (xs: number[]): number[] {
  xs.sort((a, b) => a - b)
  let k = 0
  for (let j = 0; j < xs.length; j++) if (j === 0 || xs[j] !== xs[k - 1]) xs[k++] = xs[j] as number
  xs.length = k
  return xs
}

function dateArg (name: string, value: string): number {
  const d = parseIsoDate(value)
  if (d === null) throw new RangeError(`${name} must be a date YYYY-MM-DD in years 0001..9999, got ${JSON.stringify(value)}`)
  return epochDay(d.year, d.month, d.day)
}

/**
 * Expands `rule` from `dtstart` (the first possible date; an occurrence only when it
 * matches the rule). Yields dates in increasing order with their 0-based index.
 * Throws (eagerly, not on the first next()) for invalid arguments, sub-daily rules,
 * and a UTC UNTIL without options.untilDate.
 */
export function expandDates (rule: Rule, dtstart: string, options: ExpandOptions = {}): Generator<Occurrence> {
  return expandDays(rule, dtstart, options, NO_DAYS, NO_DAYS)
}

const NO_DAYS: readonly number[] = []

/**
 * expandDates with a recurrence set's extra and excluded dates merged in one pass (set.ts gives them as sorted
 * epoch days, `rdays` distinct): the yielded dates are the rule's dates plus `rdays` minus `exdays`, each once, in
 * increasing order, and `index` is the position in that set. COUNT and the UNTIL/untilDate cap bound the rule's own
 * dates only, and an excluded rule date still counts toward COUNT (dateutil's rruleset). `after` and `limit` apply
 * to the set. With both lists empty this is exactly expandDates.
 */
export function expandDays (rule: Rule, dtstart: string, options: ExpandOptions,
  rdays: readonly number[], exdays: readonly number[]): Generator<Occurrence> {
  const start = parseIsoDate(dtstart)
  if (start === null) throw new RangeError(`dtstart must be a date YYYY-MM-DD in years 0001..9999, got ${JSON.stringify(dtstart)}`)
  const startDay = epochDay(start.year, start.month, start.day)

  let capDay = LAST_DAY
  if (rule.until !== null) {
    if (rule.until.kind === 'utc') {
      if (options.untilDate === undefined) {
        throw new Error('rule.until is a UTC date-time; resolve it in the series time zone and pass options.untilDate')
      }
    } else {
      const untilText = rule.until.kind === 'date' ? rule.until.date : rule.until.dateTime.slice(0, 10)
      capDay = Math.min(capDay, dateArg('rule.until', untilText))
    }
  }
  if (options.untilDate !== undefined) capDay = Math.min(capDay, dateArg('options.untilDate', options.untilDate))
  const afterDay = options.after === undefined ? -Infinity : dateArg('options.after', options.after)
  const limit = options.limit ?? Infinity
  if (typeof limit !== 'number' || Number.isNaN(limit)) throw new RangeError('options.limit must be a number')
  const count = rule.count
  if (count !== null && (!Number.isSafeInteger(count) || count < 0)) throw new RangeError(`count must be a non-negative integer, got ${count}`)

  const plan = compile(rule, start, weekdayOf(startDay))
  return run(plan, start.year, start.month, startDay, capDay, afterDay, count, limit, rdays, exdays)
}

/**
 * What one year contributes to an expansion. BYWEEKNO and ordinal BYDAY select few
 * days of a year, so instead of dateutil's full-year masks they become a sorted list
 * of the only day indices worth looking at (their intersection when both are given).
 */
interface YearState {
  info: YearInfo
  /** Sorted candidate day indices, or null when every day of [lo, hi) must be looked at. */
  days: number[] | null
  /** With a BYDAY mixing plain and ordinal weekdays: 1 for the days either part selects (the union). */
  byDayMask: Bits | null
  /** Days outside [lo, hi) cannot pass BYMONTH (YEARLY, MONTHLY, DAILY): no need to look at them. */
  lo: number
  hi: number
}

/**
 * Year states are immutable and depend only on the year and on the parts of the plan
 * in `plan.yearKey`, so they are shared between expansions (bounded cache): the
 * scheduler expands the same rules over the same years again and again.
 */
const yearStateCache = new Map<string, Map<number, YearState>>()

/** Drops the shared year-state cache (benchmarks use it to measure cold expansions). */
export function clearYearStateCache (): void {
  yearStateCache.clear()
}

function yearState (plan: Plan, year: number): YearState {
  let byYear = yearStateCache.get(plan.yearKey)
  if (byYear === undefined) {
    if (yearStateCache.size >= 512) yearStateCache.clear()
    byYear = new Map()
    yearStateCache.set(plan.yearKey, byYear)
  }
  let ys = byYear.get(year)
  if (ys === undefined) {
    ys = buildYearState(plan, year)
    if (byYear.size >= 2048) byYear.clear()
    byYear.set(year, ys)
  }
  return ys
}

function buildYearState (plan: Plan, year: number): YearState {
  const info = yearInfo(year)
  let days: number[] | null = null
  if (plan.weekNo !== null) days = sortedDistinct(weekNoDays(plan, info, plan.weekNo))
  let byDayMask: Bits | null = null
  if (plan.nth !== null && plan.unionWeekdays !== null) {
    const union = plan.unionWeekdays
    byDayMask = bits(info.length + 7)
    for (let i = 0; i < byDayMask.length; i++) byDayMask[i] = union[(info.firstWeekday + i) % 7] as number
    for (const i of nthWeekdayDays(plan, info, plan.nth)) byDayMask[i] = 1
  } else if (plan.nth !== null) {
    const nthDays = sortedDistinct(nthWeekdayDays(plan, info, plan.nth))
    days = days === null ? nthDays : days.filter(i => nthDays.includes(i))
  }
  let lo = 0
  let hi = info.length + 7
  if (plan.monthOk !== null && plan.months.length > 0 && plan.freq !== WEEKLY) {
    // Weekly periods may spill into January of the next year, so only narrow for the others.
    lo = info.monthStart[(plan.months[0] as number) - 1] as number
    hi = info.monthStart[plan.months[plan.months.length - 1] as number] as number
  }
  return { info, days, byDayMask, lo, hi }
}

/** Whether day `i` of the year passes the filters that are not year-level lists (BYMONTH, plain BYDAY, BYMONTHDAY, BYYEARDAY). */
function passes (plan: Plan, info: YearInfo, i: number): boolean {
  const { monthOk, weekdayOk, mdayPos, ydPos } = plan
  if (monthOk !== null && monthOk[info.month[i] as number] !== 1) return false
  if (weekdayOk !== null && weekdayOk[(info.firstWeekday + i) % 7] !== 1) return false
  if (mdayPos !== null && mdayPos[info.mday[i] as number] !== 1 && (plan.mdayNeg as Bits)[info.nmday[i] as number] !== 1) return false
  if (ydPos !== null) {
    const yl = info.length
    const ydNeg = plan.ydNeg as Bits
    if (i < yl) return ydPos[i + 1] === 1 || ydNeg[yl - i] === 1
    return ydPos[i + 1 - yl] === 1 || ydNeg[info.nextLength - (i - yl)] === 1
  }
  return true
}

/** Writes the day indices in [ps, pe) that pass every BYxxx filter to `buf`; returns how many. */
function collect (plan: Plan, ys: YearState, ps: number, pe: number, buf: number[]): number {
  const info = ys.info
  let n = 0
  const days = ys.days
  const mask = ys.byDayMask
  if (days !== null) {
    for (let k = 0; k < days.length; k++) {
      const i = days[k] as number
      if (i >= pe) break
      if (i >= ps && (mask === null || mask[i] === 1) && passes(plan, info, i)) buf[n++] = i
    }
    return n
  }
  const from = ps > ys.lo ? ps : ys.lo
  const to = pe < ys.hi ? pe : ys.hi
  for (let i = from; i < to; i++) if ((mask === null || mask[i] === 1) && passes(plan, info, i)) buf[n++] = i
  return n
}

/** Applies BYSETPOS to the period's candidates buf[0..n): the picked ones, sorted and distinct, go to `out`. */
function applySetPos (setPos: number[], buf: number[], n: number, out: number[]): void {
  out.length = 0
  for (const pos of setPos) {
    const k = pos < 0 ? n + pos : pos - 1
    if (k >= 0 && k < n) {
      const v = buf[k] as number
      if (!out.includes(v)) out.push(v)
    }
  }
  out.sort((a, b) => a - b)
}

function * run (plan: Plan, startYear: number, startMonth: number, startDay: number, capDay: number, afterDay: number,
  count: number | null, limit: number, rdays: readonly number[], exdays: readonly number[]): Generator<Occurrence> {
  if (limit <= 0) return

  // Set bookkeeping: `index` is the position in the set (the rule's dates plus rdays minus exdays), `ruleIndex`
  // what COUNT counts. Both streams come in increasing order, so rdays and exdays are each walked once with a
  // cursor (no lookup per date, no Date or string made for a date that is not yielded).
  let index = 0
  let yielded = 0
  let r = 0
  let e = 0
  const rn = rdays.length
  const en = exdays.length

  if (count !== 0 && capDay >= startDay) {
    const { freq, interval, wkst, setPos, maxEmpty } = plan
    const buf: number[] = []
    const picked: number[] = []

    let year = startYear
    let month = startMonth
    let ys = yearState(plan, year)

    // WEEKLY: periods start on WKST; without BYSETPOS the first one runs from dtstart to the next WKST (the
    // days before dtstart could not be occurrences anyway). With BYSETPOS, RFC 5545 counts positions within the
    // whole week starting on WKST, dates before dtstart then dropped; dateutil counts them from dtstart
    // (dateutil issue #1398). That week may begin in the previous year: evaluate it with that year's tables.
    // DAILY: one day per period.
    let periodDay = freq === WEEKLY ? startDay - ((weekdayOf(startDay) - wkst + 7) % 7) : startDay
    let first = true
    if (freq === WEEKLY && setPos !== null) {
      if (periodDay >= ys.info.firstDay) {
        first = false
      } else if (year > MIN_YEAR) {
        first = false
        year--
        ys = yearState(plan, year)
      }
    }
    let ruleIndex = 0
    let empty = 0

    for (;;) {
      let info = ys.info
      let ps: number
      let pe: number
      if (freq === YEARLY) {
        ps = 0
        pe = info.length
      } else if (freq === MONTHLY) {
        ps = info.monthStart[month - 1] as number
        pe = info.monthStart[month] as number
      } else {
        if (periodDay > LAST_DAY) break
        if (periodDay >= info.firstDay + info.length) {
          while (periodDay >= yearInfo(year).firstDay + yearInfo(year).length) year++
          ys = yearState(plan, year)
          info = ys.info
        }
        if (freq === WEEKLY) {
          pe = periodDay - info.firstDay + 7
          ps = first ? startDay - info.firstDay : pe - 7
        } else {
          ps = periodDay - info.firstDay
          pe = ps + 1
        }
      }
      if (info.firstDay + ps > capDay) break
      first = false

      let n = collect(plan, ys, ps, pe, buf)
      let list: ArrayLike<number> = buf
      if (setPos !== null && n > 0) {
        applySetPos(setPos, buf, n, picked)
        list = picked
        n = picked.length
      }

      if (n === 0) {
        if (++empty > maxEmpty) break
      } else {
        empty = 0
        let ended = false
        for (let k = 0; k < n; k++) {
          const i = list[k] as number
          const day = info.firstDay + i
          if (day > capDay || (count !== null && ruleIndex >= count)) {
            ended = true
            break
          }
          if (day < startDay) continue
          ruleIndex++
          // The RDATEs before this rule date, then the rule date itself (once, when it is an RDATE too).
          while (r < rn && (rdays[r] as number) < day) {
            const d = rdays[r++] as number
            while (e < en && (exdays[e] as number) < d) e++
            if (e < en && exdays[e] === d) continue
            if (d >= afterDay) {
              yield { date: formatEpochDay(d), index }
              if (++yielded >= limit) return
            }
            index++
          }
          if (r < rn && rdays[r] === day) r++
          while (e < en && (exdays[e] as number) < day) e++
          if (e < en && exdays[e] === day) continue
          if (day >= afterDay) {
            yield { date: formatIndex(info, i), index }
            if (++yielded >= limit) return
          }
          index++
        }
        if (ended) break
      }

      // Next period.
      if (freq === YEARLY) {
        year += interval
        if (year > MAX_YEAR) break
        ys = yearState(plan, year)
      } else if (freq === MONTHLY) {
        month += interval
        if (month > 12) {
          year += Math.floor((month - 1) / 12)
          month = ((month - 1) % 12) + 1
          if (year > MAX_YEAR) break
          ys = yearState(plan, year)
        }
      } else if (freq === WEEKLY) {
        periodDay += 7 * interval
      } else {
        periodDay += interval
      }
    }
  }

  // The rule has no further date: the RDATEs after its last one. This is the inner RDATE loop again, on purpose: one
  // shared inner generator closes over the cursors, which then live in the generator's context instead of
  // registers, and the whole expansion measured ~15 % slower (bench/rrule.ts, plain and with exception dates).
  while (r < rn) {
    const d = rdays[r++] as number
    while (e < en && (exdays[e] as number) < d) e++
    if (e < en && exdays[e] === d) continue
    if (d >= afterDay) {
      yield { date: formatEpochDay(d), index }
      if (++yielded >= limit) return
    }
    index++
  }
}
