// Persistence of executions (docs/contract.md §6), the only module that writes the executions table: the scheduler,
// the worker protocol and manual triggers all insert and move rows through these functions, with the values
// lifecycle.ts decided. Store functions take the executor (database or open transaction) first and return
// domain rows (camelCase, Date) or null; they never throw HTTP errors. Instants come from the caller's clock,
// never from SQL now(), so tests drive time.
import { and, asc, desc, eq, getTableColumns, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { preparedRows, preparedSqlRows, queryRows, rowMapper, type Executor } from '../db/connect.js'
import { at } from '../db/instants.js'
import { compactRecordset } from '../db/recordset.js'
import { executions, recurringJobHistory, recurringJobs } from '../db/tables.js'
import { retryDelayMs } from './backoff.js'
import { enqueue, REPLACED_ERROR, replace, type ExecutionPatch, type NewOccurrenceExecution } from './lifecycle.js'

export type Execution = typeof executions.$inferSelect
export type ExecutionStatus = Execution['status']

const columns = getTableColumns(executions)

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
 * Inserts scheduled (and backfilled) executions, the rows lifecycle.enqueueOccurrence made, each with the job fields
 * (job_type, queue, payload, max_attempts, timeout_seconds) of its schedule's row, copied in the same statement:
 * the callers hold that row locked (the tick's FOR UPDATE, backfill's), so it is the schedule they planned from,
 * and the job fields never travel to this process and back. A row whose schedule does not exist is not inserted.
 * Rows go in in the given order (seq: claims take equally available executions oldest occurrence first).
 * ON CONFLICT on the partial unique index (docs/contract.md §6): an occurrence already enqueued (a retried tick) is
 * skipped, and only the new rows come back.
 * The whole batch is one JSON parameter: a multi-row VALUES list bound 17 parameters per row, and building and
 * binding those took the scheduler's burst from 24k to 9k executions/s (500-row batches, bench/scheduler.ts); the
 * values all rows share go once beside it (db/recordset.ts).
 */
export async function insertScheduledExecutions (tx: Executor, rows: readonly NewOccurrenceExecution[]): Promise<InsertedExecution[]> {
  if (rows.length === 0) return []
  // A key left out is NULL: the id (the database's default then), blocked_by, covers_until when it is the
  // occurrence itself, and the values every row shares (db/recordset.ts), which travel once.
  const { json, common: c } = compactRecordset(rows.map((r) => ({
    id: r.id,
    tenant_id: r.tenantId,
    recurring_id: r.recurringId,
    status: r.status,
    trigger: r.trigger,
    attempt: r.attempt,
    scheduled_for: r.scheduledFor.toISOString(),
    coalesced_count: r.coalescedCount,
    covers_until: r.coversUntil.getTime() === r.scheduledFor.getTime() ? null : r.coversUntil.toISOString(),
    blocked_by: r.blockedBy,
    enqueued_at: r.enqueuedAt.toISOString(),
    available_at: r.availableAt.toISOString()
  })), ['tenant_id', 'status', 'trigger', 'attempt', 'scheduled_for', 'coalesced_count', 'enqueued_at', 'available_at'])
  const inserted = await preparedSqlRows<{ id: string, tenant_id: string, recurring_id: string, queue: string, scheduled_for_ms: number, coalesced_count: number }>(tx, sql`
    insert into executions (id, tenant_id, recurring_id, job_type, queue, payload, status, trigger, attempt, max_attempts,
                            timeout_seconds, scheduled_for, coalesced_count, covers_until, blocked_by, enqueued_at, available_at)
    select coalesce(v.id, gen_random_uuid()), v.tenant_id, v.recurring_id, r.job_type, r.queue, r.payload, v.status, v.trigger,
           v.attempt, r.max_attempts, r.timeout_seconds, v.scheduled_for, v.coalesced_count, coalesce(v.covers_until, v.scheduled_for), v.blocked_by,
           v.enqueued_at, v.available_at
    from (
      select j.id, coalesce(j.tenant_id, ${c.tenant_id}::uuid) as tenant_id, j.recurring_id, coalesce(j.status, ${c.status}::text) as status,
             coalesce(j.trigger, ${c.trigger}::text) as trigger, coalesce(j.attempt, ${c.attempt}::integer) as attempt,
             coalesce(j.scheduled_for, ${c.scheduled_for}::timestamptz) as scheduled_for,
             coalesce(j.coalesced_count, ${c.coalesced_count}::integer) as coalesced_count, j.covers_until, j.blocked_by,
             coalesce(j.enqueued_at, ${c.enqueued_at}::timestamptz) as enqueued_at, coalesce(j.available_at, ${c.available_at}::timestamptz) as available_at, j.n
      from rows from (json_to_recordset(${json}::json) as (id uuid, tenant_id uuid, recurring_id text, status text, trigger text,
        attempt integer, scheduled_for timestamptz, coalesced_count integer, covers_until timestamptz, blocked_by uuid,
        enqueued_at timestamptz, available_at timestamptz))
        with ordinality as j(id, tenant_id, recurring_id, status, trigger, attempt, scheduled_for, coalesced_count, covers_until,
        blocked_by, enqueued_at, available_at, n)
    ) v
    join recurring_jobs r on r.tenant_id = v.tenant_id and r.id = v.recurring_id
    order by v.n
    on conflict (tenant_id, recurring_id, scheduled_for) where ${OCCURRENCE_UNIQUE_WHERE} do nothing
    returning id::text as id, tenant_id::text as tenant_id, recurring_id, queue,
              (extract(epoch from scheduled_for) * 1000)::float8 as scheduled_for_ms, coalesced_count`)
  return inserted.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    recurringId: r.recurring_id,
    queue: r.queue,
    scheduledFor: new Date(Number(r.scheduled_for_ms)),
    coalescedCount: Number(r.coalesced_count)
  }))
}

/**
 * The claim (lifecycle.claim for a set, computed in SQL) as one prepared statement: $1 tenant, $2 worker, $3 queues
 * (distinct), $4 now, $5 limit. Each queue's oldest `limit` claimable rows come from executions_claim_idx in its
 * order (tenant, queue, available_at, seq), and the oldest `limit` of those are claimed: a claim reads about as
 * many rows as it takes. Written as one query over all the queues, the planner sorted the tenant's whole backlog
 * for every claim (19,600 rows for a claim of 100 behind 20,000 queued; bench/workers.ts drained 100,000 at
 * 6,400/s). lifecycle.isClaimable: a buffered execution waits until the one it is blocked by has finished.
 * Exported for its plan test.
 */
export const CLAIM_STATEMENT = `
  with claimable as (
    select c.id from unnest($3::text[]) as q(queue)
    cross join lateral (
      select e.id, e.available_at, e.seq from executions e
      where e.tenant_id = $1::uuid and e.queue = q.queue and e.status = 'queued' and e.available_at <= $4::timestamptz
        and (e.blocked_by is null
             or not exists (select 1 from executions blocker where blocker.id = e.blocked_by and blocker.status in ('queued', 'running')))
      order by e.available_at, e.seq
      limit $5::integer
      for update of e skip locked
    ) c
    order by c.available_at, c.seq
    limit $5::integer
  )
  update executions set status = 'running', attempt = executions.attempt + 1, started_at = $4::timestamptz,
         lease_expires_at = $4::timestamptz + make_interval(secs => executions.timeout_seconds), worker_id = $2::text
  from claimable where executions.id = claimable.id
  returning executions.*`

/** The parameters of CLAIM_STATEMENT. */
export function claimParameters (input: { tenantId: string, workerId: string, queues: readonly string[], limit: number, now: Date }): unknown[] {
  return [input.tenantId, input.workerId, arrayLiteral([...new Set(input.queues)]), input.now.toISOString(), input.limit]
}

/**
 * Claims up to `limit` queued executions of the tenant in `queues` whose available_at ≤ now, oldest available
 * first, in one statement. SKIP LOCKED: concurrent claimers never wait on each other and never get the same row.
 * A prepared statement (db/connect.ts preparedRows): one round trip, planned once per connection, and no query
 * built per call (drizzle built this one in about as much time as writing out 100 claimed rows).
 */
export async function claimExecutions (db: Executor, input: { tenantId: string, workerId: string, queues: string[], limit: number, now: Date }): Promise<Execution[]> {
  const rows = (await preparedRows(db, CLAIM_STATEMENT, claimParameters(input))).map(executionOf)
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

/** A PostgreSQL array literal of `values` ('{"a","b"}'), each element quoted, so any text survives the cast. */
function arrayLiteral (values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`
}

/**
 * The executions of these schedules unfinished at `now` (lifecycle.isUnfinishedAt: queued, or running unless the lease
 * of its last attempt ran out before now), oldest first, by `tenantId recurringId`. The expired last attempt is
 * left out whether or not an instance has expired it yet: another instance may be doing so in this very moment,
 * and the overlap policies must judge the same way on every instance.
 */
export async function unfinishedExecutions (tx: Executor, schedules: ReadonlyArray<{ tenantId: string, recurringId: string }>, now: Date): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (schedules.length === 0) return out
  // One probe of executions_active_idx per schedule, as a LATERAL subquery kept apart (OFFSET 0) so the planner cannot
  // turn it into a join: as a join, a plan made while the table was small or not yet analyzed (a fresh database
  // in a burst grows by thousands of executions a second, long before autovacuum analyzes it; postgres.js keeps
  // prepared plans) hashed every unfinished execution of the database once per batch, and the 100,000-schedule
  // burst with overlap policies ran at 7.5k executions/s against 20k without (bench/scheduler.ts, one run). The probe
  // is the plan even for an empty, never-analyzed table.
  // The keys travel as two array literals: unnest parses and plans in a fraction of json_to_recordset's time (a
  // quarter of this statement's database CPU in the burst of bench/scheduler.ts).
  const rows = await queryRows<{ id: string, tenant_id: string, recurring_id: string }>(tx, sql`
    select e.id::text as id, e.tenant_id::text as tenant_id, e.recurring_id
    from unnest(${arrayLiteral(schedules.map((s) => s.tenantId))}::uuid[], ${arrayLiteral(schedules.map((s) => s.recurringId))}::text[]) as s(tenant_id, recurring_id)
    cross join lateral (
      select x.id, x.tenant_id, x.recurring_id, x.seq from executions x
      where x.tenant_id = s.tenant_id and x.recurring_id = s.recurring_id and x.status in ('queued', 'running')
        and not (x.status = 'running' and coalesce(x.lease_expires_at < ${at(now)}, false) and x.attempt >= x.max_attempts)
      offset 0
    ) e
    order by e.seq`)
  for (const r of rows) {
    const key = `${r.tenant_id} ${r.recurring_id}`
    const list = out.get(key)
    if (list === undefined) out.set(key, [r.id])
    else list.push(r.id)
  }
  return out
}

/**
 * docs/contract.md §12 auto_pause_after_failures: true when the schedule's last `n` finished schedule-triggered executions
 * all ended failed (executions ended by overlap_policy replace are not failures of the job, and are passed over).
 * Only executions that finished in the schedule's current run count: since it was created (a deleted schedule's
 * executions are kept, and one re-created under its id starts afresh) or last resumed (a resume after an
 * auto-pause gives it `n` new chances, not one).
 */
export async function lastScheduleExecutionsFailed (db: Executor, tenantId: string, recurringId: string, n: number): Promise<boolean> {
  const runStartedAt = sql`greatest(
    (select ${recurringJobs.createdAt} from ${recurringJobs} where ${recurringJobs.tenantId} = ${tenantId} and ${recurringJobs.id} = ${recurringId}),
    (select max(${recurringJobHistory.at}) from ${recurringJobHistory}
      where ${recurringJobHistory.tenantId} = ${tenantId} and ${recurringJobHistory.recurringId} = ${recurringId} and ${recurringJobHistory.action} = 'resumed'))`
  const rows = await db.select({ status: executions.status }).from(executions)
    .where(and(
      eq(executions.tenantId, tenantId),
      eq(executions.recurringId, recurringId),
      eq(executions.trigger, 'schedule'),
      inArray(executions.status, ['succeeded', 'failed']),
      sql`${executions.lastError} is distinct from ${REPLACED_ERROR}`,
      sql`${executions.finishedAt} >= ${runStartedAt}`
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

// The worker's acknowledgements (docs/contract.md §11): each is ONE conditional UPDATE over a set of items, applied only
// to rows whose live lease the item's worker holds (running, the item's tenant and worker, lease_expires_at ≥ now).
// The rows that come back are the ones acted on; the caller explains the others with findExecutions, a read made
// only on a miss. Each applies the columns of the lifecycle.ts transition it names (heartbeat, complete, fail,
// release), computed in SQL. Every item carries its own tenant and worker, so acknowledgements of different
// requests (service.ts coalesces concurrent single-item ones) share one statement.
//
// Each statement's text depends only on its kind; the values travel as three parameters (the items as one JSON
// object keyed by id, the ids, now) of a prepared statement (db/connect.ts preparedRows): one round trip, and no
// parse or plan once the connection has prepared it. Its generic plan is the one heldBy allows: by primary key.

export interface LeaseTarget { tenantId: string, workerId: string, now: Date }

/** Whose lease an item of an acknowledgement must be. */
export interface LeasedItem { id: string, tenantId: string, workerId: string }

export interface FailedAttempt { error: string, random: number }

export type AcknowledgementKind = 'heartbeat' | 'complete' | 'fail' | 'release'

/** The parameters of a statement over these items ($1 the items keyed by id in lower case, as id::text writes them; $2 the ids; $3 now). */
function parameters (now: Date, items: ReadonlyArray<LeasedItem & Record<string, unknown>>): [string, string, string] {
  const byId: Record<string, unknown> = {}
  const ids: string[] = []
  for (const item of items) {
    const key = item.id.toLowerCase()
    ids.push(key)
    const { id: _id, tenantId, workerId, ...rest } = item
    byId[key] = { tenant_id: tenantId, worker_id: workerId, ...rest }
  }
  return [JSON.stringify(byId), arrayLiteral(ids), now.toISOString()]
}

/** Where the parameters of `parameters` appear in a statement. */
const PARAMETERS = { items: '$1::jsonb', ids: '$2::uuid[]', now: '$3::timestamptz' }

/**
 * The rows among `ids` whose live lease the item's worker holds. Only `id` may pick them (the primary key): the
 * other conditions are written so that no index serves them (a row comparison with IS NOT DISTINCT FROM, a
 * coalesce), because with statistics that lag a backlog (a bulk enqueue, a table of mostly finished rows) the
 * planner took executions_active_idx for `tenant_id = …`, or executions_lease_idx for the lease, and read the
 * tenant's whole backlog (or every running row) for each acknowledgement. Same meaning: none of these columns is
 * null on a running row.
 */
function heldBy (l: { items: string, ids: string, now: string }): string {
  const item = `(${l.items} -> executions.id::text)`
  return `executions.id = any(${l.ids})
    and (executions.tenant_id, executions.status, executions.worker_id) is not distinct from ((${item} ->> 'tenant_id')::uuid, 'running', ${item} ->> 'worker_id')
    and coalesce(executions.lease_expires_at, '-infinity') >= ${l.now}`
}

/** The statement of an acknowledgement of `kind` (its parameters: acknowledgementParameters). Exported for its plan test. */
export function acknowledgementStatement (kind: AcknowledgementKind): string {
  return `update executions set ${assignments(kind, PARAMETERS)} where ${heldBy(PARAMETERS)} returning *`
}

/** The parameters of an acknowledgement of these items of `target`'s lease (for its plan test). */
export function acknowledgementParameters (target: LeaseTarget, ids: readonly string[]): [string, string, string] {
  return parameters(target.now, ids.map((id) => ({ id, tenantId: target.tenantId, workerId: target.workerId })))
}

/** retryDelayMs before jitter, by attempt (index 0 unused); the last entry is the cap, standing for every later attempt. */
const BASE_DELAYS_MS = Array.from({ length: 13 }, (_, attempt) => retryDelayMs(Math.max(attempt, 1), 1))

/** The SET list of each acknowledgement (old values on the right), as lifecycle.ts's transition of the same name. */
function assignments (kind: AcknowledgementKind, l: { items: string, now: string }): string {
  const item = `(${l.items} -> executions.id::text)`
  switch (kind) {
    case 'heartbeat':
      return `lease_expires_at = ${l.now} + make_interval(secs => timeout_seconds)`
    case 'complete':
      return `status = 'succeeded', finished_at = ${l.now}, lease_expires_at = null, result = ${item} -> 'result'`
    case 'fail': {
      // lifecycle.fail (docs/contract.md §6): `failed` once attempt = max_attempts, else queued again at now +
      // retryDelayMs(attempt, random) — the base delays come from backoff.ts, the jitter factor (0.5 + 0.5 × random)
      // is the item's own.
      const final = 'attempt >= max_attempts'
      const bases = `('${JSON.stringify(BASE_DELAYS_MS)}'::jsonb ->> least(attempt, ${BASE_DELAYS_MS.length - 1}))::float8`
      const delayMs = `round(${bases} * (0.5 + 0.5 * (${item} ->> 'random')::float8))`
      return `status = case when ${final} then 'failed' else 'queued' end,
        available_at = case when ${final} then available_at else ${l.now} + make_interval(secs => ${delayMs} / 1000.0) end,
        finished_at = case when ${final} then ${l.now} else null end,
        lease_expires_at = null,
        last_error = ${item} ->> 'error'`
    }
    case 'release':
      // docs/contract.md §11: back to queued, claimable now, the attempt given back (a release is not a failed attempt).
      return `status = 'queued', attempt = greatest(attempt - 1, 0), available_at = ${l.now}, started_at = null, lease_expires_at = null`
  }
}

/** A row of `returning *` (the drivers' raw values, by column name) as drizzle would map it. */
const executionOf = rowMapper<Execution>(columns)

const STATEMENTS: Record<AcknowledgementKind, string> = {
  heartbeat: acknowledgementStatement('heartbeat'),
  complete: acknowledgementStatement('complete'),
  fail: acknowledgementStatement('fail'),
  release: acknowledgementStatement('release')
}

async function acknowledge (db: Executor, kind: AcknowledgementKind, now: Date, items: ReadonlyArray<LeasedItem & Record<string, unknown>>): Promise<Execution[]> {
  if (items.length === 0) return []
  const rows = await preparedRows(db, STATEMENTS[kind], parameters(now, items))
  return rows.map(executionOf)
}

/** Extends each held lease to now + timeout_seconds. */
export async function extendLeasedItems (db: Executor, now: Date, items: readonly LeasedItem[]): Promise<Execution[]> {
  return acknowledge(db, 'heartbeat', now, items as ReadonlyArray<LeasedItem & Record<string, unknown>>)
}

/** running → succeeded for each held lease, with the item's result (absent: null). */
export async function completeLeasedItems (db: Executor, now: Date, items: ReadonlyArray<LeasedItem & { result?: unknown }>): Promise<Execution[]> {
  return acknowledge(db, 'complete', now, items.map((i) => ({ id: i.id, tenantId: i.tenantId, workerId: i.workerId, result: i.result ?? null })))
}

/** lifecycle.fail for each held lease, in one statement, with the item's error and jitter. */
export async function failLeasedItems (db: Executor, now: Date, items: ReadonlyArray<LeasedItem & FailedAttempt>): Promise<Execution[]> {
  return acknowledge(db, 'fail', now, items.map((i) => ({ id: i.id, tenantId: i.tenantId, workerId: i.workerId, error: i.error, random: i.random })))
}

/** Back to queued for each held lease (docs/contract.md §11 release). */
export async function releaseLeasedItems (db: Executor, now: Date, items: readonly LeasedItem[]): Promise<Execution[]> {
  return acknowledge(db, 'release', now, items as ReadonlyArray<LeasedItem & Record<string, unknown>>)
}

const itemsOf = (target: LeaseTarget, ids: Iterable<string>): LeasedItem[] =>
  [...ids].map((id) => ({ id, tenantId: target.tenantId, workerId: target.workerId }))

/** running → succeeded for every lease `target` holds; `results` maps an id to its result (absent: null). */
export async function completeLeased (db: Executor, target: LeaseTarget, results: ReadonlyMap<string, unknown>): Promise<Execution[]> {
  return completeLeasedItems(db, target.now, [...results].map(([id, result]) => ({ id, tenantId: target.tenantId, workerId: target.workerId, result })))
}

/** Extends every lease `target` holds to now + timeout_seconds. */
export async function extendLeases (db: Executor, target: LeaseTarget, ids: readonly string[]): Promise<Execution[]> {
  return extendLeasedItems(db, target.now, itemsOf(target, ids))
}

/** lifecycle.fail for every lease `target` holds (see failLeasedItems). */
export async function failLeased (db: Executor, target: LeaseTarget, attempts: ReadonlyMap<string, FailedAttempt>): Promise<Execution[]> {
  return failLeasedItems(db, target.now, [...attempts].map(([id, a]) => ({ id, tenantId: target.tenantId, workerId: target.workerId, ...a })))
}

/** docs/contract.md §11: back to queued, claimable now, the attempt given back (a release is not a failed attempt). */
export async function releaseLeased (db: Executor, target: LeaseTarget, ids: readonly string[]): Promise<Execution[]> {
  return releaseLeasedItems(db, target.now, itemsOf(target, ids))
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
