// Executions use cases (CONTRACT §6): the worker protocol, listing, and manual triggers. No Fastify here; the
// REST routes call it. Every worker call checks the lease under a row lock, so a claim, a lease expiry and a
// worker's call on the same execution are serialized and exactly one of them wins.
import type { Executor } from '../db/connect.js'
import { ApiError } from '../errors.js'
import type { SchedulerEvents } from '../scheduler/events.js'
import type { Clock } from '../time/clock.js'
import { toTimestamp } from '../time/rfc3339.js'
import { retryDelayMs } from './backoff.js'
import * as store from './store.js'
import { keyOf, type ClaimWakeups } from './wakeups.js'
import type { Execution, ExecutionStatus } from './store.js'

export interface ExecutionsServiceOptions {
  readonly events?: SchedulerEvents | undefined
  /** Long-poll wake-ups; without them a claim never waits. */
  readonly wakeups?: ClaimWakeups | undefined
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

/** One item of a batch acknowledgement. */
export type ItemResult = { id: string, ok: true, execution: Execution } | { id: string, ok: false, error: ApiError }

/** retryDelayMs before jitter, by attempt (index 0 unused); the last entry is the cap, standing for every later attempt. */
const BASE_DELAYS_MS = Array.from({ length: 13 }, (_, attempt) => retryDelayMs(Math.max(attempt, 1), 1))

function executionOrThrow (results: ItemResult[]): Execution {
  const [only] = results
  if (only === undefined) throw new Error('an acknowledgement of one item answered nothing')
  if (!only.ok) throw only.error
  return only.execution
}

/** Why `workerId` may not act on the execution at `now` (it was running under its lease, or the update applied). */
function leaseConflictOf (state: store.LeaseState, workerId: string, now: Date): ApiError {
  if (state.status !== 'running') {
    return new ApiError('lease_conflict', `Execution ${state.id} is ${state.status}, not running: there is no lease to act on`)
  }
  if (state.workerId !== workerId) return new ApiError('lease_conflict', `Execution ${state.id} is leased to another worker`)
  const expiredAt = state.leaseExpiresAt === null ? 'an unknown time' : toTimestamp(state.leaseExpiresAt)
  if (state.leaseExpiresAt === null || state.leaseExpiresAt.getTime() < now.getTime()) {
    return new ApiError('lease_conflict', `The lease on execution ${state.id} expired at ${expiredAt}`)
  }
  // The lease changed hands and back between the statement and this read.
  return new ApiError('lease_conflict', `The lease on execution ${state.id} changed while this call ran; retry it`)
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
  readonly #events: SchedulerEvents | undefined
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
   * CONTRACT §11 long-poll: claims now; with nothing claimable, waits (no database connection held) until an
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

  async heartbeat (tenantId: string, id: string, workerId: string): Promise<Execution> {
    return executionOrThrow(await this.heartbeatMany(tenantId, workerId, [id]))
  }

  async complete (tenantId: string, id: string, workerId: string, result: unknown): Promise<Execution> {
    return executionOrThrow(await this.completeMany(tenantId, workerId, [{ id, result }]))
  }

  /** CONTRACT §6: queued again after the backoff, or `failed` once attempt = max_attempts. */
  async fail (tenantId: string, id: string, workerId: string, error: string): Promise<Execution> {
    return executionOrThrow(await this.failMany(tenantId, workerId, [{ id, error }]))
  }

  async release (tenantId: string, id: string, workerId: string): Promise<Execution> {
    return executionOrThrow(await this.releaseMany(tenantId, workerId, [id]))
  }

  /** CONTRACT §11 batches: each item judged on its own, results in request order. One UPDATE for all of them. */
  async heartbeatMany (tenantId: string, workerId: string, ids: readonly string[]): Promise<ItemResult[]> {
    return this.#acknowledge(tenantId, workerId, ids.map((id) => ({ id })), (target, items) =>
      store.extendLeases(this.db, target, items.map((i) => i.id)))
  }

  async completeMany (tenantId: string, workerId: string, items: ReadonlyArray<{ id: string, result?: unknown }>): Promise<ItemResult[]> {
    const results = await this.#acknowledge(tenantId, workerId, items, (target, unique) =>
      store.completeLeased(this.db, target, new Map(unique.map((i) => [i.id, i.result]))))
    for (const r of results) if (r.ok) this.#events?.emitSafely('execution:succeeded', { queue: r.execution.queue })
    return results
  }

  async failMany (tenantId: string, workerId: string, items: ReadonlyArray<{ id: string, error: string }>): Promise<ItemResult[]> {
    const results = await this.#acknowledge(tenantId, workerId, items, (target, unique) =>
      store.failLeased(this.db, target, new Map(unique.map((i) => [i.id, { error: i.error, random: this.#random() }])), BASE_DELAYS_MS))
    for (const r of results) {
      if (!r.ok) continue
      const final = r.execution.status === 'failed'
      this.#events?.emitSafely('execution:attempt-failed', { queue: r.execution.queue, reason: 'error', final })
      if (!final) this.#events?.emitSafely('execution:claimable', { tenantId, queue: r.execution.queue, availableAt: r.execution.availableAt })
    }
    return results
  }

  async releaseMany (tenantId: string, workerId: string, ids: readonly string[]): Promise<ItemResult[]> {
    const results = await this.#acknowledge(tenantId, workerId, ids.map((id) => ({ id })), (target, unique) =>
      store.releaseLeased(this.db, target, unique.map((i) => i.id)))
    for (const r of results) {
      if (r.ok) this.#events?.emitSafely('execution:claimable', { tenantId, queue: r.execution.queue, availableAt: r.execution.availableAt })
    }
    return results
  }

  /**
   * Applies one conditional statement to the items whose lease `workerId` holds; the rows it did not touch are
   * explained by one read (not found, not running, another worker's, expired). An id repeated in a batch is
   * acted on once; its later copies answer invalid_request.
   */
  async #acknowledge<T extends { id: string }> (tenantId: string, workerId: string, items: readonly T[],
    apply: (target: store.LeaseTarget, unique: T[]) => Promise<Execution[]>): Promise<ItemResult[]> {
    const now = this.clock.now()
    const seen = new Set<string>()
    const unique: T[] = []
    for (const item of items) {
      if (!seen.has(item.id)) { seen.add(item.id); unique.push(item) }
    }
    const done = new Map((await apply({ tenantId, workerId, now }, unique)).map((e) => [e.id, e]))
    const missed = unique.filter((i) => !done.has(i.id)).map((i) => i.id)
    const states = new Map((await store.findLeaseStates(this.db, tenantId, missed)).map((s) => [s.id, s]))
    const answered = new Set<string>()
    return items.map((item): ItemResult => {
      if (answered.has(item.id)) {
        return { id: item.id, ok: false, error: new ApiError('invalid_request', `Execution ${item.id} appears more than once in this batch; only its first item was applied`) }
      }
      answered.add(item.id)
      const execution = done.get(item.id)
      if (execution !== undefined) return { id: item.id, ok: true, execution }
      const state = states.get(item.id)
      return { id: item.id, ok: false, error: state === undefined ? notFound(item.id) : leaseConflictOf(state, workerId, now) }
    })
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
}
