// A periodic piece of background work that the scheduler loop runs besides enqueuing cron occurrences
// (e.g. extending job-series windows). run() must be idempotent and bounded: it may be retried, and it may run
// on several instances at once.
export interface SchedulerTask {
  readonly name: string
  /** How often to run, in this clock's milliseconds. */
  readonly intervalMs: number
  /** Does one bounded batch of work; resolves to how many items it handled (a full batch means "call me again soon"). */
  run (now: Date): Promise<number>
}
