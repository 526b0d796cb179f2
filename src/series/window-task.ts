// The scheduler task that keeps every live series' window filled as days pass (docs/contract.md §7): each run extends
// the windows of up to BATCH series whose generation_due_at has come (the next local midnight, or "now" after a
// failed generation). Idempotent and safe on several instances (FOR UPDATE SKIP LOCKED, unique live index).
import pino from 'pino'
import type { AppDeps } from '../app.js'
import type { SchedulerTask } from '../scheduler/task.js'
import { SeriesService } from './service.js'

export const WINDOW_BATCH = 200
/** A new local day reaches a series' window within this long; an idle run costs one index probe. */
export const WINDOW_INTERVAL_MS = 5 * 60_000

export function seriesWindowTask (deps: AppDeps, options: { batch?: number } = {}): SchedulerTask {
  const log = pino({ level: deps.config.logLevel, name: 'series-windows' })
  const series = SeriesService.withLogger(deps.database.db, deps.clock, deps.config.generationHorizonDays, log)
  const batch = options.batch ?? WINDOW_BATCH
  return {
    name: 'series-windows',
    intervalMs: WINDOW_INTERVAL_MS,
    run: (now) => series.generateDue(now, batch)
  }
}
