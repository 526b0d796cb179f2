// Persistence of executions (docs/contract.md §6), the only module that writes the executions table: the scheduler,
// the worker protocol and manual triggers all insert and move rows through these functions, with the values
// lifecycle.ts decided. Store functions take the executor (database or open transaction) first and return
// domain rows (camelCase, Date) or null; they never throw HTTP errors. Instants come from the caller's clock,
// never from SQL now(), so tests drive time.
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, notExists, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/connect.js'
import { at } from '../db/instants.js'
import { executions, recurringJobs } from '../db/tables.js'
import { retryDelayMs } from './backoff.js'
import { enqueue, REPLACED_ERROR, replace, type ExecutionPatch, type NewExecution } from './lifecycle.js'

export type Execution = typeof executions.$inferSelect
export type ExecutionStatus = Execution['status']

const columns = getTableColumns(executions)

/** `instant + seconds` in SQL, with seconds taken from a column. */
const plusSeconds = (instant: Date, seconds: SQL | typeof executions.timeoutSeconds): SQL =>
  sql`${at(instant)} + make_interval(secs => ${seconds})`

/** The job fields of the tenant's schedule an execution copies, or null when the schedule does not exist. */
export async function findJobTemplate (db: Executor, tenantId: string, recurringId: string, options: { forShare?: boolean } = {}) {
  const query = db.select({
    jobType: recurringJobs.jobType,
    queue: recurringJobs.queue,
    payload: recurringJobs.payload,
    maxAttempts: recurringJobs.maxAttempts,
    timeoutSeconds: recurringJobs.timeoutSeconds
  }).from(recurringJobs)
    .where(and(eq(recurringJobs.tenantId, tenantId), eq(recurringJobs.id, recurringId))).limit(1)
  const [job] = options.forShare === true ? await query.for('share') : await query
  return job === undefined ? null : { tenantId, recurringId, ...job }
}

/**
 * Inserts one manual execution of the tenant's schedule, enqueued now (docs/contract.md §5 trigger), with the schedule's
 * job_type, queue, payload, max_attempts and timeout_seconds. Null when the schedule does not exist.
 */
export async function insertManualExecution (db: Executor, tenantId: string, recurringId: string, now: Date): Promise<Execution | null> {
  // FOR SHARE, in the caller's transaction with the insert: a DELETE of the schedule waits for this insert to
  // commit, and once a DELETE has committed the row is gone here (docs/contract.md §10: nothing outlives a DELETE).
  const job = await findJobTemplate(db, tenantId, recurringId, { forShare: true })
  if (job === null) return null
  const rows = await db.insert(executions).values(enqueue(job, { trigger: 'manual', scheduledFor: now, coalescedCount: 1 }, now)).returning()
  return rows[0]!
}

/** The predicate of the executions_occurrence_unique index (db/tables.ts): scheduled and backfilled executions. */
const OCCURRENCE_UNIQUE_WHERE = sql`${executions.trigger} IN ('schedule', 'backfill')`

/** What the scheduler learns about each execution it inserted. */
export interface InsertedExecution {
  readonly id: string
  readonly tenantId: string
  readonly recurringId: string
  readonly queue: string
  readonly scheduledFor: Date
  readonly coalescedCount: number
}

/**
 * Inserts scheduled executions. ON CONFLICT on the partial unique index (docs/contract.md §6): an occurrence already
 * enqueued (a retried tick) is skipped, and only the new rows come back.
 */
export async function insertScheduledExecutions (tx: Executor, rows: readonly NewExecution[]): Promise<InsertedExecution[]> {
  if (rows.length === 0) return []
  return tx.insert(executions).values([...rows])
    .onConflictDoNothing({ target: [executions.tenantId, executions.recurringId, executions.scheduledFor], where: OCCURRENCE_UNIQUE_WHERE })
    .returning({
      id: executions.id,
      tenantId: executions.tenantId,
      recurringId: executions.recurringId,
      queue: executions.queue,
      scheduledFor: executions.scheduledFor,
      coalescedCount: executions.coalescedCount
    })
}

/**
 * Claims up to `limit` queued executions of the tenant in `queues` whose available_at ≤ now, oldest available
 * first, applying lifecycle.claim to the whole set in one statement (the same columns, computed in SQL). SKIP
 * LOCKED: concurrent claimers never wait on each other and never get the same row.
 */
export async function claimExecutions (db: Executor, input: { tenantId: string, workerId: string, queues: string[], limit: number, now: Date }): Promise<Execution[]> {
  const { tenantId, workerId, queues, limit, now } = input
  const blocker = alias(executions, 'blocker')
  const claimable = db.$with('claimable').as(
    db.select({ claimId: executions.id }).from(executions)
      .where(and(
        eq(executions.status, 'queued'),
        inArray(executions.queue, queues),
        sql`${executions.availableAt} <= ${at(now)}`,
        eq(executions.tenantId, tenantId),
        // lifecycle.isClaimable: a buffered execution waits until the one it is blocked by has finished.
        or(isNull(executions.blockedBy), notExists(db.select({ one: sql`1` }).from(blocker)
          .where(and(eq(blocker.id, executions.blockedBy), inArray(blocker.status, ['queued', 'running'])))))
      ))
      .orderBy(asc(executions.availableAt), asc(executions.seq))
      .limit(limit)
      .for('update', { skipLocked: true })
  )
  const rows = await db.with(claimable).update(executions).set({
    status: 'running',
    attempt: sql`${executions.attempt} + 1`,
    startedAt: now,
    leaseExpiresAt: plusSeconds(now, executions.timeoutSeconds),
    workerId
  }).from(claimable).where(eq(executions.id, claimable.claimId)).returning(columns)
  // UPDATE … RETURNING has no order: present them in claim order.
  return rows.sort((a, b) => a.availableAt.getTime() - b.availableAt.getTime() || a.seq - b.seq)
}

/** The execution, locked until the transaction ends (the worker protocol checks the lease under this lock). */
export async function lockExecution (tx: Executor, tenantId: string, id: string): Promise<Execution | null> {
  const rows = await tx.select().from(executions)
    .where(and(eq(executions.id, id), eq(executions.tenantId, tenantId)))
    .for('update')
  return rows[0] ?? null
}

/** Writes one transition lifecycle.ts decided. */
export async function updateExecution (tx: Executor, id: string, patch: ExecutionPatch): Promise<Execution> {
  const rows = await tx.update(executions).set(patch).where(eq(executions.id, id)).returning()
  return rows[0]!
}

/** Writes many transitions in one transaction (the statements are pipelined where the driver can). */
export async function updateExecutions (tx: Executor, transitions: ReadonlyArray<{ id: string, patch: ExecutionPatch }>): Promise<void> {
  await Promise.all(transitions.map((t) => tx.update(executions).set(t.patch).where(eq(executions.id, t.id))))
}

export async function findExecution (db: Executor, tenantId: string, id: string): Promise<Execution | null> {
  const rows = await db.select().from(executions).where(and(eq(executions.id, id), eq(executions.tenantId, tenantId))).limit(1)
  return rows[0] ?? null
}

export interface ListFilters {
  recurringId?: string | undefined
  status?: ExecutionStatus | undefined
  queue?: string | undefined
}

/** Newest first (seq descending), `limit` rows with seq < beforeSeq when given. */
export async function listExecutions (db: Executor, tenantId: string, filters: ListFilters, limit: number, beforeSeq: number | null): Promise<Execution[]> {
  const conditions: SQL[] = [eq(executions.tenantId, tenantId)]
  if (filters.recurringId !== undefined) conditions.push(eq(executions.recurringId, filters.recurringId))
  if (filters.status !== undefined) conditions.push(eq(executions.status, filters.status))
  if (filters.queue !== undefined) conditions.push(eq(executions.queue, filters.queue))
  if (beforeSeq !== null) conditions.push(lt(executions.seq, beforeSeq))
  return db.select().from(executions).where(and(...conditions)).orderBy(desc(executions.seq)).limit(limit)
}

export interface ExpiredLease { id: string, tenantId: string, recurringId: string, trigger: Execution['trigger'], queue: string, attempt: number, maxAttempts: number }

/** Running executions whose lease ended before now, oldest first, locked (SKIP LOCKED) until the transaction ends. */
export async function lockExpiredLeases (tx: Executor, now: Date, limit: number): Promise<ExpiredLease[]> {
  return tx.select({
    id: executions.id,
    tenantId: executions.tenantId,
    recurringId: executions.recurringId,
    trigger: executions.trigger,
    queue: executions.queue,
    attempt: executions.attempt,
    maxAttempts: executions.maxAttempts
  })
    .from(executions)
    .where(and(eq(executions.status, 'running'), sql`${executions.leaseExpiresAt} < ${at(now)}`))
    .orderBy(asc(executions.leaseExpiresAt))
    .limit(limit)
    .for('update', { skipLocked: true })
}

/** The unfinished (queued or running) executions of these schedules, oldest first, by `tenantId recurringId`. */
export async function unfinishedExecutions (tx: Executor, schedules: ReadonlyArray<{ tenantId: string, recurringId: string }>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (schedules.length === 0) return out
  const wanted = new Set(schedules.map((s) => `${s.tenantId} ${s.recurringId}`))
  const rows = await tx.select({ id: executions.id, tenantId: executions.tenantId, recurringId: executions.recurringId }).from(executions)
    .where(and(
      inArray(executions.status, ['queued', 'running']),
      inArray(executions.tenantId, [...new Set(schedules.map((s) => s.tenantId))]),
      inArray(executions.recurringId, [...new Set(schedules.map((s) => s.recurringId))])
    ))
    .orderBy(asc(executions.seq))
  for (const r of rows) {
    const key = `${r.tenantId} ${r.recurringId}`
    if (!wanted.has(key)) continue
    out.set(key, [...(out.get(key) ?? []), r.id])
  }
  return out
}

/**
 * docs/contract.md §12 auto_pause_after_failures: true when the schedule's last `n` finished schedule-triggered executions
 * all ended failed (executions ended by overlap_policy replace are not failures of the job, and are passed over).
 */
export async function lastScheduleExecutionsFailed (db: Executor, tenantId: string, recurringId: string, n: number): Promise<boolean> {
  const rows = await db.select({ status: executions.status }).from(executions)
    .where(and(
      eq(executions.tenantId, tenantId),
      eq(executions.recurringId, recurringId),
      eq(executions.trigger, 'schedule'),
      inArray(executions.status, ['succeeded', 'failed']),
      sql`${executions.lastError} is distinct from ${REPLACED_ERROR}`
    ))
    .orderBy(desc(executions.finishedAt), desc(executions.seq))
    .limit(n)
  return rows.length === n && rows.every((r) => r.status === 'failed')
}

/** docs/contract.md §12 overlap_policy replace: ends the given executions that are still unfinished. */
export async function replaceExecutions (tx: Executor, ids: readonly string[], now: Date): Promise<Array<{ id: string, queue: string }>> {
  if (ids.length === 0) return []
  return tx.update(executions).set(replace(now))
    .where(and(inArray(executions.id, [...ids]), inArray(executions.status, ['queued', 'running'])))
    .returning({ id: executions.id, queue: executions.queue })
}

/** Deletes up to `limit` succeeded/failed executions finished before `cutoff`; resolves to how many. */
export async function pruneFinished (db: Executor, cutoff: Date, limit: number): Promise<number> {
  const doomed = db.select({ id: executions.id }).from(executions)
    .where(and(sql`${executions.finishedAt} < ${at(cutoff)}`, inArray(executions.status, ['succeeded', 'failed'])))
    .limit(limit)
    .for('update', { skipLocked: true })
  const rows = await db.delete(executions).where(inArray(executions.id, doomed)).returning({ id: executions.id })
  return rows.length
}

// The worker's acknowledgements (docs/contract.md §11): each is ONE conditional UPDATE over a set of ids, applied only to
// rows whose live lease `workerId` holds (running, same worker, lease_expires_at ≥ now). The rows that come back
// are the ones acted on; the caller explains the others with findExecutions, a read made only on a miss. Each applies
// the columns of the lifecycle.ts transition it names (heartbeat, complete, fail, release), computed in SQL.

export interface LeaseTarget { tenantId: string, workerId: string, now: Date }

/**
 * The rows among `ids` whose live lease the worker holds. Only `id` may pick them (the primary key): the other
 * conditions are written so that no index serves them (a row comparison with IS NOT DISTINCT FROM, a coalesce),
 * because with statistics that lag a backlog (a bulk enqueue, a table of mostly finished rows) the planner took
 * executions_active_idx for `tenant_id = …`, or executions_lease_idx for the lease, and read the tenant's whole
 * backlog (or every running row) for each acknowledgement. Same meaning: none of these columns is null on a
 * running row. Exported for its plan test.
 */
export function leaseHeld (target: LeaseTarget, ids: readonly string[]): SQL {
  return and(
    inArray(executions.id, [...ids]),
    sql`(${executions.tenantId}, ${executions.status}, ${executions.workerId}) is not distinct from (${target.tenantId}::uuid, 'running', ${target.workerId}::text)`,
    sql`coalesce(${executions.leaseExpiresAt}, '-infinity') >= ${at(target.now)}`
  )!
}

/** running → succeeded for every held lease; `results` maps an id to its result (absent: null). */
export async function completeLeased (db: Executor, target: LeaseTarget, results: ReadonlyMap<string, unknown>): Promise<Execution[]> {
  if (results.size === 0) return []
  const byId = JSON.stringify(Object.fromEntries([...results].map(([id, result]) => [id, result ?? null])))
  return db.update(executions).set({
    status: 'succeeded',
    finishedAt: target.now,
    leaseExpiresAt: null,
    result: sql`${byId}::jsonb -> ${executions.id}::text`
  }).where(leaseHeld(target, [...results.keys()])).returning()
}

/** Extends every held lease to now + timeout_seconds. */
export async function extendLeases (db: Executor, target: LeaseTarget, ids: readonly string[]): Promise<Execution[]> {
  if (ids.length === 0) return []
  return db.update(executions).set({ leaseExpiresAt: plusSeconds(target.now, executions.timeoutSeconds) })
    .where(leaseHeld(target, ids)).returning()
}

export interface FailedAttempt { error: string, random: number }

/** retryDelayMs before jitter, by attempt (index 0 unused); the last entry is the cap, standing for every later attempt. */
const BASE_DELAYS_MS = Array.from({ length: 13 }, (_, attempt) => retryDelayMs(Math.max(attempt, 1), 1))

/**
 * lifecycle.fail for every held lease, in one statement (docs/contract.md §6): `failed` once attempt = max_attempts,
 * else queued again at now + retryDelayMs(attempt, random) — the base delays come from backoff.ts, the jitter
 * factor (0.5 + 0.5 × random) is the item's own.
 */
export async function failLeased (db: Executor, target: LeaseTarget, attempts: ReadonlyMap<string, FailedAttempt>): Promise<Execution[]> {
  if (attempts.size === 0) return []
  const baseDelaysMs = BASE_DELAYS_MS
  const byId = JSON.stringify(Object.fromEntries(attempts))
  const item = sql`(${byId}::jsonb -> ${executions.id}::text)`
  const final = sql`${executions.attempt} >= ${executions.maxAttempts}`
  const bases = sql`(${JSON.stringify(baseDelaysMs)}::jsonb ->> least(${executions.attempt}, ${baseDelaysMs.length - 1}))::float8`
  const delayMs = sql`round(${bases} * (0.5 + 0.5 * (${item} ->> 'random')::float8))`
  return db.update(executions).set({
    status: sql`case when ${final} then 'failed' else 'queued' end`,
    availableAt: sql`case when ${final} then ${executions.availableAt} else ${at(target.now)} + make_interval(secs => ${delayMs} / 1000.0) end`,
    finishedAt: sql`case when ${final} then ${at(target.now)} else null end`,
    leaseExpiresAt: null,
    lastError: sql`${item} ->> 'error'`
  }).where(leaseHeld(target, [...attempts.keys()])).returning()
}

/** docs/contract.md §11: back to queued, claimable now, the attempt given back (a release is not a failed attempt). */
export async function releaseLeased (db: Executor, target: LeaseTarget, ids: readonly string[]): Promise<Execution[]> {
  if (ids.length === 0) return []
  return db.update(executions).set({
    status: 'queued',
    attempt: sql`greatest(${executions.attempt} - 1, 0)`,
    availableAt: target.now,
    startedAt: null,
    leaseExpiresAt: null
  }).where(leaseHeld(target, ids)).returning()
}

/** The tenant's rows among `ids`, found by primary key only (see leaseHeld: `tenant_id = …` let a scan of the tenant's rows win). */
export function tenantRows (tenantId: string, ids: readonly string[]): SQL {
  return and(inArray(executions.id, [...ids]), sql`${executions.tenantId} is not distinct from ${tenantId}::uuid`)!
}

/** What explains a missed acknowledgement: the tenant's rows among `ids` (absent ones do not exist). */
export async function findExecutions (db: Executor, tenantId: string, ids: readonly string[]): Promise<Execution[]> {
  if (ids.length === 0) return []
  return db.select().from(executions).where(tenantRows(tenantId, ids))
}

/** The earliest available_at after now among the tenant's queued executions, per queue (a long-poll arms a timer). */
export async function nextAvailableAt (db: Executor, tenantId: string, queues: readonly string[], now: Date): Promise<Array<{ queue: string, availableAt: Date }>> {
  return db.select({ queue: executions.queue, availableAt: sql<Date>`min(${executions.availableAt})`.mapWith(executions.availableAt) })
    .from(executions)
    .where(and(eq(executions.tenantId, tenantId), inArray(executions.queue, [...queues]), eq(executions.status, 'queued'),
      sql`${executions.availableAt} > ${at(now)}`))
    .groupBy(executions.queue)
}
