// A short-lived, per-process cache of API key lookups: without it every request spends one database query on
// its key. An entry lives KEY_CACHE_TTL_MS at most, and dies at once when a key is revoked: the revocation sends
// API_KEY_REVOKED on the database's wake-up channel (NOTIFY on PostgreSQL, so every instance hears it; an
// in-process emitter on PGlite, which is one process), and every cache drops that key. A lost message (a LISTEN
// connection that was down) costs at most the TTL. Unknown tokens are never cached, so a new key works at once.
import type { Database } from '../db/connect.js'
import { findKeyByHash, type ApiKeyRow } from './store.js'

export const API_KEY_REVOKED_CHANNEL = 'recurring_jobs_api_key_revoked'
export const KEY_CACHE_TTL_MS = 5_000
const MAX_ENTRIES = 10_000
const SUBSCRIBE_RETRY_MS = 1_000

/** The started caches of this process: a revocation empties them before its answer goes out. */
const LOCAL = new Set<KeyCache>()

interface Entry { readonly key: ApiKeyRow, readonly expires: number }

export class KeyCache {
  readonly #database: Database
  readonly #ttlMs: number
  readonly #now: () => number
  readonly #byHash = new Map<string, Entry>()
  /** Bumped by every revocation: a lookup that was in flight across one does not store what it read. */
  #epoch = 0
  #unlisten: (() => Promise<void>) | undefined

  constructor (database: Database, options: { ttlMs?: number, now?: () => number } = {}) {
    this.#database = database
    this.#ttlMs = options.ttlMs ?? KEY_CACHE_TTL_MS
    this.#now = options.now ?? (() => performance.now())
  }

  /** Subscribes to revocations; call once before serving. A database that cannot be reached yet does not stop
   * the service from starting: until the subscription stands, nothing is cached (every lookup reads the key), and
   * each lookup retries the subscription at most once a second. */
  async start (): Promise<void> {
    this.#stopped = false
    LOCAL.add(this)
    await this.#subscribe()
  }

  async stop (): Promise<void> {
    this.#stopped = true
    const unlisten = this.#unlisten
    this.#unlisten = undefined
    LOCAL.delete(this)
    this.#byHash.clear()
    // A database that is already gone has no subscription left to end.
    if (unlisten !== undefined) await unlisten().catch(() => {})
  }

  #stopped = false
  #subscribing: Promise<void> | undefined
  #retryAt = 0

  #subscribe (): Promise<void> {
    this.#subscribing ??= this.#database.listen(API_KEY_REVOKED_CHANNEL, (id) => { this.forget(id) }).then(
      async (unlisten) => {
        if (this.#stopped) await unlisten()
        else this.#unlisten = unlisten
      },
      () => { this.#retryAt = this.#now() + SUBSCRIBE_RETRY_MS }
    ).finally(() => { this.#subscribing = undefined })
    return this.#subscribing
  }

  /** The cached key row with this token hash while it is fresh; undefined sends the caller to find(). */
  peek (tokenHash: string): ApiKeyRow | undefined {
    const hit = this.#byHash.get(tokenHash)
    return hit !== undefined && hit.expires > this.#now() ? hit.key : undefined
  }

  /** The key row with this token hash (from the cache while fresh), or null when there is none. */
  async find (tokenHash: string): Promise<ApiKeyRow | null> {
    const now = this.#now()
    const hit = this.#byHash.get(tokenHash)
    if (hit !== undefined) {
      if (hit.expires > now) return hit.key
      this.#byHash.delete(tokenHash)
    }
    const listening = this.#unlisten !== undefined
    if (!listening && !this.#stopped && now >= this.#retryAt) this.#subscribe().catch(() => {})
    const epoch = this.#epoch
    const key = await findKeyByHash(this.#database.db, tokenHash)
    if (listening && key !== null && key.revokedAt === null && epoch === this.#epoch) {
      if (this.#byHash.size >= MAX_ENTRIES) this.#byHash.delete(this.#byHash.keys().next().value!)
      this.#byHash.set(tokenHash, { key, expires: now + this.#ttlMs })
    }
    return key
  }

  /** Drops the key with this id (every key when the id is empty). */
  forget (keyId: string): void {
    this.#epoch++
    if (keyId === '') {
      this.#byHash.clear()
      return
    }
    for (const [hash, entry] of this.#byHash) {
      if (entry.key.id === keyId) this.#byHash.delete(hash)
    }
  }
}

/** Tells every instance's cache that a key is revoked: this process's at once, the others' through the database. */
export async function announceRevocation (database: Database, keyId: string): Promise<void> {
  for (const cache of LOCAL) cache.forget(keyId)
  await database.notify(API_KEY_REVOKED_CHANNEL, keyId)
}
