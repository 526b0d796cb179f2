// Executions use cases (CONTRACT §6): the worker protocol, listing, and manual triggers. No Fastify here; the
// REST routes call it. Every worker call checks the lease under a row lock, so a claim, a lease expiry and a
// worker's call on the same execution are serialized and exactly one of them wins.
import type { Executor } from '../db/connect.js'
import { ApiError } from '../errors.js'
import type { SchedulerEvents } from '../scheduler/events.js'
import type { Clock } from '../time/clock.js'
import { boundedPage, jsonBytes } from '../schemas/page.js'
import { toTimestamp } from '../time/rfc3339.js'
import { retryDelayMs } from './backoff.js'
import { toExecutionResponse } from './schemas.js'
import * as store from './store.js'
import type { Execution, ExecutionStatus } from './store.js'

export interface ExecutionsServiceOptions {
  readonly events?: SchedulerEvents | undefined
  /** Source of the backoff jitter, in [0, 1). */
  readonly random?: () => number
}

export interface ListOptions {
  recurringId?: string | undefined
  status?: ExecutionStatus | undefined
  queue?: string | undefined
  limit: number
  cursor?: string | undefined
}

export interface ExecutionPageResult { data: Execution[], nextCursor: string | null }

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
  readonly #events: SchedulerEvents | undefined
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
    return this.#withLease(tenantId, id, workerId, (tx, _row, now) => store.extendLease(tx, id, now))
  }

  async complete (tenantId: string, id: string, workerId: string, result: unknown): Promise<Execution> {
    const done = await this.#withLease(tenantId, id, workerId, (tx, _row, now) => store.updateExecution(tx, id, {
      status: 'succeeded', finishedAt: now, leaseExpiresAt: null, result: result ?? null
    }))
    this.#events?.emitSafely('execution:succeeded', { queue: done.queue })
    return done
  }

  /** CONTRACT §6: queued again after the backoff, or `failed` once attempt = max_attempts. */
  async fail (tenantId: string, id: string, workerId: string, error: string): Promise<Execution> {
    const failed = await this.#withLease(tenantId, id, workerId, (tx, row, now) => {
      const final = row.attempt >= row.maxAttempts
      return store.updateExecution(tx, id, final
        ? { status: 'failed', finishedAt: now, leaseExpiresAt: null, lastError: error }
        : { status: 'queued', availableAt: new Date(now.getTime() + retryDelayMs(row.attempt, this.#random())), leaseExpiresAt: null, lastError: error })
    })
    this.#events?.emitSafely('execution:attempt-failed', { queue: failed.queue, reason: 'error', final: failed.status === 'failed' })
    return failed
  }

  async get (tenantId: string, id: string): Promise<Execution> {
    const found = await store.findExecution(this.db, tenantId, id)
    if (found === null) throw notFound(id)
    return found
  }

  async list (tenantId: string, options: ListOptions): Promise<ExecutionPageResult> {
    const beforeSeq = options.cursor === undefined ? null : decodeCursor(options.cursor)
    // CONTRACT §10: at most `limit` rows and at most 4 MiB of JSON per page.
    const page = await boundedPage<Execution>((after, count) => store.listExecutions(this.db, tenantId, options, count, after?.seq ?? beforeSeq),
      options.limit, (row) => jsonBytes(toExecutionResponse(row)))
    const last = page.rows[page.rows.length - 1]
    return { data: page.rows, nextCursor: page.more && last !== undefined ? encodeCursor(last.seq) : null }
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
   * Runs `apply` with the execution locked, only when `workerId` holds a live lease on it: status running, same
   * worker, lease_expires_at ≥ now (a lease that ran out is lost even before the scheduler notices it).
   */
  async #withLease (tenantId: string, id: string, workerId: string,
    apply: (tx: Executor, row: Execution, now: Date) => Promise<Execution>): Promise<Execution> {
    return this.db.transaction(async (tx) => {
      const row = await store.lockExecution(tx, tenantId, id)
      if (row === null) throw notFound(id)
      const now = this.clock.now()
      if (row.status !== 'running') {
        throw new ApiError('lease_conflict', `Execution ${id} is ${row.status}, not running: there is no lease to act on`)
      }
      if (row.workerId !== workerId) {
        throw new ApiError('lease_conflict', `Execution ${id} is leased to another worker`)
      }
      if (row.leaseExpiresAt === null || row.leaseExpiresAt.getTime() < now.getTime()) {
        throw new ApiError('lease_conflict', `The lease on execution ${id} expired at ${row.leaseExpiresAt === null ? 'an unknown time' : toTimestamp(row.leaseExpiresAt)}`)
      }
      return apply(tx, row, now)
    })
  }
}
