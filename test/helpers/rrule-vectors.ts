// Loads test/fixtures/rrule/vectors.json (dateutil's rrule tests as data; see test/fixtures/NOTICE.md).
import { readFileSync } from 'node:fs'

export interface RruleVector {
  id: string
  rrule: string
  dtstart: string
  tz: string | null
  expected: string[]
  expected_local: string[]
  dates: string[]
  freq: string
  zoop_ok: boolean
  zoop_reason?: string
  zoop?: { rrule: string, dtstart: string, timezone: string | null, dates: string[] }
  api_limits_ok: boolean
  rfc_strict_ok: boolean
  rfc_strict_notes?: string[]
}

export interface RruleReject {
  rrule: string
  dtstart: string
  tz: string | null
  tests: string[]
  dateutil: string
}

export interface RruleVectorFile {
  meta: Record<string, unknown>
  vectors: RruleVector[]
  rejects: RruleReject[]
  sets: unknown[]
}

export const VECTORS_URL = new URL('../fixtures/rrule/vectors.json', import.meta.url)

export function loadRruleVectors (): RruleVectorFile {
  return JSON.parse(readFileSync(VECTORS_URL, 'utf8')) as RruleVectorFile
}

/** 'YYYY-MM-DD' one day earlier (test-side helper; UTC Date arithmetic is fine here). */
export function previousDate (date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}
