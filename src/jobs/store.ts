// Persistence for job instances (docs/contract.md §7). The partial unique index jobs_series_occurrence_live_unique holds
// exactly one live instance per (series, occurrence date); inserts use ON CONFLICT DO NOTHING, so materializing
// twice, or concurrently, creates nothing twice.
import { and, asc, count, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
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
 * Inserts instances that do not collide with a live instance of the same date; returns how many were created.
 * The template's line items and assignments are copied onto each created job.
 */
export async function insertGeneratedJobs (db: Executor, toInsert: readonly JobToInsert[]): Promise<number> {
  let created = 0
  for (let i = 0; i < toInsert.length; i += INSERT_CHUNK) {
    const chunk = toInsert.slice(i, i + INSERT_CHUNK)
    const rows = await db.insert(jobs).values(chunk.map((c) => c.job)).onConflictDoNothing()
      .returning({ id: jobs.id, tenantId: jobs.tenantId, seriesId: jobs.seriesId, occurrenceDate: jobs.occurrenceDate })
    created += rows.length
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

/**
 * Cancels the series' pending instances that start at or after `now` (docs/contract.md §7 update and end); with
 * `keepEdited`, instances changed on their own with jobs.update stay as they are. Returns how many were cancelled.
 */
export async function cancelPendingJobs (db: Executor, seriesId: string, now: Date, reason: CancelReason, keepEdited: boolean): Promise<number> {
  const rows = await db.update(jobs)
    .set({ status: 'cancelled', cancelReason: reason, updatedAt: now })
    .where(and(
      eq(jobs.seriesId, seriesId),
      inArray(jobs.status, [...PENDING_STATUSES]),
      gte(jobs.scheduledStart, now),
      keepEdited ? eq(jobs.editedIndividually, false) : undefined
    ))
    .returning({ id: jobs.id })
  return rows.length
}

function filterOf (tenantId: string, filter: JobFilter): SQL | undefined {
  return and(
    eq(jobs.tenantId, tenantId),
    filter.seriesId === undefined ? undefined : eq(jobs.seriesId, filter.seriesId),
    filter.customerId === undefined ? undefined : eq(jobs.customerId, filter.customerId),
    filter.status === undefined ? undefined : eq(jobs.status, filter.status),
    filter.fromDate === undefined ? undefined : gte(jobs.occurrenceDate, filter.fromDate),
    filter.toDate === undefined ? undefined : lte(jobs.occurrenceDate, filter.toDate),
    filter.fromInstant === undefined ? undefined : gte(jobs.scheduledStart, filter.fromInstant),
    filter.toInstant === undefined ? undefined : lt(jobs.scheduledStart, filter.toInstant)
  )
}

export async function listJobs (db: Executor, tenantId: string, filter: JobFilter, offset: number, limit: number): Promise<{ rows: Job[], total: number }> {
  const where = filterOf(tenantId, filter)
  const rows = await db.select().from(jobs).where(where).orderBy(asc(jobs.scheduledStart), asc(jobs.id)).offset(offset).limit(limit)
  const totals = await db.select({ total: count() }).from(jobs).where(where)
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
