// Placeholder until the job-series feature lands: the task that extends series windows.
import type { AppDeps } from '../app.js'
import type { SchedulerTask } from '../scheduler/task.js'

export function seriesWindowTask (_deps: AppDeps): SchedulerTask {
  return { name: 'series-windows', intervalMs: 60_000, run: async () => 0 }
}
