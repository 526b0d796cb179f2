// Persistence for recurring jobs (docs/contract.md §5). Rows are always addressed by (tenant_id, id): another tenant's
// row is simply not found. Unique violations surface as driver errors; the service maps them by constraint name.
import { and, asc, eq, gt, sql } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { preparedPerHandle } from '../db/prepared.js'
import { recurringJobs } from '../db/tables.js'

export type RecurringJob = typeof recurringJobs.$inferSelect

/** The unique constraint behind 409 recurring_job_type_conflict (db/tables.ts). */
export const JOB_TYPE_CONSTRAINT = 'recurring_jobs_tenant_job_type_unique'

/** Everything a save writes; max_attempts / timeout_seconds undefined keep the stored values on update. */
export interface SaveValues {
  jobType: string
  queue: string
  cronExpression: string
  timezone: string
  payload: Record<string, unknown>
  enabled: boolean
  maxAttempts: number | undefined
  timeoutSeconds: number | undefined
  nextRunAt: Date | null
  // docs/contract.md §12
  overlapPolicy: RecurringJob['overlapPolicy']
  misfirePolicy: RecurringJob['misfirePolicy']
  misfireThresholdSeconds: number
  startsAt: Date | null
  endsAt: Date | null
  maxRuns: number | null
  autoPauseAfterFailures: number | null
  pauseNote: string | null
  pausedAt: Date | null
  state: RecurringJob['state']
}

export const DEFAULT_MAX_ATTEMPTS = 3
export const DEFAULT_TIMEOUT_SECONDS = 1800

const findJobQuery = preparedPerHandle((db) => db.select().from(recurringJobs)
  .where(and(eq(recurringJobs.tenantId, sql.placeholder('tenantId')), eq(recurringJobs.id, sql.placeholder('id')))).limit(1)
  .prepare('recurring_find_job'))

/** The row, locked for the rest of the transaction when `forUpdate`; null when this tenant has none. */
export async function findJob (db: Executor, tenantId: string, id: string, forUpdate = false): Promise<RecurringJob | null> {
  // FOR UPDATE locks nothing while the row does not exist, so two concurrent creates of one id both insert: ON
  // CONFLICT settles the primary key, but the loser can meet the job_type index first and fail as if another id held
  // its job_type. A transaction lock on the id makes the writers of one id take turns whether or not its row exists.
  if (forUpdate) await db.execute(sql`select pg_advisory_xact_lock(hashtext('recurring_jobs'), hashtext(${tenantId} || '/' || ${id}))`)
  const rows = forUpdate
    ? await db.select().from(recurringJobs).where(and(eq(recurringJobs.tenantId, tenantId), eq(recurringJobs.id, id))).limit(1).for('update')
    : await findJobQuery(db).execute({ tenantId, id })
  return rows[0] ?? null
}

/** The columns a create and a save both write from the saved values (max_attempts/timeout_seconds differ). */
function templateColumns (values: SaveValues) {
  return {
    jobType: values.jobType,
    queue: values.queue,
    cronExpression: values.cronExpression,
    timezone: values.timezone,
    payload: values.payload,
    enabled: values.enabled,
    nextRunAt: values.nextRunAt,
    overlapPolicy: values.overlapPolicy,
    misfirePolicy: values.misfirePolicy,
    misfireThresholdSeconds: values.misfireThresholdSeconds,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    maxRuns: values.maxRuns,
    autoPauseAfterFailures: values.autoPauseAfterFailures,
    pauseNote: values.pauseNote,
    pausedAt: values.pausedAt,
    state: values.state,
  }
}

/** The columns a save (PUT over an existing row, PATCH) writes; an omitted max_attempts/timeout_seconds is kept. */
function savedColumns (values: SaveValues, now: Date) {
  return {
    ...templateColumns(values),
    // A saved schedule is a new schedule for the scheduler: a stale evaluation failure no longer applies.
    evaluationError: null,
    updatedAt: now,
    ...(values.maxAttempts === undefined ? {} : { maxAttempts: values.maxAttempts }),
    ...(values.timeoutSeconds === undefined ? {} : { timeoutSeconds: values.timeoutSeconds })
  }
}

/**
 * Insert or replace in one statement, so two concurrent creates of one id end as a create and an update instead of
 * a primary-key error. created_at, seq and last_run_at survive an update; updated_at is null exactly on create.
 */
export async function upsertJob (db: Executor, tenantId: string, id: string, values: SaveValues, now: Date): Promise<RecurringJob> {
  const rows = await db.insert(recurringJobs).values({
    tenantId,
    id,
    ...templateColumns(values),
    maxAttempts: values.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    timeoutSeconds: values.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    createdAt: now,
    updatedAt: null
  }).onConflictDoUpdate({ target: [recurringJobs.tenantId, recurringJobs.id], set: savedColumns(values, now) }).returning()
  return rows[0]!
}

/** Updates an existing row (PATCH); null when it is gone. */
export async function updateJob (db: Executor, tenantId: string, id: string, values: SaveValues, now: Date): Promise<RecurringJob | null> {
  const rows = await db.update(recurringJobs).set(savedColumns(values, now))
    .where(and(eq(recurringJobs.tenantId, tenantId), eq(recurringJobs.id, id))).returning()
  return rows[0] ?? null
}

export async function deleteJob (db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db.delete(recurringJobs)
    .where(and(eq(recurringJobs.tenantId, tenantId), eq(recurringJobs.id, id)))
    .returning({ id: recurringJobs.id })
  return rows.length > 0
}

/** docs/contract.md §12 auto_pause_after_failures: disables an enabled schedule; null when it was not enabled (or is gone). */
export async function autoPauseJob (db: Executor, tenantId: string, id: string, note: string, now: Date): Promise<RecurringJob | null> {
  const rows = await db.update(recurringJobs)
    .set({ enabled: false, nextRunAt: null, state: 'paused', pauseNote: note, pausedAt: now, updatedAt: now })
    .where(and(eq(recurringJobs.tenantId, tenantId), eq(recurringJobs.id, id), eq(recurringJobs.enabled, true)))
    .returning()
  return rows[0] ?? null
}

const listQuery = (afterSeq: boolean) => preparedPerHandle((db) => db.select().from(recurringJobs)
  .where(and(eq(recurringJobs.tenantId, sql.placeholder('tenantId')), afterSeq ? gt(recurringJobs.seq, sql.placeholder('afterSeq')) : sql`true`))
  .orderBy(asc(recurringJobs.seq))
  .limit(sql.placeholder('limit'))
  .prepare(afterSeq ? 'recurring_list_after' : 'recurring_list_first'))
const listFirst = listQuery(false)
const listAfter = listQuery(true)

/** Up to `limit` rows in creation order (seq), strictly after `afterSeq` when given. */
export async function listJobs (db: Executor, tenantId: string, afterSeq: number | null, limit: number): Promise<RecurringJob[]> {
  return afterSeq === null ? listFirst(db).execute({ tenantId, limit }) : listAfter(db).execute({ tenantId, afterSeq, limit })
}
