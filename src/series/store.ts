// Persistence for job series and their templates (CONTRACT §7). Rows are addressed by (tenant_id, id): another
// tenant's series is simply not found. Store functions take the executor (database or open transaction) first.
import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { catalogItems, customers, jobSeries, jobSeriesAssignments, jobSeriesLineItems, teamMembers } from '../db/tables.js'
import { isUuid, type LineItemRow, type LineItemValues } from '../schemas/series-side.js'

export type Series = typeof jobSeries.$inferSelect
export type NewSeries = typeof jobSeries.$inferInsert
export type { LineItemRow, LineItemValues }

export interface SeriesDetail {
  series: Series
  lineItems: LineItemRow[]
  assignments: string[]
}

/** The unique constraint behind `conflict` (external_id reused within a tenant). */
export const EXTERNAL_ID_CONSTRAINT = 'job_series_tenant_external_id_unique'

export async function insertSeries (db: Executor, values: NewSeries): Promise<Series> {
  return (await db.insert(jobSeries).values(values).returning())[0]!
}

/** The series, locked for the rest of the transaction when `forUpdate`; null when this tenant has none. */
export async function findSeries (db: Executor, tenantId: string, id: string, forUpdate = false): Promise<Series | null> {
  if (!isUuid(id)) return null
  const query = db.select().from(jobSeries).where(and(eq(jobSeries.tenantId, tenantId), eq(jobSeries.id, id))).limit(1)
  const rows = forUpdate ? await query.for('update') : await query
  return rows[0] ?? null
}

/** Locks a series that is (still) due for window generation; null when another worker holds it or it is done. */
export async function lockDueSeries (db: Executor, id: string, now: Date): Promise<Series | null> {
  const rows = await db.select().from(jobSeries)
    .where(and(eq(jobSeries.id, id), lte(jobSeries.generationDueAt, now), isNull(jobSeries.endedAt)))
    .limit(1).for('update', { skipLocked: true })
  return rows[0] ?? null
}

/**
 * Locks up to `limit` live series whose window is due, most overdue first; rows another transaction holds are
 * skipped, so instances running the window task together share the work (job_series_generation_due_idx).
 */
export async function lockDueSeriesBatch (db: Executor, now: Date, limit: number): Promise<Series[]> {
  return db.select().from(jobSeries)
    .where(and(lte(jobSeries.generationDueAt, now), isNull(jobSeries.endedAt)))
    .orderBy(asc(jobSeries.generationDueAt)).limit(limit).for('update', { skipLocked: true })
}

/** Ids of live series whose window is due, most overdue first (uses job_series_generation_due_idx). */
export async function dueSeriesIds (db: Executor, now: Date, limit: number): Promise<string[]> {
  const rows = await db.select({ id: jobSeries.id }).from(jobSeries)
    .where(and(lte(jobSeries.generationDueAt, now), isNull(jobSeries.endedAt)))
    .orderBy(asc(jobSeries.generationDueAt)).limit(limit)
  return rows.map((r) => r.id)
}

export async function updateSeries (db: Executor, id: string, values: Partial<NewSeries>): Promise<Series> {
  return (await db.update(jobSeries).set(values).where(eq(jobSeries.id, id)).returning())[0]!
}

export async function listSeries (db: Executor, tenantId: string, customerId: string | undefined, offset: number, limit: number): Promise<{ rows: Series[], total: number }> {
  const where = and(eq(jobSeries.tenantId, tenantId), customerId === undefined ? undefined : eq(jobSeries.customerId, customerId))
  const rows = await db.select().from(jobSeries).where(where).orderBy(desc(jobSeries.createdAt), desc(jobSeries.id)).offset(offset).limit(limit)
  const totals = await db.select({ total: count() }).from(jobSeries).where(where)
  return { rows, total: Number(totals[0]?.total ?? 0) }
}

export async function lineItemsOf (db: Executor, seriesId: string): Promise<LineItemRow[]> {
  return db.select({
    id: jobSeriesLineItems.id,
    description: jobSeriesLineItems.description,
    unitPrice: jobSeriesLineItems.unitPrice,
    quantity: jobSeriesLineItems.quantity,
    catalogItemId: jobSeriesLineItems.catalogItemId,
    position: jobSeriesLineItems.position
  }).from(jobSeriesLineItems).where(eq(jobSeriesLineItems.seriesId, seriesId))
    .orderBy(asc(jobSeriesLineItems.position), asc(jobSeriesLineItems.id))
}

export async function assignmentsOf (db: Executor, seriesId: string): Promise<string[]> {
  const rows = await db.select({ userId: jobSeriesAssignments.userId }).from(jobSeriesAssignments)
    .where(eq(jobSeriesAssignments.seriesId, seriesId)).orderBy(asc(jobSeriesAssignments.userId))
  return rows.map((r) => r.userId)
}

/** Template line items of several series at once, by series id. */
export async function lineItemsOfMany (db: Executor, seriesIds: readonly string[]): Promise<Map<string, LineItemRow[]>> {
  const out = new Map<string, LineItemRow[]>()
  if (seriesIds.length === 0) return out
  const rows = await db.select({
    seriesId: jobSeriesLineItems.seriesId,
    id: jobSeriesLineItems.id,
    description: jobSeriesLineItems.description,
    unitPrice: jobSeriesLineItems.unitPrice,
    quantity: jobSeriesLineItems.quantity,
    catalogItemId: jobSeriesLineItems.catalogItemId,
    position: jobSeriesLineItems.position
  }).from(jobSeriesLineItems).where(inArray(jobSeriesLineItems.seriesId, [...seriesIds]))
    .orderBy(asc(jobSeriesLineItems.position), asc(jobSeriesLineItems.id))
  for (const { seriesId, ...item } of rows) out.set(seriesId, [...(out.get(seriesId) ?? []), item])
  return out
}

/** Assignments of several series at once, by series id. */
export async function assignmentsOfMany (db: Executor, seriesIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (seriesIds.length === 0) return out
  const rows = await db.select({ seriesId: jobSeriesAssignments.seriesId, userId: jobSeriesAssignments.userId }).from(jobSeriesAssignments)
    .where(inArray(jobSeriesAssignments.seriesId, [...seriesIds])).orderBy(asc(jobSeriesAssignments.userId))
  for (const { seriesId, userId } of rows) out.set(seriesId, [...(out.get(seriesId) ?? []), userId])
  return out
}

export interface Bookkeeping { id: string, generatedThrough: string, generationDueAt: Date | null }

/** Window bookkeeping of many series in one statement. */
export async function setBookkeeping (db: Executor, rows: readonly Bookkeeping[]): Promise<void> {
  if (rows.length === 0) return
  const values = sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.generatedThrough}::date, ${r.generationDueAt === null ? null : r.generationDueAt.toISOString()}::timestamptz)`), sql`, `)
  await db.execute(sql`
    update job_series set generated_through = v.generated_through, generation_due_at = v.generation_due_at
    from (values ${values}) as v(id, generated_through, generation_due_at)
    where job_series.id = v.id`)
}

/** Replaces the template line items wholesale (reference: "the existing list is deleted and the new list is inserted"). */
export async function replaceLineItems (db: Executor, tenantId: string, seriesId: string, items: readonly LineItemValues[]): Promise<void> {
  await db.delete(jobSeriesLineItems).where(eq(jobSeriesLineItems.seriesId, seriesId))
  if (items.length > 0) await db.insert(jobSeriesLineItems).values(items.map((item) => ({ ...item, tenantId, seriesId })))
}

export async function replaceAssignments (db: Executor, tenantId: string, seriesId: string, userIds: readonly string[]): Promise<void> {
  await db.delete(jobSeriesAssignments).where(eq(jobSeriesAssignments.seriesId, seriesId))
  if (userIds.length > 0) await db.insert(jobSeriesAssignments).values(userIds.map((userId) => ({ tenantId, seriesId, userId })))
}

export async function customerOfTenant (db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id))).limit(1)
  return rows.length > 0
}

/** The ids among `ids` that are not catalog items of this tenant. */
export async function foreignCatalogItems (db: Executor, tenantId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db.select({ id: catalogItems.id }).from(catalogItems)
    .where(and(eq(catalogItems.tenantId, tenantId), inArray(catalogItems.id, [...ids])))
  const known = new Set(rows.map((r) => r.id))
  return ids.filter((id) => !known.has(id))
}

/** The ids among `ids` that are not team members of this tenant. */
export async function foreignMembers (db: Executor, tenantId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db.select({ id: teamMembers.id }).from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), inArray(teamMembers.id, [...ids])))
  const known = new Set(rows.map((r) => r.id))
  return ids.filter((id) => !known.has(id))
}

/** Defers a series' next generation (after a failure), so one broken series never blocks the others. */
export async function postponeGeneration (db: Executor, id: string, at: Date): Promise<void> {
  await db.update(jobSeries).set({ generationDueAt: at }).where(eq(jobSeries.id, id))
}
