// The window: for every occurrence date from today (series time zone) through today + GENERATION_HORIZON_DAYS,
// within ends_on, max_occurrences, COUNT and UNTIL, exactly one live instance (docs/contract.md §7). The occurrences are
// the recurrence set (docs/contract.md §14): the rule's dates plus rdates minus exdates, so an excluded date never gets
// an instance. Occurrences before today are never materialized but count toward COUNT (the rule's own dates)
// and max_occurrences (the set's dates), both counted from dtstart. Idempotent:
// jobs_series_occurrence_live_unique + ON CONFLICT DO NOTHING leave every date that already holds a live
// instance (pending, in_progress, done or user-cancelled) alone, and give a new one to dates that hold none or
// only instances the service cancelled itself.
//
// Bookkeeping on the series row: generated_through = the last local date of the last window, so a daily
// extension only looks at the new dates; generation_due_at = when the window must next be extended (the next
// local midnight), null when the series can produce no further date. The window task selects on it.
import type { Executor } from '../db/connect.js'
import { insertGeneratedJobs, type JobToInsert } from '../jobs/store.js'
import { expandSet, parseRrule, type SetOccurrence } from '../rrule/index.js'
import { totalOf } from '../schemas/money.js'
import { startOfLocalDay } from '../time/zones.js'
import { addDays, localDate, minDate } from './dates.js'
import { assignmentsOfMany, lineItemsOfMany, setBookkeeping, type Series } from './store.js'
import { untilDateOf } from './validate.js'

export interface WindowResult {
  /** Instances created by this run. */
  created: number
  /** Their occurrence dates. */
  createdDates: string[]
  /** The series as it was left (bookkeeping updated). */
  series: Series
}

export interface SeriesOccurrences {
  occurrences: SetOccurrence[]
  /** True when the series has no occurrence after the last one returned (caps reached or rule exhausted). */
  complete: boolean
}

/**
 * The occurrences of a series with from ≤ date ≤ to, under every cap (ends_on, max_occurrences, COUNT, UNTIL
 * resolved in the series zone), exdates removed and rdates added. `limit` stops early (previews).
 */
export function seriesOccurrences (
  series: Pick<Series, 'rrule' | 'timezone' | 'dtstart' | 'endsOn' | 'maxOccurrences' | 'exdates' | 'rdates'>,
  from: string | undefined, to: string | undefined, limit = Infinity
): SeriesOccurrences {
  const rule = parseRrule(series.rrule)
  const cap = minDate(series.endsOn, untilDateOf(rule, series.timezone))
  const occurrences: SetOccurrence[] = []
  // UNTIL bounds the rule's dates only (rruleset semantics); ends_on bounds the whole series.
  const rdates = series.endsOn === null ? series.rdates : series.rdates.filter((d) => d <= series.endsOn!)
  for (const occurrence of expandSet(rule, series.dtstart, {
    rdates,
    exdates: series.exdates,
    ...(from === undefined ? {} : { after: from }),
    ...(cap === undefined ? {} : { untilDate: cap })
  })) {
    if (series.maxOccurrences !== null && occurrence.index >= series.maxOccurrences) return { occurrences, complete: true }
    if ((to !== undefined && occurrence.date > to) || occurrences.length >= limit) return { occurrences, complete: false }
    occurrences.push(occurrence)
  }
  return { occurrences, complete: true }
}

interface WindowPlan {
  series: Series
  occurrences: SetOccurrence[]
  generatedThrough: string
  generationDueAt: Date | null
}

function planWindow (series: Series, now: Date, horizonDays: number): WindowPlan {
  if (series.endedAt !== null) return { series, occurrences: [], generatedThrough: series.generatedThrough ?? localDate(now, series.timezone), generationDueAt: null }
  const zone = series.timezone
  const today = localDate(now, zone)
  const windowEnd = addDays(today, horizonDays)
  // Dates up to generated_through are done; create and update clear it, so the whole window is looked at again.
  const from = series.generatedThrough !== null && series.generatedThrough >= today ? addDays(series.generatedThrough, 1) : today
  const { occurrences, complete } = from > windowEnd ? { occurrences: [], complete: false } : seriesOccurrences(series, from, windowEnd)
  return { series, occurrences, generatedThrough: windowEnd, generationDueAt: complete ? null : startOfLocalDay(addDays(today, 1), zone) }
}

/**
 * Brings the windows of `batch` up to date at `now`; the caller holds the rows' locks. Templates are read and
 * instances inserted for the whole batch at once, and the bookkeeping is one UPDATE, so a batch costs a handful of
 * statements however many series it holds. Returns how many instances were created and the series as left.
 */
export async function materializeWindows (db: Executor, batch: readonly Series[], now: Date, horizonDays: number): Promise<{ created: number, createdDates: Map<string, string[]>, series: Series[] }> {
  const createdDates = new Map<string, string[]>()
  if (batch.length === 0) return { created: 0, createdDates, series: [] }
  const plans = batch.map((series) => planWindow(series, now, horizonDays))
  const withDates = plans.filter((plan) => plan.occurrences.length > 0).map((plan) => plan.series.id)
  const lineItems = await lineItemsOfMany(db, withDates)
  const assignments = await assignmentsOfMany(db, withDates)
  const toInsert: JobToInsert[] = []
  for (const { series, occurrences } of plans) {
    if (occurrences.length === 0) continue
    const items = lineItems.get(series.id) ?? []
    const total = totalOf(series.flatPrice, items)
    const itemValues = items.map(({ description, unitPrice, quantity, catalogItemId, position }) => ({ description, unitPrice, quantity, catalogItemId, position }))
    const assigned = assignments.get(series.id) ?? []
    for (const { date } of occurrences) {
      toInsert.push({
        job: {
          tenantId: series.tenantId,
          seriesId: series.id,
          occurrenceDate: date,
          title: series.title,
          description: series.description,
          status: 'scheduled',
          cancelReason: null,
          scheduledStart: startOfLocalDay(date, series.timezone),
          customerId: series.customerId,
          flatPrice: series.flatPrice,
          total,
          createdAt: now,
          updatedAt: null
        },
        lineItems: itemValues,
        assignments: assigned
      })
    }
  }
  const inserted = toInsert.length === 0 ? [] : await insertGeneratedJobs(db, toInsert)
  for (const { seriesId, occurrenceDate } of inserted) createdDates.set(seriesId, [...(createdDates.get(seriesId) ?? []), occurrenceDate])
  await setBookkeeping(db, plans.map((plan) => ({ id: plan.series.id, generatedThrough: plan.generatedThrough, generationDueAt: plan.generationDueAt })))
  return {
    created: inserted.length,
    createdDates,
    series: plans.map((plan) => ({ ...plan.series, generatedThrough: plan.generatedThrough, generationDueAt: plan.generationDueAt }))
  }
}

/** One series' window (after create or update); the caller holds the series row lock. */
export async function materializeWindow (db: Executor, series: Series, now: Date, horizonDays: number): Promise<WindowResult> {
  const { created, createdDates, series: [updated] } = await materializeWindows(db, [series], now, horizonDays)
  return { created, createdDates: createdDates.get(series.id) ?? [], series: updated! }
}
