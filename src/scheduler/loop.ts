// The one scheduler loop of a process: tick, run due tasks, sleep until the earliest next_run_at (at most
// maxSleepMs, so an expired lease is noticed within 5 s), or less when woken by a wake-up message. It never holds
// a transaction while it sleeps. Failures (database down, a bug) never escape: they are logged and the loop
// retries after a capped exponential backoff with jitter. stop() aborts the sleep and awaits the current tick.
import type { AppEvents } from '../events.js'
import type { SchedulerTask } from './task.js'
import { DEFAULTS, tickOnce, type SchedulerLog, type TickDeps, type TickOptions } from './tick.js'
import { listenForWakeups } from './wakeups.js'

export const MAX_SLEEP_MS = 5_000
/** How often retention runs when it has no backlog. */
export const PRUNE_INTERVAL_MS = 60_000
/** After a tick that found nothing to do while schedules are still due (locked by another instance). */
const IDLE_DUE_SLEEP_MS = 25
/** A task that handled items is called again this soon (it may have more). */
const TASK_AGAIN_MS = 250

/** Delay before retrying after `failures` consecutive failed ticks: 250 ms × 2^(n−1), capped at 10 s, × [0.5, 1]. */
export function loopRetryDelayMs (failures: number, random: number): number {
  const base = Math.min(250 * 2 ** Math.min(Math.max(failures - 1, 0), 10), 10_000)
  return Math.round(base * (0.5 + 0.5 * Math.min(Math.max(random, 0), 1)))
}

export interface LoopDeps extends TickDeps {
  readonly events: AppEvents
  readonly log: SchedulerLog
}

export interface LoopOptions extends TickOptions {
  readonly tasks?: readonly SchedulerTask[]
  readonly maxSleepMs?: number
}

export class SchedulerLoop {
  readonly #deps: LoopDeps
  readonly #options: LoopOptions
  readonly #random: () => number
  #stopped = false
  #running: Promise<void> | null = null
  #sleep: AbortController | null = null
  #wakeRequested = false
  #nextPruneMs = -Infinity
  readonly #taskDueMs = new Map<SchedulerTask, number>()

  constructor (deps: LoopDeps, options: LoopOptions = {}) {
    this.#deps = deps
    this.#options = options
    this.#random = deps.random ?? Math.random
  }

  get running (): boolean { return this.#running !== null && !this.#stopped }

  start (): void {
    if (this.#running !== null) return
    this.#stopped = false
    this.#running = this.#run()
  }

  /** Ends the current sleep (or makes the loop skip the next one): something may be due earlier. */
  wake (): void {
    this.#wakeRequested = true
    this.#sleep?.abort()
  }

  async stop (): Promise<void> {
    this.#stopped = true
    this.#sleep?.abort()
    await this.#running
    this.#running = null
  }

  async #run (): Promise<void> {
    const { clock, log, events } = this.#deps
    const maxSleepMs = this.#options.maxSleepMs ?? MAX_SLEEP_MS
    let unlisten: (() => Promise<void>) | null = null
    let failures = 0
    while (!this.#stopped) {
      let sleepMs: number
      if (unlisten === null) {
        // Subscribed lazily, and again after a failure (the database may be down at start). Without it the loop
        // still works: wake-ups only save latency.
        try {
          unlisten = await listenForWakeups(this.#deps.database, () => this.wake())
        } catch (error) {
          log.warn({ err: error }, 'cannot listen for wake-ups yet; polling every few seconds meanwhile')
        }
      }
      try {
        this.#wakeRequested = false
        const nowMs = clock.now().getTime()
        const prune = nowMs >= this.#nextPruneMs
        const summary = await tickOnce(this.#deps, { ...this.#options, prune })
        if (prune) this.#nextPruneMs = summary.pruned >= (this.#options.pruneBatchSize ?? DEFAULTS.pruneBatchSize) ? nowMs : nowMs + PRUNE_INTERVAL_MS
        const taskDueMs = await this.#runDueTasks()
        failures = 0
        const afterMs = clock.now().getTime()
        const dueMs = summary.nextDueAt?.getTime() ?? Infinity
        if (summary.moreWork) {
          sleepMs = 0
        } else if (dueMs <= afterMs) {
          // Still due after a tick: either it became due during the tick (go again) or another instance holds it.
          sleepMs = summary.enqueued > 0 ? 0 : IDLE_DUE_SLEEP_MS
        } else {
          sleepMs = Math.min(maxSleepMs, dueMs - afterMs, Math.max(0, taskDueMs - afterMs))
        }
      } catch (error) {
        failures++
        sleepMs = loopRetryDelayMs(failures, this.#random())
        log.error({ err: error, consecutiveFailures: failures, retryInMs: sleepMs }, 'scheduler tick failed; retrying')
        events.emitSafely('tick:failed', { error, retryInMs: sleepMs, consecutiveFailures: failures })
      }
      if (this.#stopped) break
      if (this.#wakeRequested) continue
      this.#sleep = new AbortController()
      await clock.sleep(sleepMs, this.#sleep.signal)
      this.#sleep = null
    }
    if (unlisten !== null) {
      try { await unlisten() } catch (error) { log.warn({ err: error }, 'could not stop listening for wake-ups') }
    }
  }

  /** Runs every task whose time has come; resolves to the earliest time a task is due next (ms). */
  async #runDueTasks (): Promise<number> {
    const { clock, log, events } = this.#deps
    let earliest = Infinity
    for (const task of this.#options.tasks ?? []) {
      if (this.#stopped) break
      const nowMs = clock.now().getTime()
      const dueMs = this.#taskDueMs.get(task) ?? nowMs
      if (dueMs <= nowMs) {
        let again = task.intervalMs
        try {
          const handled = await task.run(new Date(nowMs))
          // SchedulerTask: handling items may mean a full batch with more waiting, so come back soon.
          if (handled > 0) again = Math.min(task.intervalMs, TASK_AGAIN_MS)
        } catch (error) {
          log.error({ err: error, task: task.name }, 'scheduler task failed; it runs again at its next interval')
          events.emitSafely('task:failed', { task: task.name, error })
        }
        this.#taskDueMs.set(task, clock.now().getTime() + again)
      }
      earliest = Math.min(earliest, this.#taskDueMs.get(task) ?? Infinity)
    }
    return earliest
  }
}
