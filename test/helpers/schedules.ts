// Schedules written straight into recurring_jobs, as the recurring API would save them, so scheduler and
// execution tests do not depend on the API's validation (and can store rows the API would refuse, e.g. a
// zone the runtime does not know).
import { sql } from 'drizzle-orm'
import { queryRows, type Executor } from '../../src/db/connect.js'
import { recurringJobs, tenants } from '../../src/db/tables.js'
import { nextRunAfter } from '../../src/recurring/cron.js'

export interface ScheduleInput {
  id: string
  cron: string
  timezone?: string
  jobType?: string
  queue?: string
  payload?: Record<string, unknown>
  enabled?: boolean
  maxAttempts?: number
  timeoutSeconds?: number
  /** Defaults to the first occurrence strictly after `now` (must be given when the row cannot be evaluated). */
  nextRunAt?: Date | string | null
  lastRunAt?: Date | string | null
  evaluationError?: string | null
  overlapPolicy?: typeof recurringJobs.$inferInsert['overlapPolicy']
}

const toDate = (v: Date | string | null | undefined): Date | null | undefined =>
  v === undefined ? undefined : v === null ? null : new Date(v)

function row (tenantId: string, s: ScheduleInput, now: Date) {
  const timezone = s.timezone ?? 'UTC'
  const enabled = s.enabled ?? true
  const nextRunAt = toDate(s.nextRunAt) ?? (s.nextRunAt === null ? null : nextRunAfter({ id: s.id, cronExpression: s.cron, timezone, enabled }, now))
  return {
    tenantId,
    id: s.id,
    jobType: s.jobType ?? `job.${s.id}`,
    queue: s.queue ?? 'default',
    cronExpression: s.cron,
    timezone,
    payload: s.payload ?? {},
    enabled,
    maxAttempts: s.maxAttempts ?? 3,
    timeoutSeconds: s.timeoutSeconds ?? 60,
    nextRunAt,
    lastRunAt: toDate(s.lastRunAt) ?? null,
    evaluationError: s.evaluationError ?? null,
    ...(s.overlapPolicy === undefined ? {} : { overlapPolicy: s.overlapPolicy }),
    createdAt: now,
    updatedAt: null
  }
}

/** Inserts schedules for a tenant, saved at `now` (in chunks, so 100,000 rows are fine). */
export async function insertSchedules (db: Executor, tenantId: string, schedules: ScheduleInput[], now: Date | string): Promise<void> {
  const at = new Date(now)
  for (let i = 0; i < schedules.length; i += 2000) {
    await db.insert(recurringJobs).values(schedules.slice(i, i + 2000).map((s) => row(tenantId, s, at)))
  }
}

export async function insertSchedule (db: Executor, tenantId: string, schedule: ScheduleInput, now: Date | string): Promise<void> {
  await insertSchedules(db, tenantId, [schedule], now)
}

/** A bare tenant row, for tests and benches that do not go through the admin API. */
export async function insertTenant (db: Executor, name = 'bench'): Promise<string> {
  const [tenant] = await db.insert(tenants).values({ name }).returning({ id: tenants.id })
  return tenant!.id
}

export type StoredSchedule = {
  id: string
  next_run_at: string | null
  last_run_at: string | null
  evaluation_error: string | null
}

/** A schedule row as stored, timestamps as ISO strings (ms precision). */
export async function readSchedule (db: Executor, tenantId: string, id: string): Promise<StoredSchedule | undefined> {
  const [found] = await queryRows<StoredSchedule>(db, sql`
    select id,
      to_char(next_run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as next_run_at,
      to_char(last_run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_run_at,
      evaluation_error
    from recurring_jobs where tenant_id = ${tenantId} and id = ${id}`)
  return found
}

export type StoredExecution = {
  recurring_id: string
  trigger: string
  status: string
  scheduled_for: string
  coalesced_count: number
  enqueued_at: string
}

/** Every execution of the tenant (optionally of one schedule), oldest scheduled first. */
export async function readExecutions (db: Executor, tenantId: string, recurringId?: string): Promise<StoredExecution[]> {
  // Spread: postgres.js answers with its own Array subclass, which strictSame would tell apart.
  return [...await queryRows<StoredExecution>(db, sql`
    select recurring_id, trigger, status, coalesced_count,
      to_char(scheduled_for at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as scheduled_for,
      to_char(enqueued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as enqueued_at
    from executions
    where tenant_id = ${tenantId} ${recurringId === undefined ? sql`` : sql`and recurring_id = ${recurringId}`}
    order by scheduled_for, recurring_id, seq`)]
}
