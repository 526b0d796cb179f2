// Prometheus metrics of executions and the scheduler, fed by the typed events (events.ts): they listen from
// outside both features, so neither the scheduler nor the executions service imports prom-client. One emitter
// per app, found through the app's metrics registry: the executions routes (a child context) and
// attachScheduler (the root) share it.
import type { FastifyInstance } from 'fastify'
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import { AppEvents } from '../events.js'

const byRegistry = new WeakMap<Registry, AppEvents>()

/** The app's event emitter, created (and wired to the app's metrics) on first use. */
export function appEventsOf (app: FastifyInstance): AppEvents {
  const registry = app.metrics.registry
  let events = byRegistry.get(registry)
  if (events === undefined) {
    events = new AppEvents()
    registerExecutionMetrics(registry, events, app.metrics.queueLabel)
    byRegistry.set(registry, events)
  }
  return events
}

/**
 * Queue names are chosen by tenants: as label values they would leak across tenants and grow without bound, so
 * /metrics carries them only with METRICS_QUEUE_LABELS=on, and then at most QUEUE_LABELS_MAX of them (the rest
 * count as "other"). Off, every queue counts as "all" (docs/contract.md §10).
 */
export const QUEUE_LABELS_MAX = 100

export function queueLabeller (on: boolean): (queue: string) => string {
  if (!on) return () => 'all'
  const seen = new Set<string>()
  return (queue) => {
    if (seen.has(queue)) return queue
    if (seen.size >= QUEUE_LABELS_MAX) return 'other'
    seen.add(queue)
    return queue
  }
}

export function registerExecutionMetrics (registry: Registry, events: AppEvents, queueLabel = queueLabeller(false)): void {
  const registers = [registry]
  const enqueued = new Counter({ name: 'executions_enqueued_total', help: 'Executions enqueued, by queue and trigger', labelNames: ['queue', 'trigger'] as const, registers })
  const claimed = new Counter({ name: 'executions_claimed_total', help: 'Executions claimed by workers (attempts started), by queue', labelNames: ['queue'] as const, registers })
  const succeeded = new Counter({ name: 'executions_succeeded_total', help: 'Executions completed successfully, by queue', labelNames: ['queue'] as const, registers })
  const failed = new Counter({ name: 'executions_failed_total', help: 'Executions that ran out of attempts (status failed), by queue', labelNames: ['queue'] as const, registers })
  const attemptsFailed = new Counter({ name: 'execution_attempts_failed_total', help: 'Failed attempts (worker error or lease timeout), by queue and reason', labelNames: ['queue', 'reason'] as const, registers })
  const leasesExpired = new Counter({ name: 'executions_leases_expired_total', help: 'Leases that ran out before the worker completed or failed', labelNames: ['queue'] as const, registers })
  const lag = new Histogram({
    name: 'scheduler_lag_seconds',
    help: 'Enqueue time minus scheduled_for of schedule-triggered executions',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
    registers
  })
  const due = new Gauge({ name: 'scheduler_due_schedules', help: 'Enabled schedules with next_run_at ≤ now after the last tick (capped sample)', registers })
  const evaluationFailures = new Counter({ name: 'scheduler_schedule_evaluation_failures_total', help: 'Schedules whose next occurrence could not be computed', registers })
  const tickDuration = new Histogram({ name: 'scheduler_tick_duration_seconds', help: 'Duration of a scheduler tick', buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers })
  const tickFailures = new Counter({ name: 'scheduler_tick_failures_total', help: 'Ticks that failed (e.g. database unreachable) and were retried with backoff', registers })
  const pruned = new Counter({ name: 'executions_pruned_total', help: 'Finished executions deleted by retention', registers })
  const taskFailures = new Counter({ name: 'scheduler_task_failures_total', help: 'Scheduler task runs that threw', labelNames: ['task'] as const, registers })

  events.on('execution:enqueued', (e) => {
    enqueued.inc({ queue: queueLabel(e.queue), trigger: e.trigger })
    if (e.trigger === 'schedule') lag.observe(Math.max(0, (e.enqueuedAt.getTime() - e.scheduledFor.getTime()) / 1000))
  })
  events.on('execution:claimed', (e) => claimed.inc({ queue: queueLabel(e.queue) }))
  events.on('execution:succeeded', (e) => succeeded.inc({ queue: queueLabel(e.queue) }))
  events.on('execution:attempt-failed', (e) => {
    attemptsFailed.inc({ queue: queueLabel(e.queue), reason: e.reason })
    if (e.final) failed.inc({ queue: queueLabel(e.queue) })
  })
  events.on('lease:expired', (e) => leasesExpired.inc({ queue: queueLabel(e.queue) }))
  events.on('schedule:failed', () => evaluationFailures.inc())
  events.on('tick:done', (s) => {
    tickDuration.observe(s.durationMs / 1000)
    if (s.dueAfter !== null) due.set(s.dueAfter)
  })
  events.on('tick:failed', () => tickFailures.inc())
  events.on('executions:pruned', (e) => pruned.inc(e.count))
  events.on('task:failed', (e) => taskFailures.inc({ task: e.task }))
}
