// buildTestApp: the real app with an injected ManualClock, SCHEDULER=off unless asked, its own database, the
// admin API on, and teardown registered on the test.
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { ManualClock } from '../../src/time/clock.js'
import { engines, openTestDb, type Engine, type TestDatabase } from './db.js'

export const ADMIN_TOKEN = 'test-admin-token-0123456789'

export interface TestApp {
  app: FastifyInstance
  clock: ManualClock
  config: Config
  db: TestDatabase
}

export interface TestAppOptions {
  env?: Record<string, string>
  now?: string
  db?: TestDatabase
  /** Shared with another app (two instances on one clock); `now` is then ignored. */
  clock?: ManualClock
}

export async function buildTestApp (t: Test, engine: Engine, options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? await openTestDb(t, engine)
  const config = loadConfig({ SCHEDULER: 'off', LOG_LEVEL: 'silent', ADMIN_TOKEN, ...options.env })
  const clock = options.clock ?? new ManualClock(options.now ?? '2026-03-24T15:00:00Z')
  const app = await buildApp({ config, database: db.database, clock }, { logger: false })
  t.teardown(() => app.close())
  await app.ready()
  return { app, clock, config, db }
}

/** Runs fn once per engine with a fresh app, as subtests `[pglite]` / `[postgres]`. */
export async function eachApp (t: Test, fn: (t: Test, ctx: TestApp) => Promise<void>, options: TestAppOptions = {}): Promise<void> {
  for (const engine of engines()) {
    await t.test(`[${engine}]`, async (t) => { await fn(t, await buildTestApp(t, engine, options)) })
  }
}
