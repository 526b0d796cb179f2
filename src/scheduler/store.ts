// The scheduler's statements on recurring_jobs, and its one seam to the executions it enqueues (written by
// executions/store.ts, never here). Set-based: a batch's schedules are locked with one SELECT, its executions go
// in with one INSERT, and its schedules move with one UPDATE … FROM, so a batch of 500 costs four round trips
// whatever its size.
import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm'
import { preparedRows, preparedSqlRows, rowMapper, type Executor } from '../db/connect.js'
import { at } from '../db/instants.js'
import { compactRecordset } from '../db/recordset.js'
import { occurrenceSkips, recurringJobs } from '../db/tables.js'
import type { NewOccurrenceExecution } from '../executions/lifecycle.js'
import { insertScheduledExecutions, type InsertedExecution } from '../executions/store.js'
import type { DueSchedule } from './plan.js'

export type OccurrenceSkip = typeof occurrenceSkips.$inferInsert

/** A due schedule as locked: what the planner reads (its executions copy the job fields from the row in SQL). */
export type LockedSchedule = DueSchedule

export interface ScheduleUpdate {
  readonly tenantId: string
  readonly id: string
  /** null keeps the stored last_run_at. */
  readonly lastRunAt: Date | null
  readonly nextRunAt: Date | null
  readonly evaluationError: string | null
  /** Schedule-triggered executions enqueued (added to runs_count). */
  readonly runs: number
}

/** What tick.ts needs from the database; tests wrap it to inject failures half-way through a batch. */
export interface TickStore {
  lockDueSchedules (tx: Executor, now: Date, limit: number): Promise<LockedSchedule[]>
  insertScheduledExecutions (tx: Executor, rows: readonly NewOccurrenceExecution[]): Promise<InsertedExecution[]>
  updateSchedules (tx: Executor, updates: readonly ScheduleUpdate[]): Promise<void>
  insertSkips (tx: Executor, skips: readonly OccurrenceSkip[]): Promise<void>
  countDue (db: Executor, now: Date, cap: number): Promise<number>
  earliestNextRun (db: Executor): Promise<Date | null>
}

const iso = (d: Date | null): string | null => d === null ? null : d.toISOString()

/** What the planner reads of a locked schedule. */
const LOCKED_COLUMNS = {
  tenantId: recurringJobs.tenantId,
  id: recurringJobs.id,
  cronExpression: recurringJobs.cronExpression,
  timezone: recurringJobs.timezone,
  nextRunAt: recurringJobs.nextRunAt,
  lastRunAt: recurringJobs.lastRunAt,
  evaluationError: recurringJobs.evaluationError,
  createdAt: recurringJobs.createdAt,
  updatedAt: recurringJobs.updatedAt,
  overlapPolicy: recurringJobs.overlapPolicy,
  misfirePolicy: recurringJobs.misfirePolicy,
  misfireThresholdSeconds: recurringJobs.misfireThresholdSeconds,
  startsAt: recurringJobs.startsAt,
  endsAt: recurringJobs.endsAt,
  maxRuns: recurringJobs.maxRuns,
  runsCount: recurringJobs.runsCount
}
const lockedOf = rowMapper<LockedSchedule>(LOCKED_COLUMNS)

/**
 * Enabled schedules with next_run_at ≤ $1, earliest first (recurring_jobs_due_idx), at most $2, locked FOR UPDATE
 * SKIP LOCKED. A prepared statement, as are the batch's insert and update: a tick's batches are the same three
 * statements over and over, so each is one round trip with no parse or plan (db/connect.ts preparedRows).
 */
export const LOCK_DUE = `select ${Object.values(LOCKED_COLUMNS).map((c) => `"${c.name}"`).join(', ')} from recurring_jobs
  where enabled and next_run_at <= $1::timestamptz order by next_run_at limit $2::integer for update skip locked`

export const tickStore: TickStore = {
  /**
   * Enabled schedules with next_run_at ≤ now, earliest first, locked FOR UPDATE SKIP LOCKED: another instance's
   * tick skips them instead of waiting, and takes the next ones.
   */
  async lockDueSchedules (tx, now, limit) {
    return (await preparedRows(tx, LOCK_DUE, [now.toISOString(), limit])).map(lockedOf)
  },

  /** The executions of a batch, inserted by executions/store.ts (an occurrence already enqueued is skipped). */
  insertScheduledExecutions (tx, rows) {
    return insertScheduledExecutions(tx, rows)
  },

  async updateSchedules (tx, updates) {
    if (updates.length === 0) return
    // The values every schedule shares (one tenant, one next occurrence) travel once (db/recordset.ts); a row's own
    // null stays null (a shared value is never null).
    const { json, common: c } = compactRecordset(updates.map((u) => ({
      tenant_id: u.tenantId, id: u.id, last_run_at: iso(u.lastRunAt), next_run_at: iso(u.nextRunAt), evaluation_error: u.evaluationError, runs: u.runs
    })), ['tenant_id', 'last_run_at', 'next_run_at', 'runs'])
    // Due schedules are enabled, so an empty next_run_at means the schedule ended (docs/contract.md §12 state).
    await preparedSqlRows(tx, sql`
      update recurring_jobs r set
        last_run_at = coalesce(v.last_run_at, r.last_run_at),
        next_run_at = v.next_run_at,
        evaluation_error = v.evaluation_error,
        runs_count = r.runs_count + v.runs,
        state = case when v.next_run_at is null then 'ended' else 'active' end
      from (
        select coalesce(j.tenant_id, ${c.tenant_id}::uuid) as tenant_id, j.id, coalesce(j.last_run_at, ${c.last_run_at}::timestamptz) as last_run_at,
               coalesce(j.next_run_at, ${c.next_run_at}::timestamptz) as next_run_at, j.evaluation_error, coalesce(j.runs, ${c.runs}::integer) as runs
        from json_to_recordset(${json}::json) as j(tenant_id uuid, id text, last_run_at timestamptz, next_run_at timestamptz, evaluation_error text, runs integer)
      ) v
      where r.tenant_id = v.tenant_id and r.id = v.id`)
  },

  /** docs/contract.md §13: occurrences that got no execution; a retried tick's ranges are already there. */
  async insertSkips (tx, skips) {
    if (skips.length === 0) return
    await tx.insert(occurrenceSkips).values([...skips]).onConflictDoNothing()
  },

  /** How many enabled schedules are due, counting at most `cap` rows (a cheap sample for the gauge). */
  async countDue (db, now, cap) {
    const due = db.select({ one: sql`1` }).from(recurringJobs)
      .where(and(eq(recurringJobs.enabled, true), sql`${recurringJobs.nextRunAt} <= ${at(now)}`))
      .limit(cap)
      .as('due')
    const [row] = await db.select({ n: count() }).from(due)
    return row?.n ?? 0
  },

  async earliestNextRun (db) {
    const [row] = await db.select({ nextRunAt: recurringJobs.nextRunAt }).from(recurringJobs)
      .where(and(eq(recurringJobs.enabled, true), isNotNull(recurringJobs.nextRunAt)))
      .orderBy(asc(recurringJobs.nextRunAt))
      .limit(1)
    return row?.nextRunAt ?? null
  }
}
