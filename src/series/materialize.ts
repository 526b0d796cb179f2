// The window: for every occurrence date from today (series time zone) through today + GENERATION_HORIZON_DAYS,
// within ends_on, max_occurrences, COUNT and UNTIL, exactly one live instance (CONTRACT §7). Occurrences before
// today are never materialized but count toward COUNT and max_occurrences (indices from dtstart). Idempotent:
// jobs_series_occurrence_live_unique + ON CONFLICT DO NOTHING leave every date that already holds a live
// instance (pending, in_progress, done or user-cancelled) alone, and give a new one to dates that hold none or
// only instances the service cancelled itself.
//
// Bookkeeping on the series row: generated_through = the last local date of the last window, so a daily
// extension only looks at the new dates; generation_due_at = when the window must next be extended (the next
// local midnight), null when the series can produce no further date. The window task selects on it.
import type { Executor } from '../db/connect.js'
import { insertGeneratedJobs, type JobToInsert } from '../jobs/store.js'
import { expandDates, parseRrule, type Occurrence } from '../rrule/index.js'
import { startOfLocalDay } from '../time/zones.js'
import { addDays, localDate, minDate } from './dates.js'
import { assignmentsOf, lineItemsOf, updateSeries, type Series } from './store.js'
import { totalOf, untilDateOf } from './validate.js'

export interface WindowResult {
  /** Instances created by this run. */
  created: number
  /** The series as it was left (bookkeeping updated). */
  series: Series
}

export interface SeriesOccurrences {
  occurrences: Occurrence[]
  /** True when the series has no occurrence after the last one returned (caps reached or rule exhausted). */
  complete: boolean
}

/**
 * The occurrences of a series with from ≤ date ≤ to, under every cap (ends_on, max_occurrences, COUNT, UNTIL
 * resolved in the series zone). `limit` stops early (previews).
 */
export function seriesOccurrences (
  series: Pick<Series, 'rrule' | 'timezone' | 'dtstart' | 'endsOn' | 'maxOccurrences'>,
  from: string | undefined, to: string | undefined, limit = Infinity
): SeriesOccurrences {
  const rule = parseRrule(series.rrule)
  const cap = minDate(series.endsOn, untilDateOf(rule, series.timezone))
  const occurrences: Occurrence[] = []
  for (const occurrence of expandDates(rule, series.dtstart, { ...(from === undefined ? {} : { after: from }), ...(cap === undefined ? {} : { untilDate: cap }) })) {
    if (series.maxOccurrences !== null && occurrence.index >= series.maxOccurrences) return { occurrences, complete: true }
    if ((to !== undefined && occurrence.date > to) || occurrences.length >= limit) return { occurrences, complete: false }
    occurrences.push(occurrence)
  }
  return { occurrences, complete: true }
}

/**
 * Brings the series' window up to date at `now`; the caller holds the series row lock. Dates up to
 * generated_through are done; create and update clear it, so the whole window is looked at again.
 */
export async function materializeWindow (db: Executor, series: Series, now: Date, horizonDays: number): Promise<WindowResult> {
  if (series.endedAt !== null) return { created: 0, series: await updateSeries(db, series.id, { generationDueAt: null }) }
  const zone = series.timezone
  const today = localDate(now, zone)
  const windowEnd = addDays(today, horizonDays)
  const from = series.generatedThrough !== null && series.generatedThrough >= today
    ? addDays(series.generatedThrough, 1)
    : today
  const { occurrences, complete } = seriesOccurrences(series, from, windowEnd)

  let created = 0
  if (occurrences.length > 0) {
    const lineItems = await lineItemsOf(db, series.id)
    const assignments = await assignmentsOf(db, series.id)
    const total = totalOf(series.flatPrice, lineItems)
    const itemValues = lineItems.map(({ description, unitPrice, quantity, catalogItemId, position }) => ({ description, unitPrice, quantity, catalogItemId, position }))
    const toInsert: JobToInsert[] = occurrences.map(({ date }) => ({
      job: {
        tenantId: series.tenantId,
        seriesId: series.id,
        occurrenceDate: date,
        title: series.title,
        description: series.description,
        status: 'scheduled',
        cancelReason: null,
        scheduledStart: startOfLocalDay(date, zone),
        customerId: series.customerId,
        flatPrice: series.flatPrice,
        total,
        createdAt: now,
        updatedAt: null
      },
      lineItems: itemValues,
      assignments
    }))
    created = await insertGeneratedJobs(db, toInsert)
  }
  const updated = await updateSeries(db, series.id, {
    generatedThrough: windowEnd,
    generationDueAt: complete ? null : startOfLocalDay(addDays(today, 1), zone)
  })
  return { created, series: updated }
}
