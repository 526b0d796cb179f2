// Long-poll wake-ups (CONTRACT §11): a claim that found nothing waits here, holding no database connection,
// until an execution of its tenant and queues may have become claimable. Whoever makes one claimable (enqueue,
// retry, release, expired lease) calls announce() after its commit; the news reaches the other instances through
// LISTEN/NOTIFY on PostgreSQL (one NOTIFY per tenant and queue per turn of the event loop) and this process's
// waiters directly. An execution claimable only later (a retry after backoff) arms a timer for that instant. A
// wake-up is only a hint: the woken claim re-reads the database, and a lost one costs at most the wait.
import type { Database } from '../db/connect.js'
import type { Clock } from '../time/clock.js'

export const EXECUTIONS_CLAIMABLE = 'executions_claimable'

/** NOTIFY payloads stay under PostgreSQL's 8000-byte limit. */
const MAX_PAYLOAD_CHARS = 7_000

type Announcement = [tenantId: string, queue: string, availableAtMs: number]

export interface WakeupLog { warn (obj: object, msg?: string): void }

export interface ClaimWaiter {
  /** True once a wake-up for one of its queues arrived since the last reset(). */
  readonly woken: boolean
  reset (): void
  /** Resolves when woken, when `ms` have passed (by the clock), when `signal` aborts or the wake-ups close. */
  wait (ms: number, signal?: AbortSignal): Promise<void>
  dispose (): void
}

interface Watcher { woken: boolean, resolve: (() => void) | null }

export class ClaimWakeups {
  readonly #database: Database
  readonly #clock: Clock
  readonly #log: WakeupLog | undefined
  readonly #watchers = new Map<string, Set<Watcher>>()
  /** Per tenant and queue: the earliest armed timer for a future available_at. */
  readonly #timers = new Map<string, { atMs: number, abort: AbortController }>()
  #pending = new Map<string, number>()
  #flushScheduled = false
  #listening: Promise<void> | null = null
  #unlisten: (() => Promise<void>) | null = null
  readonly #closing = new AbortController()

  constructor (database: Database, clock: Clock, log?: WakeupLog) {
    this.#database = database
    this.#clock = clock
    this.#log = log
  }

  get closed (): boolean { return this.#closing.signal.aborted }

  /** Subscribes to other instances' announcements (once; again after a failure). */
  async listen (): Promise<void> {
    if (this.closed) return
    this.#listening ??= this.#database.listen(EXECUTIONS_CLAIMABLE, (payload) => this.#receive(payload))
      .then((unlisten) => {
        if (this.closed) return unlisten()
        this.#unlisten = unlisten
      })
      .catch((error: unknown) => {
        this.#listening = null
        this.#log?.warn({ err: error }, 'cannot listen for claimable executions yet; long-polls rely on their own re-reads')
      })
    await this.#listening
  }

  /** An execution of `tenantId` in `queue` is claimable from `availableAt` (committed already). */
  announce (tenantId: string, queue: string, availableAt: Date): void {
    if (this.closed) return
    const key = keyOf(tenantId, queue)
    const atMs = availableAt.getTime()
    this.#arrive(key, atMs)
    if (!this.#database.supports.listenNotify) {
      // PGlite: one process; the in-process emitter reaches every app on this database.
      this.#database.notify(EXECUTIONS_CLAIMABLE, JSON.stringify([[tenantId, queue, atMs]])).catch(() => {})
      return
    }
    const previous = this.#pending.get(key)
    if (previous === undefined || atMs < previous) this.#pending.set(key, atMs)
    if (!this.#flushScheduled) {
      this.#flushScheduled = true
      setImmediate(() => { this.#flush() })
    }
  }

  /** A watcher on the tenant's queues, registered before the claim so that no wake-up falls between the two. */
  watch (tenantId: string, queues: readonly string[]): ClaimWaiter {
    const watcher: Watcher = { woken: false, resolve: null }
    const keys = queues.map((q) => keyOf(tenantId, q))
    for (const key of keys) {
      let set = this.#watchers.get(key)
      if (set === undefined) this.#watchers.set(key, set = new Set())
      set.add(watcher)
    }
    return {
      get woken () { return watcher.woken },
      reset: () => { watcher.woken = false },
      wait: async (ms, signal) => {
        if (watcher.woken || this.closed || ms <= 0 || signal?.aborted === true) return
        const stop = new AbortController()
        const onStop = () => stop.abort()
        this.#closing.signal.addEventListener('abort', onStop, { once: true })
        signal?.addEventListener('abort', onStop, { once: true })
        watcher.resolve = onStop
        try {
          await this.#clock.sleep(ms, stop.signal)
        } finally {
          watcher.resolve = null
          this.#closing.signal.removeEventListener('abort', onStop)
          signal?.removeEventListener('abort', onStop)
        }
      },
      dispose: () => {
        for (const key of keys) {
          const set = this.#watchers.get(key)
          set?.delete(watcher)
          if (set?.size === 0) this.#watchers.delete(key)
        }
      }
    }
  }

  /** Ends every wait (they answer `{data: []}`) and stops listening. */
  async close (): Promise<void> {
    if (this.closed) return
    this.#closing.abort()
    for (const timer of this.#timers.values()) timer.abort.abort()
    this.#timers.clear()
    await this.#listening
    const unlisten = this.#unlisten
    this.#unlisten = null
    if (unlisten !== null) await unlisten().catch(() => {})
  }

  #flush (): void {
    this.#flushScheduled = false
    const items: Announcement[] = []
    for (const [key, atMs] of this.#pending) {
      const [tenantId, queue] = JSON.parse(key) as [string, string]
      items.push([tenantId, queue, atMs])
    }
    this.#pending = new Map()
    for (const payload of chunk(items)) {
      this.#database.notify(EXECUTIONS_CLAIMABLE, payload).catch((error: unknown) => {
        this.#log?.warn({ err: error }, 'could not announce claimable executions to other instances')
      })
    }
  }

  #receive (payload: string): void {
    let items: unknown
    try { items = JSON.parse(payload) } catch { return }
    if (!Array.isArray(items)) return
    for (const item of items) {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'string' || typeof item[2] !== 'number') continue
      this.#arrive(keyOf(item[0], item[1]), item[2])
    }
  }

  /** Wakes the key's watchers now, or arms a timer when the execution is claimable only later. */
  #arrive (key: string, atMs: number): void {
    if (this.closed) return
    const delayMs = atMs - this.#clock.now().getTime()
    if (delayMs <= 0) { this.#wake(key); return }
    this.armAt(key, atMs)
  }

  /** Wakes the key's watchers at `atMs` (keeps an earlier timer that is already armed). */
  armAt (key: string, atMs: number): void {
    const armed = this.#timers.get(key)
    if (armed !== undefined && armed.atMs <= atMs) return
    armed?.abort.abort()
    const abort = new AbortController()
    this.#timers.set(key, { atMs, abort })
    // eslint-disable-next-line no-void -- the sleep never rejects; the timer's only effect is the wake-up
    void this.#clock.sleep(atMs - this.#clock.now().getTime(), abort.signal).then(() => {
      if (abort.signal.aborted) return
      this.#timers.delete(key)
      this.#wake(key)
    })
  }

  #wake (key: string): void {
    for (const watcher of this.#watchers.get(key) ?? []) {
      watcher.woken = true
      watcher.resolve?.()
    }
  }
}

export function keyOf (tenantId: string, queue: string): string {
  return JSON.stringify([tenantId, queue])
}

function chunk (items: Announcement[]): string[] {
  const payloads: string[] = []
  let current: Announcement[] = []
  let size = 2
  for (const item of items) {
    const length = JSON.stringify(item).length + 1
    if (current.length > 0 && size + length > MAX_PAYLOAD_CHARS) {
      payloads.push(JSON.stringify(current))
      current = []
      size = 2
    }
    current.push(item)
    size += length
  }
  if (current.length > 0) payloads.push(JSON.stringify(current))
  return payloads
}
