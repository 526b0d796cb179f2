// The scheduler's statements on recurring_jobs and executions. Set-based: a batch's executions go in with one
// INSERT … SELECT from json_to_recordset, and the batch's schedules move with one UPDATE … FROM, so a batch of
// 500 costs four round trips whatever its size. Payloads are copied inside the database, never shipped to us.
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm'
import { queryRows, type Executor } from '../db/connect.js'
import { recurringJobs } from '../db/tables.js'
import { at } from '../executions/store.js'
import type { DueSchedule } from './plan.js'

export interface ScheduledExecution {
  readonly tenantId: string
  readonly id: string
  readonly scheduledFor: Date
  readonly coalescedCount: number
}

export interface InsertedExecution {
  readonly tenantId: string
  readonly recurringId: string
  readonly queue: string
  readonly scheduledFor: Date
  readonly coalescedCount: number
}

export interface ScheduleUpdate {
  readonly tenantId: string
  readonly id: string
  /** null keeps the stored last_run_at. */
  readonly lastRunAt: Date | null
  readonly nextRunAt: Date | null
  readonly evaluationError: string | null
}

/** What tick.ts needs from the database; tests wrap it to inject failures half-way through a batch. */
export interface TickStore {
  lockDueSchedules (tx: Executor, now: Date, limit: number): Promise<DueSchedule[]>
  insertScheduledExecutions (tx: Executor, items: readonly ScheduledExecution[], now: Date): Promise<InsertedExecution[]>
  updateSchedules (tx: Executor, updates: readonly ScheduleUpdate[]): Promise<void>
  countDue (db: Executor, now: Date, cap: number): Promise<number>
  earliestNextRun (db: Executor): Promise<Date | null>
}

const iso = (d: Date | null): string | null => d === null ? null : d.toISOString()

export const tickStore: TickStore = {
  /**
   * Enabled schedules with next_run_at ≤ now, earliest first, locked FOR UPDATE SKIP LOCKED: another instance's
   * tick skips them instead of waiting, and takes the next ones.
   */
  async lockDueSchedules (tx, now, limit) {
    const rows = await tx.select({
      tenantId: recurringJobs.tenantId,
      id: recurringJobs.id,
      cronExpression: recurringJobs.cronExpression,
      timezone: recurringJobs.timezone,
      nextRunAt: recurringJobs.nextRunAt,
      lastRunAt: recurringJobs.lastRunAt,
      evaluationError: recurringJobs.evaluationError,
      createdAt: recurringJobs.createdAt,
      updatedAt: recurringJobs.updatedAt
    }).from(recurringJobs)
      .where(and(eq(recurringJobs.enabled, true), sql`${recurringJobs.nextRunAt} <= ${at(now)}`))
      .orderBy(asc(recurringJobs.nextRunAt))
      .limit(limit)
      .for('update', { skipLocked: true })
    return rows as DueSchedule[]
  },

  /**
   * One execution per item, its job fields copied from the (locked) schedule row. ON CONFLICT on the partial
   * unique index: an occurrence already enqueued (a retried tick) is skipped, and only new rows come back.
   */
  async insertScheduledExecutions (tx, items, now) {
    if (items.length === 0) return []
    const json = JSON.stringify(items.map((i) => ({
      tenant_id: i.tenantId, id: i.id, scheduled_for: i.scheduledFor.toISOString(), coalesced_count: i.coalescedCount
    })))
    const rows = await queryRows<{ tenant_id: string, recurring_id: string, queue: string, scheduled_for_ms: number, coalesced_count: number }>(tx, sql`
      insert into executions (tenant_id, recurring_id, job_type, queue, payload, status, trigger, attempt, max_attempts,
                              timeout_seconds, scheduled_for, coalesced_count, enqueued_at, available_at)
      select r.tenant_id, r.id, r.job_type, r.queue, r.payload, 'queued', 'schedule', 0, r.max_attempts,
             r.timeout_seconds, v.scheduled_for, v.coalesced_count, ${at(now)}, ${at(now)}
      from json_to_recordset(${json}::json) as v(tenant_id uuid, id text, scheduled_for timestamptz, coalesced_count integer)
      join recurring_jobs r on r.tenant_id = v.tenant_id and r.id = v.id
      on conflict (tenant_id, recurring_id, scheduled_for) where trigger = 'schedule' do nothing
      returning tenant_id::text as tenant_id, recurring_id, queue,
                (extract(epoch from scheduled_for) * 1000)::float8 as scheduled_for_ms, coalesced_count`)
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      recurringId: r.recurring_id,
      queue: r.queue,
      scheduledFor: new Date(Number(r.scheduled_for_ms)),
      coalescedCount: Number(r.coalesced_count)
    }))
  },

  async updateSchedules (tx, updates) {
    if (updates.length === 0) return
    const json = JSON.stringify(updates.map((u) => ({
      tenant_id: u.tenantId, id: u.id, last_run_at: iso(u.lastRunAt), next_run_at: iso(u.nextRunAt), evaluation_error: u.evaluationError
    })))
    await tx.execute(sql`
      update recurring_jobs r set
        last_run_at = coalesce(v.last_run_at, r.last_run_at),
        next_run_at = v.next_run_at,
        evaluation_error = v.evaluation_error
      from json_to_recordset(${json}::json) as v(tenant_id uuid, id text, last_run_at timestamptz, next_run_at timestamptz, evaluation_error text)
      where r.tenant_id = v.tenant_id and r.id = v.id`)
  },

  /** How many enabled schedules are due, counting at most `cap` rows (a cheap sample for the gauge). */
  async countDue (db, now, cap) {
    const [row] = await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from (
        select 1 from recurring_jobs where enabled and next_run_at <= ${at(now)} limit ${cap}
      ) due`)
    return Number(row?.n ?? 0)
  },

  async earliestNextRun (db) {
    const [row] = await db.select({ nextRunAt: recurringJobs.nextRunAt }).from(recurringJobs)
      .where(and(eq(recurringJobs.enabled, true), isNotNull(recurringJobs.nextRunAt)))
      .orderBy(asc(recurringJobs.nextRunAt))
      .limit(1)
    return row?.nextRunAt ?? null
  }
}
