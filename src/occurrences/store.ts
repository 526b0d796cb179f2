// What the occurrence ledger and backfill read (docs/contract.md §13): a schedule's executions that stand for occurrences
// (scheduled and backfilled ones), and its skipped ranges. Read only: executions are written by executions/,
// skipped ranges by the scheduler.
import { and, eq, gt, inArray, lte, max, sql } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { at } from '../db/instants.js'
import { executions, occurrenceSkips } from '../db/tables.js'

export interface OccurrenceExecution {
  id: string
  status: typeof executions.$inferSelect['status']
  scheduledFor: Date
  coversUntil: Date
}

/** Scheduled and backfilled executions of the schedule whose occurrences overlap [first, last]. */
export async function executionsCovering (db: Executor, tenantId: string, recurringId: string, first: Date, last: Date): Promise<OccurrenceExecution[]> {
  const rows = await db.select({ id: executions.id, status: executions.status, scheduledFor: executions.scheduledFor, coversUntil: executions.coversUntil })
    .from(executions)
    .where(and(
      eq(executions.tenantId, tenantId),
      eq(executions.recurringId, recurringId),
      inArray(executions.trigger, ['schedule', 'backfill']),
      lte(executions.scheduledFor, last),
      sql`coalesce(${executions.coversUntil}, ${executions.scheduledFor}) >= ${at(first)}`
    ))
  return rows.map((r) => ({ ...r, coversUntil: r.coversUntil ?? r.scheduledFor }))
}

export type SkippedRange = typeof occurrenceSkips.$inferSelect

export async function skipsOverlapping (db: Executor, tenantId: string, recurringId: string, first: Date, last: Date): Promise<SkippedRange[]> {
  return db.select().from(occurrenceSkips).where(and(
    eq(occurrenceSkips.tenantId, tenantId),
    eq(occurrenceSkips.recurringId, recurringId),
    lte(occurrenceSkips.fromAt, last),
    gt(occurrenceSkips.untilAt, first)
  ))
}

/** The last occurrence the schedule's schedule-triggered executions stand for (max_runs: later ones are after_end). */
export async function lastScheduledCovered (db: Executor, tenantId: string, recurringId: string): Promise<Date | null> {
  const [row] = await db.select({ last: max(sql<Date>`coalesce(${executions.coversUntil}, ${executions.scheduledFor})`) }).from(executions)
    .where(and(eq(executions.tenantId, tenantId), eq(executions.recurringId, recurringId), eq(executions.trigger, 'schedule')))
  const last = row?.last ?? null
  return last === null ? null : new Date(last)
}
