// Time-zone lookup and a per-zone cache of UTC-offset transitions. Intl is only asked while a year of a zone's
// table is built (lazily, once per zone and year); every later offset or wall-clock question is answered with
// integer arithmetic on that table. All instants and wall-clock times inside this module are whole seconds:
// a wall-clock time is "local seconds", the local calendar date and time read as if they were UTC.

const SECONDS_PER_DAY = 86_400

/**
 * A change of a zone's UTC offset at the instant `at` (UTC seconds): the offset was `before` seconds until
 * `at - 1` and is `after` from `at` on. `after > before` opens a gap in wall-clock time (spring forward),
 * `after < before` an overlap (autumn back).
 */
export interface OffsetTransition {
  readonly at: number
  readonly before: number
  readonly after: number
}

interface Chunk {
  /** floor(start / CHUNK_SECONDS); NaN for the placeholder and the UTC chunk, which no key looks up. */
  readonly key: number
  /** Covers UTC seconds [start, end). */
  readonly start: number
  readonly end: number
  /** Offset at `start` (seconds east of UTC). */
  readonly offset0: number
  /** Transitions with start < at ≤ end, ascending. One at exactly `end` does not affect this chunk's span. */
  readonly transitions: readonly OffsetTransition[]
}

// A chunk is one mean Gregorian year; a wall-clock window of ±WINDOW_SECONDS around a local time therefore
// touches at most two chunks.
const CHUNK_SECONDS = 31_556_952
// Offsets never exceed ±15 h (tzdb's extremes are -12:00 and +14:00; LMT entries stay within ±15:15 only for
// a handful of pre-1900 zones), so a transition can only affect wall-clock times within this window.
const WINDOW_SECONDS = 16 * 3600
// Zones are probed once a day; a transition pair closer than a day is not detected (tzdb has none since 1900
// in the zones anybody schedules in; a missed pair would make the table off for less than a day).
const PROBE_STEP_SECONDS = SECONDS_PER_DAY

/**
 * The UTC-offset rules of one IANA zone, built lazily year by year from `Intl.DateTimeFormat` and cached for
 * the life of the process. Every method takes and returns whole seconds.
 */
export class ZoneRules {
  readonly name: string
  private readonly probeOffset: ((utcSeconds: number) => number) | null
  private readonly chunks = new Map<number, Chunk>()
  private last: Chunk

  constructor (name: string, probeOffset: ((utcSeconds: number) => number) | null) {
    this.name = name
    this.probeOffset = probeOffset
    // A fixed-offset (UTC) zone is one infinite chunk without transitions; any other zone starts with an empty
    // span, so the first question builds the year it is about and nothing else.
    this.last = probeOffset === null
      ? { key: Number.NaN, start: -Infinity, end: Infinity, offset0: 0, transitions: [] }
      : { key: Number.NaN, start: 0, end: 0, offset0: 0, transitions: [] }
  }

  /** Whether the zone never changes its offset (UTC); such a zone has no gaps or overlaps. */
  get isFixed (): boolean {
    return this.probeOffset === null
  }

  /** Offset (seconds east of UTC) in force at the UTC instant `utcSeconds`. */
  offsetAt (utcSeconds: number): number {
    let chunk = this.last
    if (utcSeconds < chunk.start || utcSeconds >= chunk.end) {
      chunk = this.chunkAt(utcSeconds)
      this.last = chunk
    }
    let offset = chunk.offset0
    for (const transition of chunk.transitions) {
      if (transition.at > utcSeconds) break
      offset = transition.after
    }
    return offset
  }

  /**
   * The transition whose gap or overlap contains the wall-clock time `localSeconds`, or null when that wall
   * time exists exactly once. A gap spans local [at + before, at + after), an overlap local
   * [at + after, at + before): both half-open, so the first wall time after a transition is never inside it.
   */
  transitionAtLocal (localSeconds: number): OffsetTransition | null {
    if (this.probeOffset === null) return null
    const firstKey = Math.floor((localSeconds - WINDOW_SECONDS) / CHUNK_SECONDS)
    const lastKey = Math.floor((localSeconds + WINDOW_SECONDS) / CHUNK_SECONDS)
    for (let key = firstKey; key <= lastKey; key++) {
      const chunk = key === this.last.key ? this.last : this.chunkByKey(key)
      for (const transition of chunk.transitions) {
        const low = transition.at + Math.min(transition.before, transition.after)
        const high = transition.at + Math.max(transition.before, transition.after)
        if (localSeconds >= low && localSeconds < high) return transition
      }
    }
    return null
  }

  /**
   * The UTC instant of a wall-clock time that exists exactly once (see {@link transitionAtLocal}). For a time
   * inside a gap or an overlap the answer is one of the candidates; callers decide those cases themselves.
   */
  uniqueInstantOf (localSeconds: number): number {
    let offset = this.offsetAt(localSeconds)
    for (let i = 0; i < 3; i++) {
      const instant = localSeconds - offset
      const actual = this.offsetAt(instant)
      if (actual === offset) return instant
      offset = actual
    }
    return localSeconds - offset
  }

  /** Every transition with `from ≤ at < to` (UTC seconds), ascending; builds the table as needed. */
  transitionsBetween (from: number, to: number): OffsetTransition[] {
    if (this.probeOffset === null) return []
    const found: OffsetTransition[] = []
    for (let key = Math.floor(from / CHUNK_SECONDS) - 1; key <= Math.floor(to / CHUNK_SECONDS); key++) {
      for (const transition of this.chunkByKey(key).transitions) {
        if (transition.at >= from && transition.at < to) found.push(transition)
      }
    }
    return found
  }

  private chunkAt (utcSeconds: number): Chunk {
    return this.chunkByKey(Math.floor(utcSeconds / CHUNK_SECONDS))
  }

  private chunkByKey (key: number): Chunk {
    const cached = this.chunks.get(key)
    if (cached !== undefined) return cached
    const chunk = this.buildChunk(key)
    this.chunks.set(key, chunk)
    return chunk
  }

  private buildChunk (key: number): Chunk {
    const probe = this.probeOffset
    const start = key * CHUNK_SECONDS
    const end = start + CHUNK_SECONDS
    if (probe === null) return { key, start, end, offset0: 0, transitions: [] }
    const offset0 = probe(start)
    const transitions: OffsetTransition[] = []
    let previousAt = start
    let previousOffset = offset0
    for (let at = start + PROBE_STEP_SECONDS; previousAt < end; at += PROBE_STEP_SECONDS) {
      const probeAt = Math.min(at, end)
      let offset = probe(probeAt)
      // Several changes may sit between two probes (rare); find them one at a time from the left.
      while (offset !== previousOffset) {
        let low = previousAt // offset here is previousOffset
        let high = probeAt // offset here differs
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2)
          if (probe(middle) === previousOffset) low = middle
          else high = middle
        }
        const after = probe(high)
        transitions.push({ at: high, before: previousOffset, after })
        previousAt = high
        previousOffset = after
        offset = probe(probeAt)
      }
      previousAt = probeAt
    }
    return { key, start, end, offset0, transitions }
  }
}

const UTC_RULES = new ZoneRules('UTC', null)
const rulesByName = new Map<string, ZoneRules>()
const rulesByCanonicalName = new Map<string, ZoneRules>([['UTC', UTC_RULES]])

// Offsets such as '+01:00' are accepted by newer Intl versions; the contract asks for IANA names only.
const OFFSET_LIKE = /^[+\-\u2212\d]/

/** Parses the `GMT±HH:MM[:SS]` suffix that `timeZoneName: 'longOffset'` produces ('GMT' alone for zero). */
function parseLongOffset (text: string): number {
  const at = text.lastIndexOf('GMT')
  if (at < 0 || at + 3 >= text.length) return 0
  const sign = text.charCodeAt(at + 3) === 45 || text.charCodeAt(at + 3) === 0x2212 ? -1 : 1
  const hours = Number(text.slice(at + 4, at + 6))
  const minutes = Number(text.slice(at + 7, at + 9))
  const seconds = text.length >= at + 12 ? Number(text.slice(at + 10, at + 12)) : 0
  return sign * (hours * 3600 + minutes * 60 + seconds)
}

function createRules (zone: string): ZoneRules | null {
  if (typeof zone !== 'string' || zone.length === 0 || OFFSET_LIKE.test(zone)) return null
  let formatter: Intl.DateTimeFormat
  try {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
  } catch {
    return null
  }
  const canonical = formatter.resolvedOptions().timeZone
  let rules = rulesByCanonicalName.get(canonical)
  if (rules === undefined) {
    rules = new ZoneRules(canonical, (utcSeconds) => parseLongOffset(formatter.format(utcSeconds * 1000)))
    rulesByCanonicalName.set(canonical, rules)
  }
  return rules
}

/** The cached rules of `zone`, or null when it is not a valid zone (see {@link isValidZone}). */
export function findZoneRules (zone: string): ZoneRules | null {
  const cached = rulesByName.get(zone)
  if (cached !== undefined) return cached
  const rules = createRules(zone)
  if (rules !== null) rulesByName.set(zone, rules)
  return rules
}

/** The cached rules of `zone`; throws a RangeError naming the zone when it is not valid. */
export function zoneRulesOrThrow (zone: string): ZoneRules {
  const rules = findZoneRules(zone)
  if (rules === null) throw new RangeError(`Unknown time zone ${JSON.stringify(zone)}: expected an IANA name such as "Europe/London"`)
  return rules
}

/**
 * Whether `zone` names an IANA time zone known to this runtime's Intl data: canonical names
 * (`America/New_York`), their tzdb aliases (`US/Eastern`, `Etc/UTC`, `GMT`) and `UTC`, in any letter case Intl
 * accepts (`america/new_york`). Refused: the empty string, unknown names (`Mars/Olympus_Mons`) and numeric
 * offsets (`+01:00`, `-0500`), even where a newer Intl would accept the latter.
 */
export function isValidZone (zone: string): boolean {
  return findZoneRules(zone) !== null
}

function toWholeSeconds (instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant')
  return Math.floor(ms / 1000)
}

/**
 * The UTC offset of `zone` at `instant`, in minutes east of UTC (New York in winter: -300). Offsets of
 * pre-standard-time local mean time can carry seconds; they come back as fractional minutes.
 * Throws a RangeError for an unknown zone or an invalid instant.
 */
export function offsetMinutesAt (zone: string, instant: Date | number): number {
  return zoneRulesOrThrow(zone).offsetAt(toWholeSeconds(instant)) / 60
}

// ---- wall-clock calendar arithmetic (proleptic Gregorian, any year) --------------------------------------

/** Days since 1970-01-01 of the proleptic Gregorian date year-month-day (month 1–12). */
export function daysFromCivil (year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const shiftedMonth = month > 2 ? month - 3 : month + 9 // March = 0 … February = 11
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** The inverse of {@link daysFromCivil}: [year, month 1–12, day 1–31]. */
export function civilFromDays (days: number): [number, number, number] {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) -
    Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day]
}

function pad (value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/** '00' … '99': the two-digit fields of a date-time, without a padStart each (issue 12: ten per preview). */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)))

function formatOffset (offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+'
  const abs = Math.abs(offsetSeconds)
  const text = `${sign}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor(abs % 3600 / 60), 2)}`
  return abs % 60 === 0 ? text : `${text}:${pad(abs % 60, 2)}`
}

// A zone has a handful of offsets: each is written once. Bounded, should some caller walk through odd ones.
const OFFSET_TEXTS = new Map<number, string>()

function offsetText (offsetSeconds: number): string {
  let text = OFFSET_TEXTS.get(offsetSeconds)
  if (text === undefined) {
    text = formatOffset(offsetSeconds)
    if (OFFSET_TEXTS.size < 4096) OFFSET_TEXTS.set(offsetSeconds, text)
  }
  return text
}

/**
 * `instant` as local date-time with the zone's offset at that instant, truncated to whole seconds:
 * `2026-03-08T03:00:00-04:00`; a zero offset is written `+00:00`. Offsets with seconds (local mean time
 * before 1900) are written `±HH:MM:SS`. Throws a RangeError for an unknown zone or an invalid instant.
 */
export function formatWithOffset (instant: Date, zone: string): string {
  return formatInZone(toWholeSeconds(instant), zoneRulesOrThrow(zone))
}

/** {@link formatWithOffset} of the UTC instant `utcSeconds` (whole seconds) in the zone of `rules`. */
export function formatInZone (utcSeconds: number, rules: ZoneRules): string {
  const offset = rules.offsetAt(utcSeconds)
  const local = utcSeconds + offset
  const days = Math.floor(local / SECONDS_PER_DAY)
  return dateText(days) + timeText(local - days * SECONDS_PER_DAY) + offsetText(offset)
}

/** `2026-03-25T07:00:00Z`: the UTC instant `utcSeconds` (whole seconds), written as toISOString writes it without its fraction. */
export function formatUtc (utcSeconds: number): string {
  const days = Math.floor(utcSeconds / SECONDS_PER_DAY)
  return dateText(days) + timeText(utcSeconds - days * SECONDS_PER_DAY) + 'Z'
}

// The date and time parts of written instants, each written once (issue 12: a preview writes ten, a list page
// dozens, and the same days and times of day come back request after request). A full table starts afresh.
const DATE_TEXTS = new Map<number, string>()
const TIME_TEXTS = new Map<number, string>()
const MAX_TEXTS = 4096

/** 'YYYY-MM-DDT' of local day `days` (days since 1970-01-01). */
function dateText (days: number): string {
  let text = DATE_TEXTS.get(days)
  if (text === undefined) {
    const [year, month, day] = civilFromDays(days)
    const yearText = year >= 1000 && year <= 9999
      ? String(year)
      : year >= 0 && year <= 9999 ? pad(year, 4) : (year < 0 ? '-' : '+') + pad(Math.abs(year), 6)
    text = `${yearText}-${TWO_DIGITS[month]!}-${TWO_DIGITS[day]!}T`
    if (DATE_TEXTS.size >= MAX_TEXTS) DATE_TEXTS.clear()
    DATE_TEXTS.set(days, text)
  }
  return text
}

/** 'HH:MM:SS' of second `secondOfDay` (0–86399) of a day. */
function timeText (secondOfDay: number): string {
  let text = TIME_TEXTS.get(secondOfDay)
  if (text === undefined) {
    text = `${TWO_DIGITS[Math.floor(secondOfDay / 3600)]!}:${TWO_DIGITS[Math.floor(secondOfDay % 3600 / 60)]!}:${TWO_DIGITS[secondOfDay % 60]!}`
    if (TIME_TEXTS.size >= MAX_TEXTS) TIME_TEXTS.clear()
    TIME_TEXTS.set(secondOfDay, text)
  }
  return text
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The instant local midnight starts `date` (`YYYY-MM-DD`) in `zone`. Where midnight does not exist (a DST gap
 * at midnight, e.g. America/Santiago or Asia/Beirut), the first valid instant after the gap; where it exists
 * twice, the earlier instant. Throws a RangeError for a malformed or impossible date or an unknown zone.
 */
export function startOfLocalDay (date: string, zone: string): Date {
  const match = DATE_PATTERN.exec(date)
  const year = Number(match?.[1])
  const month = Number(match?.[2])
  const day = Number(match?.[3])
  const days = daysFromCivil(year, month, day)
  if (match === null || month < 1 || month > 12 || day < 1 || civilFromDays(days)[2] !== day) {
    throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected an existing YYYY-MM-DD date`)
  }
  const rules = zoneRulesOrThrow(zone)
  const local = days * SECONDS_PER_DAY
  const transition = rules.transitionAtLocal(local)
  let instant: number
  if (transition === null) instant = rules.uniqueInstantOf(local)
  else if (transition.after > transition.before) instant = transition.at // gap: the instant the gap ends
  else instant = local - transition.before // overlap: the first of the two instants
  return new Date(instant * 1000)
}
