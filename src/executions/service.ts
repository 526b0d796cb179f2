// Executions use cases (CONTRACT §6): the worker protocol, listing, manual triggers, and the scheduler's
// lease expiry. No Fastify here; the REST routes and the scheduler loop call it. Every worker call checks the
// lease under a row lock, so a claim, a lease expiry and a worker's call on the same execution are serialized
// and exactly one of them wins. Which transition happens is lifecycle.ts's decision.
import type { Executor } from '../db/connect.js'
import { ApiError } from '../errors.js'
import type { AppEvents } from '../events.js'
import { autoPauseIfFailing } from '../recurring/service.js'
import type { Clock } from '../time/clock.js'
import * as lifecycle from './lifecycle.js'
import * as store from './store.js'
import type { Execution, ExecutionStatus } from './store.js'

export interface ExecutionsServiceOptions {
  readonly events?: AppEvents | undefined
  /** Source of the backoff jitter, in [0, 1). */
  readonly random?: (() => number) | undefined
}

export interface ListOptions {
  recurringId?: string | undefined
  status?: ExecutionStatus | undefined
  queue?: string | undefined
  limit: number
  cursor?: string | undefined
}

export interface ExecutionPageResult { data: Execution[], nextCursor: string | null }

const DAY_MS = 24 * 60 * 60 * 1000

const notFound = (id: string) => new ApiError('execution_not_found', `Execution ${id} not found`)

// Cursors are opaque to clients: base64url of "seq:<n>", the last seq of the previous page.
export function encodeCursor (seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url')
}

export function decodeCursor (cursor: string): number {
  const m = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (m === null) throw new ApiError('invalid_request', 'cursor is not a next_cursor this API returned', [{ field: 'cursor', message: 'is invalid' }])
  return Number(m[1])
}

export class ExecutionsService {
  readonly #events: AppEvents | undefined
  readonly #random: () => number

  constructor (private readonly db: Executor, private readonly clock: Clock, options: ExecutionsServiceOptions = {}) {
    this.#events = options.events
    this.#random = options.random ?? Math.random
  }

  async claim (tenantId: string, input: { workerId: string, queues: string[], limit: number }): Promise<Execution[]> {
    const claimed = await store.claimExecutions(this.db, { tenantId, ...input, now: this.clock.now() })
    for (const e of claimed) this.#events?.emitSafely('execution:claimed', { queue: e.queue, attempt: e.attempt })
    return claimed
  }

  heartbeat (tenantId: string, id: string, workerId: string): Promise<Execution> {
    return this.#withLease(tenantId, id, workerId, (tx, row, now) => store.updateExecution(tx, id, lifecycle.heartbeat(row, now)))
  }

  async complete (tenantId: string, id: string, workerId: string, result: unknown): Promise<Execution> {
    const done = await this.#withLease(tenantId, id, workerId, (tx, _row, now) => store.updateExecution(tx, id, lifecycle.complete(now, result)))
    this.#events?.emitSafely('execution:succeeded', { queue: done.queue })
    return done
  }

  /** CONTRACT §6: queued again after the backoff, or `failed` once attempt = max_attempts. */
  async fail (tenantId: string, id: string, workerId: string, error: string): Promise<Execution> {
    const failed = await this.#withLease(tenantId, id, workerId, (tx, row, now) =>
      store.updateExecution(tx, id, lifecycle.fail(row, error, now, this.#random())))
    this.#events?.emitSafely('execution:attempt-failed', { queue: failed.queue, reason: 'error', final: failed.status === 'failed' })
    if (failed.status === 'failed') await this.#afterFailed(failed)
    return failed
  }

  async get (tenantId: string, id: string): Promise<Execution> {
    const found = await store.findExecution(this.db, tenantId, id)
    if (found === null) throw notFound(id)
    return found
  }

  async list (tenantId: string, options: ListOptions): Promise<ExecutionPageResult> {
    const beforeSeq = options.cursor === undefined ? null : decodeCursor(options.cursor)
    const rows = await store.listExecutions(this.db, tenantId, options, options.limit + 1, beforeSeq)
    const data = rows.slice(0, options.limit)
    const last = data[data.length - 1]
    return { data, nextCursor: rows.length > options.limit && last !== undefined ? encodeCursor(last.seq) : null }
  }

  /** CONTRACT §5: one manual execution enqueued now; next_run_at is untouched. */
  async trigger (tenantId: string, recurringId: string): Promise<Execution> {
    const now = this.clock.now()
    const execution = await store.insertManualExecution(this.db, tenantId, recurringId, now)
    if (execution === null) throw new ApiError('recurring_job_not_found', `Recurring job ${recurringId} not found`)
    this.#events?.emitSafely('execution:enqueued', {
      tenantId, recurringId, queue: execution.queue, trigger: 'manual', scheduledFor: now, enqueuedAt: now, coalescedCount: 1
    })
    return execution
  }

  /**
   * CONTRACT §6: expires up to `limit` leases that ended before `now`, each a failed attempt "timeout" (the
   * retry-or-fail rule of lifecycle.fail). Bounded batches, SKIP LOCKED: several instances share the work, and a
   * worker's own complete/fail on the same row (which locks it) is serialized with the expiry. Resolves to how many.
   */
  async expireLeases (now: Date, limit: number): Promise<number> {
    const expired = await this.db.transaction(async (tx) => {
      const rows = await store.lockExpiredLeases(tx, now, limit)
      const transitions = rows.map((row) => ({ row, patch: lifecycle.expire(row, now, this.#random()) }))
      await store.updateExecutions(tx, transitions.map((t) => ({ id: t.row.id, patch: t.patch })))
      return transitions
    })
    for (const { row, patch } of expired) {
      const final = lifecycle.isFinal(patch)
      this.#events?.emitSafely('lease:expired', { executionId: row.id, queue: row.queue, attempt: row.attempt, final })
      this.#events?.emitSafely('execution:attempt-failed', { queue: row.queue, reason: 'timeout', final })
      if (final) await this.#afterFailed(row)
    }
    return expired.length
  }

  /** CONTRACT §1 EXECUTION_RETENTION_DAYS: deletes up to `limit` finished executions older than the retention. */
  async pruneFinished (now: Date, retentionDays: number, limit: number): Promise<number> {
    const count = await store.pruneFinished(this.db, new Date(now.getTime() - retentionDays * DAY_MS), limit)
    if (count > 0) this.#events?.emitSafely('executions:pruned', { count })
    return count
  }

  /**
   * After a schedule execution ended failed (committed): CONTRACT §12 auto_pause_after_failures. A separate
   * transaction that locks only the schedule row, so it never holds an execution lock while waiting for a
   * schedule a tick holds (the tick locks schedules, then executions). Best effort: the execution's own
   * transition is already committed and is what the worker is answered; the next failure checks again.
   */
  async #afterFailed (row: { tenantId: string, recurringId: string, trigger: Execution['trigger'] }): Promise<void> {
    if (row.trigger !== 'schedule') return
    try {
      await autoPauseIfFailing(this.db, row.tenantId, row.recurringId,
        (n) => store.lastScheduleExecutionsFailed(this.db, row.tenantId, row.recurringId, n), this.clock.now())
    } catch {}
  }

  /** Runs `apply` with the execution locked, only when `workerId` holds a live lease on it (lifecycle.leaseConflict). */
  async #withLease (tenantId: string, id: string, workerId: string,
    apply: (tx: Executor, row: Execution, now: Date) => Promise<Execution>): Promise<Execution> {
    return this.db.transaction(async (tx) => {
      const row = await store.lockExecution(tx, tenantId, id)
      if (row === null) throw notFound(id)
      const now = this.clock.now()
      const conflict = lifecycle.leaseConflict(row, workerId, now)
      if (conflict !== null) throw new ApiError('lease_conflict', conflict)
      return apply(tx, row, now)
    })
  }
}
