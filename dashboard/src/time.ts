// Dates as people read them: wall-clock time in the schedule's own zone (Intl, cached per zone), times
// relative to now, and the UTC offset changes (DST) between consecutive occurrences.

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter (zone: string, withZoneName: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${String(withZoneName)}`
  let f = formatters.get(key)
  if (f === undefined) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23'
    }
    if (withZoneName) options.timeZoneName = 'short'
    try {
      f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone })
    } catch {
      // A zone this browser does not know (the service's zone data may be newer): show UTC rather than nothing.
      f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC', timeZoneName: 'short' })
    }
    formatters.set(key, f)
  }
  return f
}

/** "Tue, 24 Mar 2026, 03:00:00 GMT-4" in the given IANA zone; "—" for null. */
export function formatInZone (instant: string | null | undefined, zone: string): string {
  if (instant === null || instant === undefined) return '—'
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) return instant
  return formatter(zone, true).format(date)
}

/** The visitor's own zone (used where a record has none, e.g. executions). */
export const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86400], ['month', 30 * 86400], ['week', 7 * 86400], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]
]

/** "in 3 hours", "5 minutes ago", "now". */
export function relativeTo (instant: string | null | undefined, nowMs: number): string {
  if (instant === null || instant === undefined) return ''
  const seconds = Math.round((new Date(instant).getTime() - nowMs) / 1000)
  if (Math.abs(seconds) < 1) return 'now'
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return relativeFormat.format(Math.trunc(seconds / size), unit)
  }
  return ''
}

/** "3 min 20 s" for a duration in seconds. */
export function formatDuration (totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 === 0 ? '' : ` ${s % 60} s`}`
  if (s < 86400) return `${Math.floor(s / 3600)} h${s % 3600 < 60 ? '' : ` ${Math.floor((s % 3600) / 60)} min`}`
  return `${Math.floor(s / 86400)} d${s % 86400 < 3600 ? '' : ` ${Math.floor((s % 86400) / 3600)} h`}`
}

/** The UTC offset an RFC 3339 preview instant carries: "-04:00", "+00:00" ("Z" reads as "+00:00"). */
export function offsetOf (rfc3339: string): string {
  if (rfc3339.endsWith('Z')) return '+00:00'
  const m = /([+-]\d{2}:\d{2})$/.exec(rfc3339)
  return m?.[1] ?? '+00:00'
}

/** "UTC−04:00" for "-04:00". */
export function offsetLabel (offset: string): string {
  return `UTC${offset.replace('-', '−')}`
}

export interface ZonedOccurrence {
  instant: string
  offset: string
  /** Set when this occurrence's offset differs from the one before it (a DST or other zone rule change). */
  shiftFrom?: string
}

/**
 * Marks the occurrences whose UTC offset differs from the previous occurrence's; the first one is compared with
 * the zone's offset at `fromOffset` (the offset now), so a change before the first run is marked too.
 */
export function markOffsetShifts (occurrences: string[], fromOffset?: string): ZonedOccurrence[] {
  let previous = fromOffset
  return occurrences.map((instant) => {
    const offset = offsetOf(instant)
    const item: ZonedOccurrence = { instant, offset }
    if (previous !== undefined && previous !== offset) item.shiftFrom = previous
    previous = offset
    return item
  })
}

/** The offset of `zone` at `date`, as "+HH:MM", from Intl (longOffset gives "GMT-04:00"). */
export function zoneOffsetAt (zone: string, date: Date): string | undefined {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(date).find((p) => p.type === 'timeZoneName')?.value
    if (part === undefined) return undefined
    if (part === 'GMT') return '+00:00'
    const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(part)
    return m === null ? undefined : `${m[1] ?? '+00'}:${m[2] ?? '00'}`
  } catch {
    return undefined
  }
}

/** YYYY-MM-DD of an instant in a zone. */
export function dateInZone (date: Date, zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date)
  } catch {
    return date.toISOString().slice(0, 10)
  }
}

/** RFC 3339 UTC with whole seconds, as the API wants its instants. */
export function toApiInstant (ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}
