// The per-key rate limit's count (docs/contract.md §9, §10 "Abuse"; plugins/rate-limit.ts answers with it): RATE_LIMIT_PER_MINUTE
// holds for a key across every instance sharing one PostgreSQL database, in fixed one-minute windows of the
// service's one clock (so every instance agrees where a window starts and ends).
//
// No request pays a database round trip of its own: an instance leases a block of the allowance (1/20 of it, at
// least 1) with one upsert on rate_limit_windows and serves requests from that block until it is used up. Leases
// are handed out in the order the database serializes them, and an instance keeps only the part of a block that is
// still under the limit, so the instances together never pass more than the limit in a window; what an instance
// leased and did not use (at most one block each) is lost to the others for that window.
//
// On embedded PGlite the database is one process (one instance per DATA_DIR), so the count stays in this process:
// the same leases against an in-memory counter, exact and without queries.
import { lt, sql } from 'drizzle-orm'
import type { Database, Executor } from '../db/connect.js'
import { rateLimitWindows } from '../db/tables.js'
import type { Clock } from '../time/clock.js'

/** The shared count of each key's window. */
export interface WindowCounter {
  /** Adds `amount` to the count of `key` in the window starting at `windowStart`; resolves to the new count. */
  add (key: string, windowStart: Date, amount: number): Promise<number>
  /** Forgets every window that started before `before`. */
  prune (before: Date): Promise<void>
}

/** rate_limit_windows on PostgreSQL: one atomic upsert per lease. */
export function databaseWindowCounter (db: Executor): WindowCounter {
  return {
    async add (key, windowStart, amount) {
      const [row] = await db.insert(rateLimitWindows)
        .values({ windowStart, key, count: amount })
        .onConflictDoUpdate({
          target: [rateLimitWindows.windowStart, rateLimitWindows.key],
          set: { count: sql`${rateLimitWindows.count} + excluded.count` }
        })
        .returning({ count: rateLimitWindows.count })
      return row!.count
    },
    async prune (before) {
      await db.delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, before))
    }
  }
}

/** The count of one process (PGlite, or a test). */
export function memoryWindowCounter (): WindowCounter {
  const counts = new Map<string, { windowStart: number, count: number }>()
  return {
    async add (key, windowStart, amount) {
      const id = `${windowStart.getTime()} ${key}`
      const entry = counts.get(id) ?? { windowStart: windowStart.getTime(), count: 0 }
      entry.count += amount
      counts.set(id, entry)
      return entry.count
    },
    async prune (before) {
      for (const [id, entry] of counts) if (entry.windowStart < before.getTime()) counts.delete(id)
    }
  }
}

export function windowCounterFor (database: Database): WindowCounter {
  return database.supports.concurrentConnections ? databaseWindowCounter(database.db) : memoryWindowCounter()
}

/** How much of the allowance one lease takes: 1/20 of the limit, at least 1. */
export function leaseBlock (max: number): number {
  return Math.max(1, Math.floor(max / 20))
}

/** After a failed lease, how long an instance counts on its own before it asks the database again. */
export const OFFLINE_RETRY_MS = 5_000

interface KeyWindow {
  readonly start: number
  /** Units of this instance's leases not yet handed out. */
  left: number
  /** The window's count after this instance's last lease, capped at the limit. */
  leased: number
  /** The window's count reached the limit: nothing more to lease until the next window. */
  exhausted: boolean
  /** Requests this instance let through in this window (the count it falls back on). */
  allowed: number
  /** Until then the database is not asked again (a lease failed). */
  offlineUntil: number
  lease: Promise<void> | undefined
}

export interface RateLimitStoreOptions {
  counter: WindowCounter
  clock: Clock
  /** Told about a lease that failed (once per OFFLINE_RETRY_MS at most, per key). */
  onLeaseError?: (error: unknown) => void
}

export type Counted = { current: number, ttl: number }

export class SharedRateLimitStore {
  readonly #counter: WindowCounter
  readonly #clock: Clock
  readonly #onLeaseError: (error: unknown) => void
  readonly #windows = new Map<string, KeyWindow>()
  #currentStart = -Infinity

  constructor (options: RateLimitStoreOptions) {
    this.#counter = options.counter
    this.#clock = options.clock
    this.#onLeaseError = options.onLeaseError ?? (() => {})
  }

  /**
   * Counts one request of `key`; `current` above `max` means refused, `ttl` is what is left of the window (ms).
   * The answer comes at once while this instance holds part of a lease (nearly every request), and as a promise
   * only when a lease has to be asked for first.
   */
  take (key: string, timeWindow: number, max: number): Counted | Promise<Counted> {
    const now = this.#clock.now().getTime()
    const start = now - (((now % timeWindow) + timeWindow) % timeWindow)
    const ttl = start + timeWindow - now
    if (start > this.#currentStart) this.#advance(start, timeWindow)
    let window = this.#windows.get(key)
    if (window === undefined || window.start !== start) {
      window = { start, left: 0, leased: 0, exhausted: false, allowed: 0, offlineUntil: -Infinity, lease: undefined }
      this.#windows.set(key, window)
    }
    return this.#count(key, window, ttl, max)
  }

  #count (key: string, window: KeyWindow, ttl: number, max: number): Counted | Promise<Counted> {
    if (window.left > 0) {
      window.left--
      window.allowed++
      return { current: window.leased - window.left, ttl }
    }
    if (window.exhausted) return { current: max + 1, ttl }
    if (this.#clock.now().getTime() < window.offlineUntil) {
      // Fail open: while the shared count cannot be reached, this instance holds the key to the limit on its own
      // (the per-instance limit of old) instead of refusing everyone or answering 500. A database that is really
      // down answers the request 503 elsewhere anyway; this covers a failing lease on a database that still serves.
      if (window.allowed >= max) return { current: max + 1, ttl }
      window.allowed++
      return { current: window.allowed, ttl }
    }
    // Concurrent requests of one key on this instance wait for one lease instead of each taking a block.
    window.lease ??= this.#lease(key, window, max).finally(() => { window.lease = undefined })
    return window.lease.then(() => this.#count(key, window, ttl, max))
  }

  async #lease (key: string, window: KeyWindow, max: number): Promise<void> {
    const block = leaseBlock(max)
    try {
      const count = await this.#counter.add(key, new Date(window.start), block)
      const granted = Math.max(0, Math.min(block, max - (count - block)))
      window.left += granted
      window.leased = Math.min(count, max)
      window.exhausted = count >= max
    } catch (error) {
      window.offlineUntil = this.#clock.now().getTime() + OFFLINE_RETRY_MS
      this.#onLeaseError(error)
    }
  }

  /** A new window began: forget this instance's older ones, and the database's (keeping the one just ended, which a
   * slightly late clock of another instance may still be counting in). */
  #advance (start: number, timeWindow: number): void {
    this.#currentStart = start
    for (const [key, window] of this.#windows) if (window.start < start && window.lease === undefined) this.#windows.delete(key)
    this.#counter.prune(new Date(start - timeWindow)).catch(() => { /* the next window prunes again */ })
  }
}
