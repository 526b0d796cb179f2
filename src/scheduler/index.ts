// Attaches the scheduler loop to the app's lifecycle: it starts when the app is ready and stops (sleep aborted,
// current tick awaited) when the app closes. One loop per process; several processes may share one PostgreSQL
// database (CONTRACT §6). tickOnce is exported so tests can drive ticks without the timer.
import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps.js'
import { appEventsOf } from '../plugins/execution-metrics.js'
import { SchedulerLoop, type LoopOptions } from './loop.js'
import type { SchedulerTask } from './task.js'

export type { TickSummary } from '../events.js'
export { SchedulerLoop, MAX_SLEEP_MS } from './loop.js'
export { tickOnce, enqueueDue, type TickDeps, type TickOptions } from './tick.js'
export { RECURRING_JOBS_CHANGED } from './wakeups.js'

export function attachScheduler (app: FastifyInstance, deps: AppDeps, tasks: SchedulerTask[], options: LoopOptions = {}): SchedulerLoop {
  const loop = new SchedulerLoop({
    database: deps.database,
    clock: deps.clock,
    config: deps.config,
    events: appEventsOf(app),
    log: app.log.child({ component: 'scheduler' })
  }, { ...options, tasks })
  app.addHook('onReady', async () => { loop.start() })
  app.addHook('onClose', async () => { await loop.stop() })
  return loop
}
