// Text → CronSchedule, following Cronos's grammar (SEMANTICS §2–§4) field by field, driven by the field table in
// fields.ts. Every refusal is a CronSyntaxError naming the field and the offending text.

import { CronSyntaxError } from './errors.js'
import {
  DAY_OF_MONTH, DAY_OF_WEEK, DOM_LAST, DOM_NEAREST_WEEKDAY, DOM_SET, DOW_LAST, DOW_NTH, DOW_SET,
  SECONDS_FIELDS, STANDARD_FIELDS, type FieldDescriptor
} from './fields.js'
import { findMacro, MACROS } from './macros.js'
import { CronSchedule, type CronFormat } from './schedule.js'

/** Options of {@link parseCron}. */
export interface ParseCronOptions {
  /** Field layout; by default chosen by field count (see {@link cronFormatOf}). */
  format?: CronFormat
  /** Seeds `H`: the schedule id. Without it, `H` is refused. Macros are never jittered. */
  seed?: string
}

const TAB = 9
const SPACE = 32
const STAR = 42
const QUESTION = 63
const COMMA = 44
const DASH = 45
const SLASH = 47
const HASH = 35
const AT = 64
const UPPER_H = 72

function isBlank (code: number): boolean {
  return code === SPACE || code === TAB
}

function isDigit (code: number): boolean {
  return code >= 48 && code <= 57
}

function isLetter (code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

/** Upper-cases an ASCII letter code. */
function upper (code: number): number {
  return code >= 97 && code <= 122 ? code - 32 : code
}

/** Fields separated by runs of spaces or tabs; leading and trailing ones are ignored (SEMANTICS §2). */
function splitFields (expression: string): string[] {
  const fields: string[] = []
  let start = -1
  for (let i = 0; i <= expression.length; i++) {
    const blank = i === expression.length || isBlank(expression.charCodeAt(i))
    if (blank) {
      if (start >= 0) fields.push(expression.slice(start, i))
      start = -1
    } else if (start < 0) {
      start = i
    }
  }
  return fields
}

function trimBlanks (expression: string): string {
  let start = 0
  let end = expression.length
  while (start < end && isBlank(expression.charCodeAt(start))) start++
  while (end > start && isBlank(expression.charCodeAt(end - 1))) end--
  return expression.slice(start, end)
}

/**
 * The format an expression is written in, by field count as Hangfire does: 6 fields → `seconds`, anything else
 * → `standard` (so a wrong count is reported against the standard layout). Macros: `@every_second` → `seconds`,
 * the others → `standard`.
 */
export function cronFormatOf (expression: string): CronFormat {
  const text = trimBlanks(expression)
  if (text.charCodeAt(0) === AT) return findMacro(text)?.format ?? 'standard'
  return splitFields(text).length === 6 ? 'seconds' : 'standard'
}

/** 32-bit FNV-1a over the UTF-8 bytes of `text`: stable across processes and platforms. */
function fnv1a (text: string): number {
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

function quote (text: string): string {
  return JSON.stringify(text)
}

/** Parses one field's text into a value set (two 32-bit words) and, for the day fields, a rule. */
class FieldParser {
  private readonly text: string
  private readonly field: FieldDescriptor
  private readonly seed: string | undefined
  private position = 0
  low = 0
  high = 0
  interval = false
  dayOfMonthRule = DOM_SET
  lastDayOffset = 0
  nearestWeekday = false
  weekdayTarget = 0
  dayOfWeekRule = DOW_SET
  nthWeek = 0

  constructor (text: string, field: FieldDescriptor, seed: string | undefined) {
    this.text = text
    this.field = field
    this.seed = seed
  }

  parse (): this {
    const first = this.text.charCodeAt(0)
    if (first === STAR || first === QUESTION) this.parseEvery()
    else if (first === UPPER_H) this.parseHash()
    else if (this.field === DAY_OF_MONTH && upper(first) === 76 /* L */) this.parseLastDay()
    else this.parseList()
    return this
  }

  private fail (message: string, token: string): never {
    throw new CronSyntaxError(message, this.field.name, token)
  }

  private get where (): string {
    return `in the ${this.field.name} field`
  }

  private get atEnd (): boolean {
    return this.position >= this.text.length
  }

  private peek (): number {
    return this.position < this.text.length ? this.text.charCodeAt(this.position) : -1
  }

  /** Fails on whatever is left at the current position, with the best message for it. */
  private failUnexpected (after: string): never {
    const code = this.peek()
    const char = this.text[this.position] ?? ''
    const letter = upper(code)
    if (letter === 76 /* L */ || letter === 87 /* W */) this.failMisplacedSymbol(char)
    if (code === HASH && this.field !== DAY_OF_WEEK) {
      this.fail(`"#" is only allowed in the day of week field, not ${this.where}`, this.text)
    }
    if (code === STAR || code === QUESTION || code === UPPER_H) {
      this.fail(`${quote(char)} must stand alone ${this.where}; it cannot be part of a list or range ` +
        `(${quote(this.text)})`, this.text)
    }
    this.fail(`Unexpected ${quote(char)} ${after} ${this.where} (${quote(this.text)})`, this.text)
  }

  /** Adds one value; values 32–63 go to the high word. */
  private add (value: number): void {
    if (value < 32) this.low |= 1 << value
    else this.high |= 1 << (value - 32)
  }

  /**
   * Adds `from-to/step` (SEMANTICS §3). A reversed range wraps around the field's cycle and the progression
   * continues across the wrap: after the last value ≤ cycleTop it restarts at
   * `min + step - ((cycleTop - from) mod step) - 1`. The remainder truncates, as in C#, which reproduces Cronos's
   * quirk for day-of-week ranges starting at 7 (`7-5/2` = {2, 4}).
   */
  private addRange (from: number, to: number, step: number): void {
    if (from <= to) {
      for (let value = from; value <= to; value += step) this.add(value)
      return
    }
    const top = this.field.cycleTop
    for (let value = from; value <= top; value += step) this.add(value)
    for (let value = this.field.min + step - ((top - from) % step) - 1; value <= to; value += step) this.add(value)
  }

  /** Reads 1–2 digits; -1 when there is no digit here. More digits are refused (SEMANTICS §2). */
  private readNumber (what: string): number {
    const start = this.position
    while (isDigit(this.peek())) this.position++
    const digits = this.text.slice(start, this.position)
    if (digits.length === 0) return -1
    if (digits.length > 2) this.fail(`Invalid ${what} ${quote(digits)} ${this.where}: numbers have at most two digits`, digits)
    return Number(digits)
  }

  /** Reads a number or a three-letter name and checks it against the field's range. */
  private readValue (): number {
    const code = this.peek()
    const start = this.position
    if (isDigit(code)) {
      const value = this.readNumber('value')
      if (value < this.field.min || value > this.field.max) {
        const digits = this.text.slice(start, this.position)
        this.fail(`Invalid value ${quote(digits)} ${this.where}: allowed values are ${this.field.allowed}`, digits)
      }
      return value
    }
    if (isLetter(code)) {
      while (isLetter(this.peek())) this.position++
      let word = this.text.slice(start, this.position)
      // `FRIL`: a day name directly followed by the `L` of "last such weekday".
      if (this.field === DAY_OF_WEEK && word.length === 4 && upper(word.charCodeAt(3)) === 76) {
        word = word.slice(0, 3)
        this.position--
      }
      if (word === 'H' || word.toUpperCase() === 'L' || word.toUpperCase() === 'W') {
        this.position = start
        this.failMisplacedSymbol(word)
      }
      const value = word.length === 3 ? this.field.names?.get(word.toUpperCase()) : undefined
      if (value !== undefined) return value
      if (this.field.names === null) {
        this.fail(`Invalid value ${quote(word)} ${this.where}: names are only allowed in the month (JAN-DEC) and ` +
          `day of week (SUN-SAT) fields; use a number ${this.field.allowed}`, word)
      }
      this.fail(`Invalid value ${quote(word)} ${this.where}: use ${this.field.allowed} ` +
        '(names are exactly three letters)', word)
    }
    if (this.atEnd) this.fail(`Missing value ${this.where} (${quote(this.text)})`, this.text)
    this.failUnexpected('where a value was expected')
  }

  /** `H`, `L` or `W` where a value was expected: say where that symbol may be used. */
  private failMisplacedSymbol (symbol: string): never {
    const letter = symbol.toUpperCase()
    if (symbol === 'H') {
      this.fail(`"H" must stand alone ${this.where}, as "H" or "H/step" (${quote(this.text)})`, this.text)
    }
    if (letter === 'W' && this.field !== DAY_OF_MONTH) {
      this.fail(`"W" is only allowed in the day of month field, not ${this.where}`, this.text)
    }
    if (letter === 'W') {
      this.fail(`"W" must follow a single day ${this.where}, as in "15W" (${quote(this.text)})`, this.text)
    }
    if (this.field === DAY_OF_MONTH) {
      this.fail(`"L" must stand alone ${this.where}, as "L", "L-n", "LW" or "L-nW" (${quote(this.text)})`, this.text)
    }
    if (this.field === DAY_OF_WEEK) {
      this.fail(`"L" must follow a single day ${this.where}, as in "5L" or "FRIL" (${quote(this.text)})`, this.text)
    }
    this.fail(`"L" is only allowed in the day of month and day of week fields, not ${this.where}`, this.text)
  }

  /** Reads the number after `/`: 1 up to the field's maximum (SEMANTICS §3). */
  private readStep (): number {
    const start = this.position
    const step = this.readNumber('step')
    if (step < 0) {
      if (this.atEnd) this.fail(`Missing step after "/" ${this.where} (${quote(this.text)})`, this.text)
      const rest = this.text.slice(start)
      this.fail(`Invalid step ${quote(rest)} ${this.where}: a step is a number 1-${this.field.max}`, rest)
    }
    if (step < 1 || step > this.field.max) {
      const digits = this.text.slice(start, this.position)
      this.fail(`Invalid step ${quote(digits)} ${this.where}: a step must be 1-${this.field.max}`, digits)
    }
    return step
  }

  private expectEnd (after: string): void {
    if (!this.atEnd) this.failUnexpected(after)
  }

  /** `*` or `?`, optionally with a step: every value from the field's minimum (SEMANTICS §3). */
  private parseEvery (): void {
    const symbol = this.text[0] ?? '*'
    this.position = 1
    let step = 1
    if (this.peek() === SLASH) {
      this.position++
      step = this.readStep()
    }
    if (this.peek() === COMMA || this.peek() === DASH) {
      this.fail(`${quote(symbol)} must stand alone ${this.where}; it cannot be part of a list or range ` +
        `(${quote(this.text)})`, this.text)
    }
    this.expectEnd(`after ${quote(this.text.slice(0, this.position))}`)
    this.addRange(this.field.min, this.field.max, step)
    this.interval = true
  }

  /**
   * `H` and `H/step` (docs/contract.md §5): a value derived from the seed (the schedule id) with FNV-1a over
   * seed + NUL + field name, so each field of one schedule gets its own stable value. `H` picks from the field's
   * hash range; `H/step` picks a start in [min, min + step) and repeats every `step` to the maximum.
   */
  private parseHash (): void {
    if (this.seed === undefined || this.seed === '') {
      this.fail(`"H" ${this.where} needs a schedule id to derive its value from; it is only accepted for a ` +
        'schedule with an id (or a preview with a seed id)', this.text)
    }
    const hash = fnv1a(`${this.seed}\u0000${this.field.name}`)
    this.position = 1
    if (this.atEnd) {
      this.add(this.field.hashMin + hash % (this.field.hashMax - this.field.hashMin + 1))
      return
    }
    if (this.peek() !== SLASH) {
      this.fail(`Unsupported use of "H" ${this.where} (${quote(this.text)}): write "H" or "H/step"`, this.text)
    }
    this.position++
    const step = this.readStep()
    this.expectEnd(`after ${quote(this.text.slice(0, this.position))}`)
    this.addRange(this.field.min + hash % step, this.field.max, step)
    this.interval = true
  }

  /** `L`, `L-n` (n = 0–30), each optionally followed by `W` (SEMANTICS §3, day of month). */
  private parseLastDay (): void {
    this.position = 1
    if (this.peek() === DASH) {
      this.position++
      const start = this.position
      const offset = this.readNumber('offset')
      if (offset < 0) this.fail(`Missing number after "L-" ${this.where} (${quote(this.text)})`, this.text)
      if (offset > 30) {
        const digits = this.text.slice(start, this.position)
        this.fail(`Invalid offset ${quote(digits)} in "L-n" ${this.where}: n must be 0-30`, digits)
      }
      this.lastDayOffset = offset
    }
    if (upper(this.peek()) === 87 /* W */) {
      this.position++
      this.nearestWeekday = true
    }
    if (!this.atEnd) {
      this.fail(`${quote(this.text)} is not valid ${this.where}: "L", "L-n", "LW" and "L-nW" must stand alone`, this.text)
    }
    this.dayOfMonthRule = DOM_LAST
  }

  /** A comma-separated list of `value`, `value-value`, each with an optional `/step`, or one special form. */
  private parseList (): void {
    for (;;) {
      const itemStart = this.position
      const from = this.readValue()
      let to = -1
      let step = 0
      if (this.peek() === DASH) {
        this.position++
        to = this.readValue()
      }
      if (this.peek() === SLASH) {
        this.position++
        step = this.readStep()
      }
      const next = this.peek()
      const letter = upper(next)
      const special = (letter === 87 /* W */ && this.field === DAY_OF_MONTH) ||
        ((letter === 76 /* L */ || next === HASH) && this.field === DAY_OF_WEEK)
      if (special) {
        this.parseSpecialDay(itemStart, from, to >= 0 || step > 0)
        return
      }
      if (step > 0) this.addRange(from, to >= 0 ? to : this.field.max, step)
      else if (to >= 0) this.addRange(from, to, 1)
      else this.add(from)
      // A range or a step in second/minute/hour makes the expression "interval" (SEMANTICS §6).
      if (step > 0 || to >= 0) this.interval = true
      if (this.atEnd) return
      if (this.peek() !== COMMA) this.failUnexpected(`after ${quote(this.text.slice(itemStart, this.position))}`)
      this.position++
      if (this.atEnd) this.fail(`Missing value after "," ${this.where} (${quote(this.text)})`, this.text)
    }
  }

  /** `nW` (day of month), `nL` and `n#k` (day of week): a single value, alone in its field. */
  private parseSpecialDay (itemStart: number, value: number, rangeOrStep: boolean): void {
    const symbol = this.text[this.position] ?? ''
    const example = symbol === '#' ? '"MON#2"' : symbol.toUpperCase() === 'W' ? '"15W"' : '"FRIL" or "5L"'
    const mustStandAlone = (): never => this.fail(`${quote(this.text)} is not valid ${this.where}: ` +
      `"${symbol.toUpperCase()}" follows a single value, as in ${example}, and the field must hold nothing else`,
    this.text)
    if (itemStart !== 0 || rangeOrStep) mustStandAlone()
    this.position++
    if (symbol === '#') {
      const start = this.position
      const week = this.readNumber('week number')
      if (week < 0 && this.atEnd) this.fail(`Missing week number after "#" ${this.where} (${quote(this.text)})`, this.text)
      if (week < 0) {
        const rest = this.text.slice(start)
        this.fail(`Invalid week number ${quote(rest)} after "#" ${this.where}: it must be 1-5`, rest)
      }
      if (week < 1 || week > 5) {
        const digits = this.text.slice(start, this.position)
        this.fail(`Invalid week number ${quote(digits)} after "#" ${this.where}: it must be 1-5`, digits)
      }
      this.dayOfWeekRule = DOW_NTH
      this.nthWeek = week
    } else if (this.field === DAY_OF_WEEK) {
      this.dayOfWeekRule = DOW_LAST
    } else {
      this.dayOfMonthRule = DOM_NEAREST_WEEKDAY
      this.weekdayTarget = value
    }
    if (!this.atEnd) mustStandAlone()
    this.add(value)
  }
}

const MACRO_NAMES = [...MACROS.keys()].join(', ')
/** Whitespace other than space and tab: never a separator (SEMANTICS §2). */
const OTHER_WHITESPACE = /[^\S \t]/

function fieldCountMessage (count: number, format: CronFormat, explicit: boolean): string {
  const standard = '5 fields (minute hour day-of-month month day-of-week)'
  const seconds = '6 fields (second minute hour day-of-month month day-of-week)'
  const expected = !explicit ? `${standard}, or 6 with a leading second field,` : format === 'seconds' ? seconds : standard
  return `Expected ${expected} but found ${count}`
}

function buildSchedule (expression: string, format: CronFormat, parts: readonly string[], seed: string | undefined): CronSchedule {
  const fields = format === 'seconds' ? SECONDS_FIELDS : STANDARD_FIELDS
  const parsed = fields.map((field, index) => new FieldParser(parts[index] ?? '', field, seed).parse())
  const offset = format === 'seconds' ? 1 : 0
  const seconds = format === 'seconds' ? parsed[0] : undefined
  const minutes = parsed[offset] as FieldParser
  const hours = parsed[offset + 1] as FieldParser
  const daysOfMonth = parsed[offset + 2] as FieldParser
  const months = parsed[offset + 3] as FieldParser
  const daysOfWeek = parsed[offset + 4] as FieldParser
  // 7 is Sunday as well as 0 (SEMANTICS §3).
  const weekdays = (daysOfWeek.low | (daysOfWeek.low >>> 7)) & 0x7f
  return new CronSchedule({
    expression,
    format,
    // The standard format's implicit second 0 does not make an expression "interval" (SEMANTICS §1, §6).
    secondsLow: seconds?.low ?? 1,
    secondsHigh: seconds?.high ?? 0,
    minutesLow: minutes.low,
    minutesHigh: minutes.high,
    hours: hours.low,
    daysOfMonth: daysOfMonth.low,
    months: months.low,
    daysOfWeek: weekdays,
    dayOfMonthRule: daysOfMonth.dayOfMonthRule,
    lastDayOffset: daysOfMonth.lastDayOffset,
    nearestWeekday: daysOfMonth.nearestWeekday,
    weekdayTarget: daysOfMonth.weekdayTarget,
    dayOfWeekRule: daysOfWeek.dayOfWeekRule,
    nthWeek: daysOfWeek.nthWeek,
    isInterval: (seconds?.interval ?? false) || minutes.interval || hours.interval
  })
}

/**
 * Parses a Cronos cron expression: 5 fields (`standard`), 6 with a leading second (`seconds`), or a macro
 * (`@daily` …, accepted whatever the format). The format defaults to {@link cronFormatOf}; pass it to insist on
 * one layout. `H` needs `options.seed`.
 *
 * @throws CronSyntaxError when the expression is not valid; its `field` and `text` locate the problem.
 * @throws TypeError when `options.format` is neither `standard` nor `seconds` (a programming error).
 */
export function parseCron (expression: string, options: ParseCronOptions = {}): CronSchedule {
  if (typeof expression !== 'string') {
    throw new CronSyntaxError('A cron expression must be a string', null, String(expression))
  }
  const explicit = options.format !== undefined
  if (explicit && options.format !== 'standard' && options.format !== 'seconds') {
    throw new TypeError(`Unknown cron format ${quote(String(options.format))}: use "standard" or "seconds"`)
  }
  const text = trimBlanks(expression)
  if (text === '') throw new CronSyntaxError('The cron expression is empty', null, expression)
  const otherBlank = OTHER_WHITESPACE.exec(text)
  if (otherBlank !== null) {
    throw new CronSyntaxError(`Invalid whitespace ${quote(otherBlank[0])} in the cron expression: separate fields with ` +
      'spaces or tabs only', null, expression)
  }
  if (text.charCodeAt(0) === AT) {
    const macro = findMacro(text)
    if (macro === undefined) {
      throw new CronSyntaxError(`Unknown macro ${quote(text)}: use one of ${MACRO_NAMES}`, null, text)
    }
    // Macros are never jittered (docs/contract.md §5), so the seed is not passed on.
    return buildSchedule(expression, macro.format, splitFields(macro.expression), undefined)
  }
  const parts = splitFields(text)
  const format = options.format ?? (parts.length === 6 ? 'seconds' : 'standard')
  const expected = format === 'seconds' ? 6 : 5
  if (parts.length !== expected) {
    throw new CronSyntaxError(fieldCountMessage(parts.length, format, explicit), null, expression)
  }
  return buildSchedule(expression, format, parts, options.seed)
}
