// What the scheduler and the executions feature report, as one typed event map below both of them (neither
// imports the other's events). Metrics (plugins/execution-metrics.ts) and tests subscribe; no feature imports
// prom-client. Listeners must not throw: an event is a report, not a hook (emitSafely catches and ignores).
import { EventEmitter } from 'node:events'

export interface EnqueuedExecution {
  readonly tenantId: string
  readonly recurringId: string
  readonly queue: string
  readonly trigger: 'schedule' | 'manual' | 'backfill'
  readonly scheduledFor: Date
  readonly enqueuedAt: Date
  readonly coalescedCount: number
}

export interface TickSummary {
  /** Executions inserted by this tick (a concurrent tick's conflicts are not counted). */
  readonly enqueued: number
  /** Schedules whose evaluation threw; each was pushed back and marked with evaluation_error. */
  readonly failedSchedules: number
  /** Batches claimed (each its own transaction). */
  readonly batches: number
  readonly leasesExpired: number
  readonly pruned: number
  /** Enabled schedules still due after the tick (bounded count), or null when not sampled. */
  readonly dueAfter: number | null
  /** Earliest next_run_at of an enabled schedule after the tick, or null when none. */
  readonly nextDueAt: Date | null
  /** True when a bounded step stopped at its limit and more work is waiting. */
  readonly moreWork: boolean
  readonly durationMs: number
}

export interface AppEventMap {
  'tick:done': [TickSummary]
  'tick:failed': [{ error: unknown, retryInMs: number, consecutiveFailures: number }]
  'execution:enqueued': [EnqueuedExecution]
  'execution:claimed': [{ queue: string, attempt: number }]
  'execution:succeeded': [{ queue: string }]
  /** A failed attempt: requeued (final false) or the execution is now `failed` (final true). */
  'execution:attempt-failed': [{ queue: string, reason: 'error' | 'timeout' | 'replaced', final: boolean }]
  /** An execution of the tenant's queue is claimable again from availableAt (a retry, a release); committed. */
  'execution:claimable': [{ tenantId: string, queue: string, availableAt: Date }]
  'lease:expired': [{ executionId: string, queue: string, attempt: number, final: boolean }]
  'schedule:failed': [{ tenantId: string, recurringId: string, error: string }]
  'executions:pruned': [{ count: number }]
  'task:failed': [{ task: string, error: unknown }]
}

export class AppEvents extends EventEmitter<AppEventMap> {
  constructor () {
    super()
    this.setMaxListeners(0)
  }

  /** emit, but a throwing listener never breaks the caller (a tick or a request). */
  emitSafely<K extends keyof AppEventMap> (event: K, ...args: AppEventMap[K]): void {
    try {
      (this.emit as (event: K, ...args: AppEventMap[K]) => boolean)(event, ...args)
    } catch {}
  }
}
