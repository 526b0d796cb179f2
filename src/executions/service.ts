// Executions use cases (docs/contract.md §6): the worker protocol, listing, manual triggers, and the scheduler's
// lease expiry. No Fastify here; the REST routes and the scheduler loop call it. Every acknowledgement is one
// conditional UPDATE that applies only while the worker holds a live lease, so a claim, a lease expiry and a
// worker's call on the same execution are serialized by the row and exactly one of them wins. Which transition
// happens is lifecycle.ts's decision (store.ts applies the same columns to a set, in SQL).
import type { Executor } from '../db/connect.js'
import { ApiError } from '../errors.js'
import type { AppEvents } from '../events.js'
import { autoPauseIfFailing } from '../recurring/service.js'
import type { Clock } from '../time/clock.js'
import { boundedPage } from '../schemas/page.js'
import * as lifecycle from './lifecycle.js'
import { Coalescer } from './coalesce.js'
import { toExecutionResponse, type ExecutionBody } from './schemas.js'
import * as store from './store.js'
import type { Execution, ExecutionStatus } from './store.js'
import { keyOf, type ClaimWakeups } from './wakeups.js'

export interface ExecutionsServiceOptions {
  readonly events?: AppEvents | undefined
  /** Long-poll wake-ups; without them a claim never waits. */
  readonly wakeups?: ClaimWakeups | undefined
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

export interface ExecutionPageResult { responses: ExecutionBody[], nextCursor: string | null }

const DAY_MS = 24 * 60 * 60 * 1000

const notFound = (id: string) => new ApiError('execution_not_found', `Execution ${id} not found`)

/** One item of a batch acknowledgement. */
export type ItemResult = { id: string, ok: true, execution: Execution } | { id: string, ok: false, error: ApiError }

function executionOrThrow (results: ItemResult[]): Execution {
  const [only] = results
  if (only === undefined) throw new Error('an acknowledgement of one item answered nothing')
  if (!only.ok) throw only.error
  return only.execution
}

/** Why `workerId` may not act on the execution at `now` (lifecycle.leaseConflict), explaining a missed update. */
function leaseConflictOf (row: Execution, workerId: string, now: Date): ApiError {
  // The lease changed hands and back between the statement and this read: the caller may retry.
  return new ApiError('lease_conflict', lifecycle.leaseConflict(row, workerId, now) ?? `The lease on execution ${row.id} changed while this call ran; retry it`)
}

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
  readonly #wakeups: ClaimWakeups | undefined

  constructor (private readonly db: Executor, private readonly clock: Clock, options: ExecutionsServiceOptions = {}) {
    this.#events = options.events
    this.#random = options.random ?? Math.random
    this.#wakeups = options.wakeups
  }

  async claim (tenantId: string, input: { workerId: string, queues: string[], limit: number }): Promise<Execution[]> {
    const claimed = await store.claimExecutions(this.db, { tenantId, ...input, now: this.clock.now() })
    for (const e of claimed) this.#events?.emitSafely('execution:claimed', { queue: e.queue, attempt: e.attempt })
    return claimed
  }

  /**
   * docs/contract.md §11 long-poll: claims now; with nothing claimable, waits (no database connection held) until an
   * execution of these queues may have become claimable, then claims again, until `waitMs` has passed, `signal`
   * aborts (the client went away) or the process shuts down — then answers what it has, possibly nothing.
   */
  async claimWaiting (tenantId: string, input: { workerId: string, queues: string[], limit: number }, waitMs: number, signal?: AbortSignal): Promise<Execution[]> {
    const wakeups = this.#wakeups
    if (waitMs <= 0 || wakeups === undefined || wakeups.closed) return this.claim(tenantId, input)
    await wakeups.listen()
    const deadlineMs = this.clock.now().getTime() + waitMs
    const waiter = wakeups.watch(tenantId, input.queues)
    const ended = (): boolean => wakeups.closed || signal?.aborted === true
    try {
      for (;;) {
        waiter.reset()
        const claimed = await this.claim(tenantId, input)
        if (claimed.length > 0) return claimed
        const leftMs = deadlineMs - this.clock.now().getTime()
        if (leftMs <= 0 || ended()) return []
        if (waiter.woken) continue
        // Retries waiting out their backoff wake this waiter when they become claimable.
        for (const next of await store.nextAvailableAt(this.db, tenantId, input.queues, this.clock.now())) {
          wakeups.armAt(keyOf(tenantId, next.queue), next.availableAt.getTime())
        }
        await waiter.wait(leftMs, signal)
        if (ended()) return []
      }
    } finally {
      waiter.dispose()
    }
  }

  // Single-item acknowledgements of concurrent requests share one statement (coalesce.ts); each is answered with
  // exactly what it would have been answered alone.
  readonly #singleHeartbeats = new Coalescer<store.LeasedItem, ItemResult>((items) =>
    this.#applyItems(items, (now, unique) => store.extendLeasedItems(this.db, now, unique)))

  readonly #singleCompletes = new Coalescer<store.LeasedItem & { result?: unknown }, ItemResult>((items) =>
    this.#applyItems(items, (now, unique) => store.completeLeasedItems(this.db, now, unique)))

  readonly #singleFails = new Coalescer<store.LeasedItem & store.FailedAttempt, ItemResult>((items) =>
    this.#applyItems(items, (now, unique) => store.failLeasedItems(this.db, now, unique)))

  async heartbeat (tenantId: string, id: string, workerId: string): Promise<Execution> {
    return executionOrThrow([await this.#singleHeartbeats.add({ id, tenantId, workerId })])
  }

  async complete (tenantId: string, id: string, workerId: string, result: unknown): Promise<Execution> {
    const results = [await this.#singleCompletes.add({ id, tenantId, workerId, result })]
    this.#afterCompleted(results)
    return executionOrThrow(results)
  }

  /** docs/contract.md §6: queued again after the backoff, or `failed` once attempt = max_attempts. */
  async fail (tenantId: string, id: string, workerId: string, error: string): Promise<Execution> {
    const results = [await this.#singleFails.add({ id, tenantId, workerId, error, random: this.#random() })]
    await this.#afterFailedAttempts(tenantId, results)
    return executionOrThrow(results)
  }

  async release (tenantId: string, id: string, workerId: string): Promise<Execution> {
    return executionOrThrow(await this.releaseMany(tenantId, workerId, [id]))
  }

  /** docs/contract.md §11 batches: each item judged on its own, results in request order. One UPDATE for all of them. */
  async heartbeatMany (tenantId: string, workerId: string, ids: readonly string[]): Promise<ItemResult[]> {
    return this.#acknowledge(tenantId, workerId, ids.map((id) => ({ id })), (now, unique) => store.extendLeasedItems(this.db, now, unique))
  }

  async completeMany (tenantId: string, workerId: string, items: ReadonlyArray<{ id: string, result?: unknown }>): Promise<ItemResult[]> {
    const results = await this.#acknowledge(tenantId, workerId, items, (now, unique) => store.completeLeasedItems(this.db, now, unique))
    this.#afterCompleted(results)
    return results
  }

  async failMany (tenantId: string, workerId: string, items: ReadonlyArray<{ id: string, error: string }>): Promise<ItemResult[]> {
    const results = await this.#acknowledge(tenantId, workerId, items, (now, unique) =>
      store.failLeasedItems(this.db, now, unique.map((i) => ({ ...i, random: this.#random() }))))
    await this.#afterFailedAttempts(tenantId, results)
    return results
  }

  async releaseMany (tenantId: string, workerId: string, ids: readonly string[]): Promise<ItemResult[]> {
    const results = await this.#acknowledge(tenantId, workerId, ids.map((id) => ({ id })), (now, unique) => store.releaseLeasedItems(this.db, now, unique))
    for (const r of results) {
      if (r.ok) this.#events?.emitSafely('execution:claimable', { tenantId, queue: r.execution.queue, availableAt: r.execution.availableAt })
    }
    return results
  }

  #afterCompleted (results: readonly ItemResult[]): void {
    for (const r of results) if (r.ok) this.#events?.emitSafely('execution:succeeded', { queue: r.execution.queue })
  }

  async #afterFailedAttempts (tenantId: string, results: readonly ItemResult[]): Promise<void> {
    for (const r of results) {
      if (!r.ok) continue
      const final = r.execution.status === 'failed'
      this.#events?.emitSafely('execution:attempt-failed', { queue: r.execution.queue, reason: 'error', final })
      if (!final) this.#events?.emitSafely('execution:claimable', { tenantId, queue: r.execution.queue, availableAt: r.execution.availableAt })
      else await this.#afterFailed(r.execution)
    }
  }

  /**
   * A batch request's items, all of one tenant and worker, applied by one statement. An id repeated in a batch is
   * acted on once; its later copies answer invalid_request.
   */
  async #acknowledge<T extends { id: string }> (tenantId: string, workerId: string, items: readonly T[],
    apply: (now: Date, unique: Array<T & store.LeasedItem>) => Promise<Execution[]>): Promise<ItemResult[]> {
    const seen = new Set<string>()
    const unique: Array<T & store.LeasedItem> = []
    for (const item of items) {
      const key = item.id.toLowerCase()
      if (!seen.has(key)) { seen.add(key); unique.push({ ...item, tenantId, workerId }) }
    }
    const results = await this.#applyItems(unique, apply)
    const byKey = new Map(results.map((r) => [r.id.toLowerCase(), r]))
    const answered = new Set<string>()
    return items.map((item): ItemResult => {
      const key = item.id.toLowerCase()
      if (answered.has(key)) {
        return { id: item.id, ok: false, error: new ApiError('invalid_request', `Execution ${item.id} appears more than once in this batch; only its first item was applied`) }
      }
      answered.add(key)
      return byKey.get(key)!
    })
  }

  /**
   * Applies one conditional statement to items with distinct ids (each with its own tenant and worker); the rows it
   * did not touch are explained by one read per tenant (not found, not running, another worker's, expired).
   * Results in the items' order.
   */
  async #applyItems<T extends store.LeasedItem> (items: readonly T[], apply: (now: Date, items: T[]) => Promise<Execution[]>): Promise<ItemResult[]> {
    const now = this.clock.now()
    const done = new Map((await apply(now, [...items])).map((e) => [e.id, e]))
    const missedByTenant = new Map<string, string[]>()
    for (const item of items) {
      if (done.has(item.id.toLowerCase())) continue
      const ids = missedByTenant.get(item.tenantId)
      if (ids === undefined) missedByTenant.set(item.tenantId, [item.id])
      else ids.push(item.id)
    }
    const states = new Map<string, Execution>()
    for (const [tenantId, ids] of missedByTenant) {
      for (const row of await store.findExecutions(this.db, tenantId, ids)) states.set(`${tenantId} ${row.id}`, row)
    }
    return items.map((item): ItemResult => {
      const execution = done.get(item.id.toLowerCase())
      if (execution !== undefined) return { id: item.id, ok: true, execution }
      const state = states.get(`${item.tenantId} ${item.id.toLowerCase()}`)
      return { id: item.id, ok: false, error: state === undefined ? notFound(item.id) : leaseConflictOf(state, item.workerId, now) }
    })
  }

  async get (tenantId: string, id: string): Promise<Execution> {
    const found = await store.findExecution(this.db, tenantId, id)
    if (found === null) throw notFound(id)
    return found
  }

  async list (tenantId: string, options: ListOptions): Promise<ExecutionPageResult> {
    const beforeSeq = options.cursor === undefined ? null : decodeCursor(options.cursor)
    // docs/contract.md §10: at most `limit` rows and at most 4 MiB of JSON per page.
    const page = await boundedPage<Execution, ExecutionBody>((after, count) => store.listExecutions(this.db, tenantId, options, count, after?.seq ?? beforeSeq),
      options.limit, toExecutionResponse)
    const last = page.rows[page.rows.length - 1]
    return { responses: page.responses, nextCursor: page.more && last !== undefined ? encodeCursor(last.seq) : null }
  }

  /** docs/contract.md §5: one manual execution enqueued now; next_run_at is untouched. */
  async trigger (tenantId: string, recurringId: string): Promise<Execution> {
    const now = this.clock.now()
    const execution = await this.db.transaction((tx) => store.insertManualExecution(tx, tenantId, recurringId, now))
    if (execution === null) throw new ApiError('recurring_job_not_found', `Recurring job ${recurringId} not found`)
    this.#events?.emitSafely('execution:enqueued', {
      tenantId, recurringId, queue: execution.queue, trigger: 'manual', scheduledFor: now, enqueuedAt: now, coalescedCount: 1
    })
    return execution
  }

  /**
   * docs/contract.md §6: expires up to `limit` leases that ended before `now`, each a failed attempt "timeout" (the
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
      if (patch.availableAt !== undefined && !final) this.#events?.emitSafely('execution:claimable', { tenantId: row.tenantId, queue: row.queue, availableAt: patch.availableAt })
      if (final) await this.#afterFailed(row)
    }
    return expired.length
  }

  /** docs/contract.md §1 EXECUTION_RETENTION_DAYS: deletes up to `limit` finished executions older than the retention. */
  async pruneFinished (now: Date, retentionDays: number, limit: number): Promise<number> {
    const count = await store.pruneFinished(this.db, new Date(now.getTime() - retentionDays * DAY_MS), limit)
    if (count > 0) this.#events?.emitSafely('executions:pruned', { count })
    return count
  }

  /**
   * After a schedule execution ended failed (committed): docs/contract.md §12 auto_pause_after_failures. A separate
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
}
