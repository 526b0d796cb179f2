// Persistence of executions (CONTRACT §6). Store functions take the executor (database or open transaction)
// first and return domain rows (camelCase, Date) or null; they never throw HTTP errors. Instants come from the
// caller's clock, never from SQL now(), so tests drive time.
import { and, asc, desc, eq, getTableColumns, inArray, lt, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { executions, recurringJobs } from '../db/tables.js'

export type Execution = typeof executions.$inferSelect
export type ExecutionStatus = Execution['status']
export type ExecutionPatch = Partial<Pick<Execution,
  'status' | 'availableAt' | 'startedAt' | 'finishedAt' | 'leaseExpiresAt' | 'workerId' | 'lastError' | 'result'>>

const columns = getTableColumns(executions)

/** A timestamptz parameter that survives both drivers (postgres.js gets text, PGlite a string too). */
export const at = (instant: Date): SQL => sql`${instant.toISOString()}::timestamptz`

/** `instant + seconds` in SQL, with seconds taken from a column. */
const plusSeconds = (instant: Date, seconds: SQL | typeof executions.timeoutSeconds): SQL =>
  sql`${at(instant)} + make_interval(secs => ${seconds})`

/**
 * Inserts one manual execution of the tenant's schedule, enqueued now (CONTRACT §5 trigger), with the schedule's
 * job_type, queue, payload, max_attempts and timeout_seconds. Null when the schedule does not exist.
 */
export async function insertManualExecution (db: Executor, tenantId: string, recurringId: string, now: Date): Promise<Execution | null> {
  const [job] = await db.select().from(recurringJobs)
    .where(and(eq(recurringJobs.tenantId, tenantId), eq(recurringJobs.id, recurringId))).limit(1)
  if (job === undefined) return null
  const rows = await db.insert(executions).values({
    tenantId,
    recurringId,
    jobType: job.jobType,
    queue: job.queue,
    payload: job.payload,
    status: 'queued',
    trigger: 'manual',
    attempt: 0,
    maxAttempts: job.maxAttempts,
    timeoutSeconds: job.timeoutSeconds,
    scheduledFor: now,
    coalescedCount: 1,
    enqueuedAt: now,
    availableAt: now
  }).returning()
  return rows[0]!
}

/**
 * Claims up to `limit` queued executions of the tenant in `queues` whose available_at ≤ now, oldest available
 * first. SKIP LOCKED: concurrent claimers never wait on each other and never get the same row.
 */
export async function claimExecutions (db: Executor, input: { tenantId: string, workerId: string, queues: string[], limit: number, now: Date }): Promise<Execution[]> {
  const { tenantId, workerId, queues, limit, now } = input
  const claimable = db.$with('claimable').as(
    db.select({ claimId: executions.id }).from(executions)
      .where(and(
        eq(executions.status, 'queued'),
        inArray(executions.queue, queues),
        sql`${executions.availableAt} <= ${at(now)}`,
        eq(executions.tenantId, tenantId)
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

export async function updateExecution (tx: Executor, id: string, patch: ExecutionPatch): Promise<Execution> {
  const rows = await tx.update(executions).set(patch).where(eq(executions.id, id)).returning()
  return rows[0]!
}

/** Extends a lease to now + timeout_seconds. */
export async function extendLease (tx: Executor, id: string, now: Date): Promise<Execution> {
  const rows = await tx.update(executions).set({ leaseExpiresAt: plusSeconds(now, executions.timeoutSeconds) })
    .where(eq(executions.id, id)).returning()
  return rows[0]!
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

export interface ExpiredLease { id: string, tenantId: string, queue: string, attempt: number, maxAttempts: number }

/** Running executions whose lease ended before now, oldest first, locked (SKIP LOCKED) until the transaction ends. */
export async function lockExpiredLeases (tx: Executor, now: Date, limit: number): Promise<ExpiredLease[]> {
  return tx.select({ id: executions.id, tenantId: executions.tenantId, queue: executions.queue, attempt: executions.attempt, maxAttempts: executions.maxAttempts })
    .from(executions)
    .where(and(eq(executions.status, 'running'), sql`${executions.leaseExpiresAt} < ${at(now)}`))
    .orderBy(asc(executions.leaseExpiresAt))
    .limit(limit)
    .for('update', { skipLocked: true })
}

export interface AttemptOutcome {
  id: string
  /** null: the execution is now `failed`; otherwise queued again from this instant. */
  availableAt: Date | null
}

/**
 * Records failed attempts in one statement: each row becomes queued again at its availableAt, or `failed`
 * (finished_at = now) when availableAt is null. The lease is cleared; worker_id keeps the last holder.
 */
export async function recordFailedAttempts (tx: Executor, outcomes: AttemptOutcome[], lastError: string, now: Date): Promise<void> {
  if (outcomes.length === 0) return
  const json = JSON.stringify(outcomes.map((o) => ({ id: o.id, available_at: o.availableAt?.toISOString() ?? null })))
  await tx.execute(sql`
    update executions e set
      status = case when v.available_at is null then 'failed' else 'queued' end,
      available_at = coalesce(v.available_at, e.available_at),
      finished_at = case when v.available_at is null then ${at(now)} else null end,
      lease_expires_at = null,
      last_error = ${lastError}
    from json_to_recordset(${json}::json) as v(id uuid, available_at timestamptz)
    where e.id = v.id`)
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

// The worker's acknowledgements (CONTRACT §11): each is ONE conditional UPDATE over a set of ids, applied only to
// rows whose live lease `workerId` holds (running, same worker, lease_expires_at ≥ now). The rows that come back
// are the ones acted on; the caller explains the others with findLeaseStates, a read made only on a miss.

export interface LeaseTarget { tenantId: string, workerId: string, now: Date }

function leaseHeld (target: LeaseTarget, ids: readonly string[]): SQL {
  return and(
    inArray(executions.id, [...ids]),
    eq(executions.tenantId, target.tenantId),
    eq(executions.status, 'running'),
    eq(executions.workerId, target.workerId),
    sql`${executions.leaseExpiresAt} >= ${at(target.now)}`
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

/**
 * A failed attempt for every held lease (CONTRACT §6): `failed` once attempt = max_attempts, else queued again
 * at now + baseDelaysMs[attempt] × (0.5 + 0.5 × random), the item's own jitter. baseDelaysMs comes from
 * backoff.ts (index = attempt, the last entry standing for every later attempt), so the rule lives there.
 */
export async function failLeased (db: Executor, target: LeaseTarget, attempts: ReadonlyMap<string, FailedAttempt>, baseDelaysMs: readonly number[]): Promise<Execution[]> {
  if (attempts.size === 0) return []
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

/** CONTRACT §11: back to queued, claimable now, the attempt given back (a release is not a failed attempt). */
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

export type LeaseState = Pick<Execution, 'id' | 'status' | 'workerId' | 'leaseExpiresAt'>

/** What explains a missed acknowledgement: the tenant's rows among `ids` (absent ones do not exist). */
export async function findLeaseStates (db: Executor, tenantId: string, ids: readonly string[]): Promise<LeaseState[]> {
  if (ids.length === 0) return []
  return db.select({ id: executions.id, status: executions.status, workerId: executions.workerId, leaseExpiresAt: executions.leaseExpiresAt })
    .from(executions).where(and(eq(executions.tenantId, tenantId), inArray(executions.id, [...ids])))
}

/** The earliest available_at after now among the tenant's queued executions, per queue (a long-poll arms a timer). */
export async function nextAvailableAt (db: Executor, tenantId: string, queues: readonly string[], now: Date): Promise<Array<{ queue: string, availableAt: Date }>> {
  return db.select({ queue: executions.queue, availableAt: sql<Date>`min(${executions.availableAt})`.mapWith(executions.availableAt) })
    .from(executions)
    .where(and(eq(executions.tenantId, tenantId), inArray(executions.queue, [...queues]), eq(executions.status, 'queued'),
      sql`${executions.availableAt} > ${at(now)}`))
    .groupBy(executions.queue)
}
