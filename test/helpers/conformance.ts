// Loads the peers' conformance data kept in test/fixtures/ (sources and licences: test/fixtures/NOTICE.md) and
// converts its .NET-precision instants for millisecond Dates.

import { readFileSync } from 'node:fs'

export type CronosFormat = 'standard' | 'seconds'

interface CronosSource {
  file: string
  method: string
  line: number
}

export interface CronosParseVector {
  id: string
  expression: string
  format: CronosFormat
  error_contains?: string
  tags?: string[]
  notes?: string | string[]
  source: CronosSource
}

export interface CronosNextVector {
  id: string
  expression: string
  format: CronosFormat
  time_zone: string
  /** ISO 8601 with offset and up to 7 fraction digits (.NET ticks). */
  from: string
  inclusive: boolean
  /** null: Cronos answers null (unreachable or beyond year 9999). */
  expected: string | null
  check_offset: boolean
  api: 'next' | 'previous'
  from_has_sub_ms?: boolean
  jitter_seed?: number
  notes?: string[]
  source: CronosSource
}

export interface CronosRangeVector {
  id: string
  direction?: 'descending'
  expression: string
  format: CronosFormat
  time_zone: string
  from: string
  to: string
  from_inclusive: boolean
  to_inclusive: boolean
  expected: string[]
  source: CronosSource
}

export interface CronosPropertyVector {
  id: string
  property: 'chain_strictly_increasing' | 'next_greater_than_from' | 'previous_not_after_from'
  api?: 'next' | 'previous'
  expression: string
  format: CronosFormat
  time_zone: string
  from: string
  inclusive?: boolean
  iterations?: number
  step?: string
  source: CronosSource
}

export interface CronosPairVector {
  id: string
  left: string
  right: string
  format: CronosFormat
  source: CronosSource
}

export interface CronosToStringVector {
  id: string
  expression: string
  format: CronosFormat
  expected: string
  source: CronosSource
}

export interface CronosVectors {
  meta: Record<string, unknown>
  parse_fail: CronosParseVector[]
  parse_ok: CronosParseVector[]
  next: CronosNextVector[]
  previous: CronosNextVector[]
  jitter_next: CronosNextVector[]
  jitter_previous: CronosNextVector[]
  ranges: CronosRangeVector[]
  properties: CronosPropertyVector[]
  equivalent: CronosPairVector[]
  not_equivalent: CronosPairVector[]
  to_string: CronosToStringVector[]
  counts: Record<string, number>
}

const CRONOS_URL = new URL('../fixtures/cronos/vectors.json', import.meta.url)
const RRULE_URL = new URL('../fixtures/rrule/vectors.json', import.meta.url)

/** Cronos v0.13.0 vectors (see cronos/SEMANTICS.md beside the file). */
export function loadCronosVectors (): CronosVectors {
  return JSON.parse(readFileSync(CRONOS_URL, 'utf8')) as CronosVectors
}

/** python-dateutil rrule vectors, typed loosely: `{ meta, vectors, sets, rejects }`. */
export function loadRruleVectors (): Record<string, any> {
  return JSON.parse(readFileSync(RRULE_URL, 'utf8')) as Record<string, any>
}

const DOT_NET_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})$/

/**
 * An ISO 8601 instant with up to 7 fraction digits as whole milliseconds (floored) plus whether digits below the
 * millisecond were dropped: such an instant lies strictly after `ms`.
 */
export function parseDotNetInstant (iso: string): { ms: number, subMs: boolean } {
  const match = DOT_NET_INSTANT.exec(iso)
  if (match === null) throw new Error(`Not an ISO 8601 instant: ${iso}`)
  const fraction = (match[2] ?? '').padEnd(7, '0')
  const ms = Date.parse(`${match[1] ?? ''}${match[3] ?? ''}`) + Number(fraction.slice(0, 3))
  return { ms, subMs: Number(fraction.slice(3)) !== 0 }
}
