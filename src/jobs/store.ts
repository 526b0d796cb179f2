// Persistence for job instances (docs/contract.md §7). The partial unique index jobs_series_occurrence_live_unique holds
// exactly one live instance per (series, occurrence date); inserts use ON CONFLICT DO NOTHING, so materializing
// twice, or concurrently, creates nothing twice.
import { and, asc, count, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { preparedPerHandle } from '../db/prepared.js'
import { jobAssignments, jobLineItems, jobs } from '../db/tables.js'
import type { LineItemRow, LineItemValues } from '../schemas/series-side.js'

export type Job = typeof jobs.$inferSelect
export type NewJob = typeof jobs.$inferInsert
export type JobStatus = Job['status']
export type CancelReason = NonNullable<Job['cancelReason']>

export const JOB_STATUSES = ['unscheduled', 'scheduled', 'in_progress', 'done', 'cancelled'] as const satisfies readonly JobStatus[]
export const PENDING_STATUSES = ['unscheduled', 'scheduled'] as const satisfies readonly JobStatus[]

export interface JobDetail {
  job: Job
  lineItems: LineItemRow[]
  assignments: string[]
}

export interface JobFilter {
  seriesId?: string | undefined
  customerId?: string | undefined
  status?: JobStatus | undefined
  /** Inclusive bounds on occurrence_date (YYYY-MM-DD). */
  fromDate?: string | undefined
  toDate?: string | undefined
  /** scheduled_start ≥ fromInstant and < toInstant. */
  fromInstant?: Date | undefined
  toInstant?: Date | undefined
}

/** A generated instance to insert, with the template rows it copies. */
export interface JobToInsert {
  job: NewJob
  lineItems: readonly LineItemValues[]
  assignments: readonly string[]
}

// Rows per multi-row INSERT: stays far below PostgreSQL's 65535 bind parameters.
const INSERT_CHUNK = 500

/**
 * Inserts instances that do not collide with a live instance of the same date; returns the (series, date) of
 * each one created. The template's line items and assignments are copied onto each created job.
 */
export async function insertGeneratedJobs (db: Executor, toInsert: readonly JobToInsert[]): Promise<Array<{ seriesId: string, occurrenceDate: string }>> {
  const created: Array<{ seriesId: string, occurrenceDate: string }> = []
  for (let i = 0; i < toInsert.length; i += INSERT_CHUNK) {
    const chunk = toInsert.slice(i, i + INSERT_CHUNK)
    const rows = await db.insert(jobs).values(chunk.map((c) => c.job)).onConflictDoNothing()
      .returning({ id: jobs.id, tenantId: jobs.tenantId, seriesId: jobs.seriesId, occurrenceDate: jobs.occurrenceDate })
    for (const row of rows) created.push({ seriesId: row.seriesId!, occurrenceDate: row.occurrenceDate! })
    const byOccurrence = new Map(chunk.map((c) => [`${c.job.seriesId}/${c.job.occurrenceDate}`, c]))
    const items: Array<typeof jobLineItems.$inferInsert> = []
    const assigned: Array<typeof jobAssignments.$inferInsert> = []
    for (const row of rows) {
      const source = byOccurrence.get(`${row.seriesId}/${row.occurrenceDate}`)!
      for (const item of source.lineItems) items.push({ ...item, tenantId: row.tenantId, jobId: row.id })
      for (const userId of source.assignments) assigned.push({ tenantId: row.tenantId, jobId: row.id, userId })
    }
    for (let j = 0; j < items.length; j += INSERT_CHUNK) await db.insert(jobLineItems).values(items.slice(j, j + INSERT_CHUNK))
    for (let j = 0; j < assigned.length; j += INSERT_CHUNK) await db.insert(jobAssignments).values(assigned.slice(j, j + INSERT_CHUNK))
  }
  return created
}

export interface CancelScope {
  /** Only instances starting at or after this instant. */
  startingFrom?: Date
  /** Only instances on or after this occurrence date. */
  fromDate?: string
  /** Only instances on these occurrence dates. */
  onDates?: readonly string[]
  /** Leave instances changed on their own with jobs.update as they are. */
  keepEdited?: boolean
}

/**
 * Cancels the series' pending instances within `scope` (docs/contract.md §7 update and end, §14 exdates and split);
 * returns the occurrence dates of the instances cancelled.
 */
export async function cancelPendingJobs (db: Executor, seriesId: string, now: Date, reason: CancelReason, scope: CancelScope): Promise<string[]> {
  if (scope.onDates !== undefined && scope.onDates.length === 0) return []
  const rows = await db.update(jobs)
    .set({ status: 'cancelled', cancelReason: reason, updatedAt: now })
    .where(and(
      eq(jobs.seriesId, seriesId),
      inArray(jobs.status, [...PENDING_STATUSES]),
      scope.startingFrom === undefined ? undefined : gte(jobs.scheduledStart, scope.startingFrom),
      scope.fromDate === undefined ? undefined : gte(jobs.occurrenceDate, scope.fromDate),
      scope.onDates === undefined ? undefined : inArray(jobs.occurrenceDate, [...scope.onDates]),
      scope.keepEdited === true ? eq(jobs.editedIndividually, false) : undefined
    ))
    .returning({ occurrenceDate: jobs.occurrenceDate })
  return rows.map((r) => r.occurrenceDate!)
}

/** Occurrence dates in [from, to] holding a pending instance edited on its own that starts at or after `now`. */
export async function editedPendingDates (db: Executor, seriesId: string, now: Date, from: string, to: string): Promise<string[]> {
  const rows = await db.select({ occurrenceDate: jobs.occurrenceDate }).from(jobs).where(and(
    eq(jobs.seriesId, seriesId),
    inArray(jobs.status, [...PENDING_STATUSES]),
    gte(jobs.scheduledStart, now),
    eq(jobs.editedIndividually, true),
    gte(jobs.occurrenceDate, from),
    lte(jobs.occurrenceDate, to)
  ))
  return rows.map((r) => r.occurrenceDate!)
}

/** Occurrence dates in [from, to] that hold a live instance (not cancelled by the service). */
export async function liveDates (db: Executor, seriesId: string, from: string, to: string): Promise<string[]> {
  const rows = await db.select({ occurrenceDate: jobs.occurrenceDate }).from(jobs).where(and(
    eq(jobs.seriesId, seriesId),
    or(isNull(jobs.cancelReason), eq(jobs.cancelReason, 'user')),
    gte(jobs.occurrenceDate, from),
    lte(jobs.occurrenceDate, to)
  ))
  return rows.map((r) => r.occurrenceDate!)
}

/** The filters a list may carry, in the order of their bit in a prepared query's key. */
const FILTERS = ['seriesId', 'customerId', 'status', 'fromDate', 'toDate', 'fromInstant', 'toInstant'] as const
type FilterName = typeof FILTERS[number]

/** The WHERE of a list with these filters present, their values as placeholders of the same names. */
function filterOf (present: ReadonlySet<FilterName>): SQL | undefined {
  const p = (name: FilterName) => sql.placeholder(name)
  return and(
    eq(jobs.tenantId, sql.placeholder('tenantId')),
    present.has('seriesId') ? eq(jobs.seriesId, p('seriesId')) : undefined,
    present.has('customerId') ? eq(jobs.customerId, p('customerId')) : undefined,
    present.has('status') ? eq(jobs.status, p('status')) : undefined,
    present.has('fromDate') ? gte(jobs.occurrenceDate, p('fromDate')) : undefined,
    present.has('toDate') ? lte(jobs.occurrenceDate, p('toDate')) : undefined,
    present.has('fromInstant') ? gte(jobs.scheduledStart, p('fromInstant')) : undefined,
    present.has('toInstant') ? lt(jobs.scheduledStart, p('toInstant')) : undefined
  )
}

/** A page's rows and its count, prepared once per handle and combination of filters (at most 2^7 of them). */
const listQueries = new Map<number, ReturnType<typeof listQueriesFor>>()
function listQueriesFor (mask: number) {
  const present = new Set(FILTERS.filter((_, bit) => (mask & (1 << bit)) !== 0))
  return preparedPerHandle((db) => {
    const where = filterOf(present)
    return {
      rows: db.select().from(jobs).where(where).orderBy(asc(jobs.scheduledStart), asc(jobs.id))
        .offset(sql.placeholder('offset')).limit(sql.placeholder('limit')).prepare(`jobs_list_${mask}`),
      total: db.select({ total: count() }).from(jobs).where(where).prepare(`jobs_count_${mask}`)
    }
  })
}

export async function listJobs (db: Executor, tenantId: string, filter: JobFilter, offset: number, limit: number): Promise<{ rows: Job[], total: number }> {
  const values: Record<string, unknown> = { tenantId, offset, limit }
  let mask = 0
  FILTERS.forEach((name, bit) => {
    const value = filter[name]
    if (value === undefined) return
    mask |= 1 << bit
    // Placeholders skip the column's encoder: instants go as the driver value timestamptz columns take.
    values[name] = value instanceof Date ? value.toISOString() : value
  })
  let queries = listQueries.get(mask)
  if (queries === undefined) {
    queries = listQueriesFor(mask)
    listQueries.set(mask, queries)
  }
  const prepared = queries(db)
  const rows = await prepared.rows.execute(values)
  const totals = await prepared.total.execute(values)
  return { rows, total: Number(totals[0]?.total ?? 0) }
}

export async function findJob (db: Executor, tenantId: string, id: string, forUpdate = false): Promise<Job | null> {
  const query = db.select().from(jobs).where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id))).limit(1)
  const rows = forUpdate ? await query.for('update') : await query
  return rows[0] ?? null
}

export async function updateJob (db: Executor, id: string, values: Partial<NewJob>): Promise<Job> {
  return (await db.update(jobs).set(values).where(eq(jobs.id, id)).returning())[0]!
}

export async function jobLineItemsOf (db: Executor, jobId: string): Promise<LineItemRow[]> {
  return db.select({
    id: jobLineItems.id,
    description: jobLineItems.description,
    unitPrice: jobLineItems.unitPrice,
    quantity: jobLineItems.quantity,
    catalogItemId: jobLineItems.catalogItemId,
    position: jobLineItems.position
  }).from(jobLineItems).where(eq(jobLineItems.jobId, jobId)).orderBy(asc(jobLineItems.position), asc(jobLineItems.id))
}

export async function jobAssignmentsOf (db: Executor, jobId: string): Promise<string[]> {
  const rows = await db.select({ userId: jobAssignments.userId }).from(jobAssignments)
    .where(eq(jobAssignments.jobId, jobId)).orderBy(asc(jobAssignments.userId))
  return rows.map((r) => r.userId)
}
