// One scheduler tick: expire leases, enqueue every due occurrence, prune old executions, sample the backlog.
// The scheduler decides when; the executions feature (lifecycle.ts, store.ts, service.ts) writes every row.
// Enqueuing claims due schedules in batches; each batch is one transaction (lock SKIP LOCKED → plan → insert
// executions → advance schedules). (tenant_id, recurring_id, scheduled_for) is unique among schedule
// executions, so a retried or concurrent tick can never enqueue an occurrence twice, and a batch that fails
// half-way rolls back whole: the next tick redoes it.
import type { Database } from '../db/connect.js'
import type { AppEvents, TickSummary } from '../events.js'
import { randomUUID } from 'node:crypto'
import { enqueueOccurrence, type NewOccurrenceExecution } from '../executions/lifecycle.js'
import { ExecutionsService } from '../executions/service.js'
import { replaceExecutions, unfinishedExecutions } from '../executions/store.js'
import type { Clock } from '../time/clock.js'
import { planBatch, type PlanOptions } from './plan.js'
import { tickStore, type OccurrenceSkip, type ScheduleUpdate, type TickStore } from './store.js'

export interface SchedulerLog {
  debug (obj: object, msg?: string): void
  info (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  error (obj: object, msg?: string): void
}

export interface TickDeps {
  readonly database: Database
  readonly clock: Clock
  readonly config: { readonly executionRetentionDays: number }
  readonly events?: AppEvents | undefined
  readonly log?: SchedulerLog | undefined
  /** Backoff jitter for expired leases, in [0, 1). */
  readonly random?: (() => number) | undefined
  readonly store?: TickStore | undefined
}

export interface TickOptions {
  /** Schedules claimed per transaction. */
  readonly batchSize?: number
  /** Batches per tick before yielding to leases and retention (the tick reports moreWork). */
  readonly maxBatches?: number
  /** Batches in flight at once (PostgreSQL only; PGlite has one connection). */
  readonly concurrency?: number
  readonly leaseBatchSize?: number
  readonly pruneBatchSize?: number
  /** Skip retention in this tick (the loop prunes once a minute, or sooner while there is a backlog). */
  readonly prune?: boolean
  /** The due gauge counts at most this many rows. */
  readonly dueSampleCap?: number
  readonly plan?: PlanOptions
}

export const DEFAULTS = {
  batchSize: 500,
  maxBatches: 40,
  concurrency: 2,
  leaseBatchSize: 1000,
  pruneBatchSize: 1000,
  dueSampleCap: 10_000
} as const

export interface EnqueueResult {
  readonly enqueued: number
  readonly failedSchedules: number
  readonly batches: number
  readonly moreWork: boolean
}

/**
 * Enqueues due occurrences, batch after batch, until a batch comes back short or maxBatches is reached. On a
 * database with concurrent connections, `concurrency` batches run at once, each in its own transaction: SKIP
 * LOCKED hands them disjoint schedules, and the database works on one batch while this process plans the next.
 */
export async function enqueueDue (deps: TickDeps, options: TickOptions = {}): Promise<EnqueueResult> {
  const store = deps.store ?? tickStore
  const batchSize = options.batchSize ?? DEFAULTS.batchSize
  const maxBatches = options.maxBatches ?? DEFAULTS.maxBatches
  const concurrency = deps.database.supports.concurrentConnections ? Math.max(1, options.concurrency ?? DEFAULTS.concurrency) : 1
  let enqueued = 0
  let failedSchedules = 0
  let batches = 0
  let moreWork = false

  const drain = async (): Promise<void> => {
    for (;;) {
      if (batches >= maxBatches) { moreWork = true; return }
      batches++
      const now = deps.clock.now()
      const batch = await deps.database.db.transaction(async (tx) => {
        const due = await store.lockDueSchedules(tx, now, batchSize)
        // Overlap policies judge against the schedule's unfinished executions; allow needs no look-up.
        const unfinished = await unfinishedExecutions(tx, due.filter((d) => d.overlapPolicy !== 'allow').map((d) => ({ tenantId: d.tenantId, recurringId: d.id })), now)
        // Only a schedule with unfinished executions needs a copy that carries them (most have none).
        const plans = planBatch(unfinished.size === 0
          ? due
          : due.map((d) => { const active = unfinished.get(`${d.tenantId} ${d.id}`); return active === undefined ? d : { ...d, active } }), now, options.plan)
        const items: NewOccurrenceExecution[] = []
        const skips: OccurrenceSkip[] = []
        const replaced: string[] = []
        const updates: ScheduleUpdate[] = []
        for (const p of plans) {
          if (p.kind === 'fire') {
            // Ids chosen here when a buffered execution must name the planned one it waits behind (else the database's).
            const ids = p.executions.some((e) => e.blockedBy !== null && 'planned' in e.blockedBy) ? p.executions.map(() => randomUUID()) : null
            for (const [j, e] of p.executions.entries()) {
              const blockedBy = e.blockedBy === null ? null : 'execution' in e.blockedBy ? e.blockedBy.execution : ids![e.blockedBy.planned]!
              items.push(enqueueOccurrence({ tenantId: p.tenantId, recurringId: p.id },
                { trigger: 'schedule', scheduledFor: e.scheduledFor, coalescedCount: e.coalescedCount, coversUntil: e.coversUntil }, now,
                ids === null ? { blockedBy } : { id: ids[j]!, blockedBy }))
            }
            for (const k of p.skips) skips.push({ tenantId: p.tenantId, recurringId: p.id, fromAt: k.fromAt, untilAt: k.untilAt, outcome: k.outcome, recordedAt: now })
            replaced.push(...p.replace)
            updates.push({ tenantId: p.tenantId, id: p.id, lastRunAt: p.lastRunAt, nextRunAt: p.nextRunAt, evaluationError: null, runs: p.executions.length })
          } else if (p.kind === 'advance') {
            updates.push({ tenantId: p.tenantId, id: p.id, lastRunAt: null, nextRunAt: p.nextRunAt, evaluationError: null, runs: 0 })
          } else {
            updates.push({ tenantId: p.tenantId, id: p.id, lastRunAt: null, nextRunAt: p.retryAt, evaluationError: p.error, runs: 0 })
          }
        }
        // Replaced first: the new execution must never be claimable beside the one it replaces.
        const ended = await replaceExecutions(tx, replaced, now)
        const inserted = await store.insertScheduledExecutions(tx, items)
        await store.insertSkips(tx, skips)
        await store.updateSchedules(tx, updates)
        return { claimed: due.length, inserted, plans, ended }
      })
      // Reported only after the commit: an event never describes work that was rolled back.
      for (const p of batch.plans) {
        if (p.kind !== 'failed') continue
        failedSchedules++
        deps.log?.warn({ tenantId: p.tenantId, recurringId: p.id, error: p.error, retryAt: p.retryAt.toISOString() },
          'schedule evaluation failed; it is retried later and the other schedules go on')
        deps.events?.emitSafely('schedule:failed', { tenantId: p.tenantId, recurringId: p.id, error: p.error })
      }
      for (const e of batch.inserted) {
        deps.events?.emitSafely('execution:enqueued', {
          tenantId: e.tenantId, recurringId: e.recurringId, queue: e.queue, trigger: 'schedule', scheduledFor: e.scheduledFor, enqueuedAt: now, coalescedCount: e.coalescedCount
        })
      }
      for (const e of batch.ended) deps.events?.emitSafely('execution:attempt-failed', { queue: e.queue, reason: 'replaced', final: true })
      enqueued += batch.inserted.length
      if (batch.claimed < batchSize) return
    }
  }

  const results = await Promise.allSettled(Array.from({ length: concurrency }, drain))
  const failure = results.find((r) => r.status === 'rejected')
  if (failure !== undefined) throw failure.reason
  return { enqueued, failedSchedules, batches, moreWork }
}

/**
 * One full tick. Every step runs even if an earlier one failed (a retention bug must not stop lease expiry);
 * the first error is rethrown at the end so the loop backs off. Emits `tick:done` on success.
 */
export async function tickOnce (deps: TickDeps, options: TickOptions = {}): Promise<TickSummary> {
  const started = performance.now()
  const store = deps.store ?? tickStore
  const errors: unknown[] = []
  const step = async <T>(fallback: T, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (error) {
      errors.push(error)
      return fallback
    }
  }
  const executions = new ExecutionsService(deps.database.db, deps.clock, { events: deps.events, random: deps.random })
  // Leases first: an attempt whose lease ran out before now has already failed (docs/contract.md §6), so the overlap
  // policies below judge a due occurrence against what is really unfinished (a last attempt that ran out is not),
  // and an auto-pause it causes stops the schedule before its next occurrence is enqueued.
  const leaseLimit = options.leaseBatchSize ?? DEFAULTS.leaseBatchSize
  const leasesExpired = await step(0, () => executions.expireLeases(deps.clock.now(), leaseLimit))
  const enqueued = await step<EnqueueResult>({ enqueued: 0, failedSchedules: 0, batches: 0, moreWork: false }, () => enqueueDue(deps, options))
  const pruneLimit = options.pruneBatchSize ?? DEFAULTS.pruneBatchSize
  const pruned = options.prune === false
    ? 0
    : await step(0, () => executions.pruneFinished(deps.clock.now(), deps.config.executionRetentionDays, pruneLimit))
  const dueAfter = await step<number | null>(null, () => store.countDue(deps.database.db, deps.clock.now(), options.dueSampleCap ?? DEFAULTS.dueSampleCap))
  const nextDueAt = await step<Date | null>(null, () => store.earliestNextRun(deps.database.db))
  if (errors.length > 0) throw errors[0]
  const summary: TickSummary = {
    enqueued: enqueued.enqueued,
    failedSchedules: enqueued.failedSchedules,
    batches: enqueued.batches,
    leasesExpired,
    pruned,
    dueAfter,
    nextDueAt,
    moreWork: enqueued.moreWork || leasesExpired >= leaseLimit || pruned >= pruneLimit,
    durationMs: performance.now() - started
  }
  deps.events?.emitSafely('tick:done', summary)
  return summary
}
