// Turns DATABASE_URL into one Database: PostgreSQL through postgres.js, or embedded PGlite (on disk or in memory).
// Code asks about capabilities (`supports`), never about a product name, so the same code runs on both.
import { EventEmitter } from 'node:events'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { sql, type SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as tables from './tables.js'
import { CONNECT_TIMEOUT_MS, Watchdog } from './watchdog.js'

export type Tables = typeof tables
/** A database handle or an open transaction: store functions take one as their first argument. */
export type Executor = PgDatabase<PgQueryResultHKT, Tables>

export interface Database {
  readonly kind: 'postgres' | 'pglite'
  readonly db: Executor
  readonly supports: { readonly listenNotify: boolean, readonly concurrentConnections: boolean }
  /** Subscribes to wake-up messages on a channel; resolves to an unsubscribe function. */
  listen (channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  /** Sends a wake-up message; a lost message only costs latency, never correctness. */
  notify (channel: string, payload?: string): Promise<void>
  /** Runs `listener` each time the database answers again after an outage (PostgreSQL; PGlite never goes away). */
  onRestored? (listener: () => void): void
  close (): Promise<void>
}

export interface ConnectOptions {
  /** postgres://… , memory:// , or undefined for PGlite persisted in dataDir. */
  url?: string | undefined
  dataDir?: string
  /** Pool size for PostgreSQL. */
  max?: number
  /** An already open PGlite instance (tests clone a migrated template). */
  pglite?: PGlite
}

/** The rows of a raw result: postgres.js answers an array, PGlite `{ rows }`. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[]

/** Rows of a raw `db.execute`. */
export async function queryRows<T extends Record<string, unknown>> (db: Executor, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query))
}

/**
 * Rows of a statement whose text never changes (its values are the `params`, $1…), sent as a prepared statement:
 * postgres.js prepares it once per connection, and after that each call is one round trip with no parse or plan
 * (db.execute would send Parse + Describe and wait, then Bind + Execute: two round trips, and a parse and plan
 * each time). PGlite runs it as any other. drizzle's prepared queries are what select().prepare(name) builds; a
 * raw statement reaches them through the session, which drizzle does not export for this.
 */
export async function preparedRows<T extends Record<string, unknown>> (db: Executor, text: string, params: readonly unknown[]): Promise<T[]> {
  const { session } = db as unknown as { session: { client: unknown, prepareQuery (query: { sql: string, params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute (): Promise<unknown> } } }
  // postgres.js (the pool or a transaction, as the watchdog guards it): straight to the driver, which is what
  // drizzle's prepared query does after its tracing and cache layers; drizzle configured its value parsers.
  const client = session.client as { unsafe?: (text: string, params: unknown[], options: { prepare: boolean }) => Promise<T[]> }
  if (typeof client.unsafe === 'function') return await client.unsafe(text, [...params], { prepare: true })
  return rowsOf<T>(await session.prepareQuery({ sql: text, params: [...params] }, undefined, 'prepared', false).execute())
}

/** preparedRows for a statement written with drizzle's sql template (its text must be the same on every call). */
export async function preparedSqlRows<T extends Record<string, unknown>> (db: Executor, query: SQL): Promise<T[]> {
  const { dialect } = db as unknown as { dialect: { sqlToQuery (query: SQL): { sql: string, params: unknown[] } } }
  const { sql: text, params } = dialect.sqlToQuery(query)
  return preparedRows<T>(db, text, params)
}

/**
 * Maps raw rows (the drivers' values, by column name) as drizzle would map a select of `columns` (key → column):
 * for statements run without drizzle's query builder (preparedRows).
 */
export function rowMapper<Row> (columns: Record<string, { name: string, mapFromDriverValue (value: unknown): unknown }>): (raw: Record<string, unknown>) => Row {
  const byName = Object.entries(columns).map(([key, column]) => ({ key, name: column.name, column }))
  return (raw) => {
    const row: Record<string, unknown> = {}
    for (const { key, name, column } of byName) {
      const value = raw[name]
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
    }
    return row as Row
  }
}

export function isPostgresUrl (url: string | undefined): boolean {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url)
}

export async function openDatabase (options: ConnectOptions): Promise<Database> {
  if (isPostgresUrl(options.url)) return openPostgres(options.url as string, options.max ?? 10)
  if (options.pglite !== undefined) return wrapPglite(options.pglite)
  if (options.url === undefined || options.url === '') {
    const dir = options.dataDir ?? './data'
    mkdirSync(dir, { recursive: true })
    if (!existsSync(join(dir, 'PG_VERSION'))) await initializeInChild(dir)
    return wrapPglite(await PGlite.create(dir, PGLITE_OPTIONS))
  }
  if (options.url === 'memory://') return wrapPglite(await PGlite.create(PGLITE_OPTIONS))
  throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, or be memory:// (got "${options.url.split(':')[0]}:…")`)
}

/**
 * PGlite's postgresql.conf asks for shared_buffers=128MB, which grows the WebAssembly memory by that much for
 * good (idle RSS ~380 MB); one embedded connection is served as well by 16MB (idle ~270 MB measured).
 */
export const PGLITE_OPTIONS = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] }

/** First start of an on-disk PGlite: run initdb in a child process (see init-pglite.ts); on failure, in here. */
async function initializeInChild (dir: string): Promise<void> {
  const script = fileURLToPath(new URL(`./init-pglite${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url))
  try {
    await promisify(execFile)(process.execPath, [...process.execArgv, script, dir], { timeout: 120_000 })
  } catch {
    // PGlite.create in this process initializes the directory instead: slower on memory, same result.
  }
}

/**
 * Settings of every session this process opens. docs/contract.md §10: an instance frozen (SIGSTOP) inside a transaction
 * must not hold its row locks (due schedules, claimed executions) for as long as it is frozen; the server ends a
 * session that sits idle inside a transaction this long, which rolls it back and frees the rows for the other
 * instances. Our transactions never wait on anything but the database between statements.
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 5_000
const SESSION_SETTINGS = { idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS }

/**
 * Resolves once a fresh connection to `url` answers `select 1` within `timeoutMs`; rejects with the driver's error
 * (refused, unknown host, authentication, no such database) or, for a server that accepts the connection and then
 * says nothing, with CONNECT_TIMEOUT: postgres.js would retry that handshake for as long as a query waits.
 */
export async function probePostgres (url: string, timeoutMs: number): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: timeoutMs / 1000 })
  let timer: NodeJS.Timeout | undefined
  const silent = new Promise<never>((_resolve, reject) => {
    const { hostname, port } = new URL(url.replace(/@[^/?#]*/, (hosts) => hosts.split(',')[0]!))
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer from ${hostname || 'localhost'}:${port || 5432} within ${(timeoutMs / 1000).toFixed(1)} s`), { code: 'CONNECT_TIMEOUT' })), timeoutMs)
  })
  try {
    await Promise.race([client`select 1`, silent])
  } finally {
    clearTimeout(timer)
    await client.end({ timeout: 0 })
  }
}

function openPostgres (url: string, max: number): Database {
  // docs/contract.md §10: no query waits on a database that stopped answering (watchdog.ts), and reconnects after an
  // outage come at most half a second apart instead of postgres.js's default backoff of up to 20 s.
  const watchdog = new Watchdog(url)
  const client = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: CONNECT_TIMEOUT_MS / 1000,
    idle_timeout: 60,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    socket: watchdog.openSocket,
    connection: SESSION_SETTINGS
  } as unknown as postgres.Options<Record<string, postgres.PostgresType>>)
  const db = drizzlePostgres(watchdog.guard(client), { schema: tables }) as unknown as Executor
  return {
    kind: 'postgres',
    db,
    supports: { listenNotify: true, concurrentConnections: true },
    async listen (channel, onMessage) {
      const subscription = await client.listen(channel, onMessage)
      return async () => { await subscription.unlisten() }
    },
    async notify (channel, payload = '') {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`)
    },
    onRestored (listener) { watchdog.onRestored(listener) },
    async close () {
      watchdog.close()
      await client.end({ timeout: 5 })
    }
  }
}

function wrapPglite (client: PGlite): Database {
  // PGlite is one connection in this process, so an in-process emitter is an exact stand-in for LISTEN/NOTIFY.
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const db = drizzlePglite(client, { schema: tables }) as unknown as Executor
  return {
    kind: 'pglite',
    db,
    supports: { listenNotify: false, concurrentConnections: false },
    async listen (channel, onMessage) {
      emitter.on(channel, onMessage)
      return async () => { emitter.off(channel, onMessage) }
    },
    async notify (channel, payload = '') { emitter.emit(channel, payload) },
    onRestored () {},
    async close () { if (!client.closed) await client.close() }
  }
}
