// What the schedule-control tests (docs/contract.md §12, §13) share: one tenant's requests (the recurring client plus
// the worker protocol, the ledger, backfill and history), a tick on the injected clock, and the ledger as
// "HH:MM outcome" lines.
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { openDatabase, type Database } from '../../src/db/connect.js'
import { tickOnce } from '../../src/scheduler/tick.js'
import type { ManualClock } from '../../src/time/clock.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import type { Tenant } from '../helpers/keys.js'
import { client } from './client.js'

export type Json = Record<string, any>

/** One scheduler tick of `database` (default: the app's) at the clock's instant; backoff jitter 0 (factor 0.5). */
export const tick = (ctx: Pick<TestApp, 'db' | 'clock'>, database: Database = ctx.db.database) =>
  tickOnce({ database, clock: ctx.clock, config: { executionRetentionDays: 14 }, random: () => 0 })

export function api (app: FastifyInstance, tenant: Tenant) {
  const send = async (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: tenant.headers, ...(payload === undefined ? {} : { payload: payload as object }) })
  return {
    ...client(app, tenant.headers),
    claim: async (worker = 'w1', limit = 10, queues?: string[]) =>
      (await send('POST', '/v1/executions/claim', { worker_id: worker, limit, ...(queues === undefined ? {} : { queues }) })).json().data as Json[],
    complete: (id: string, worker = 'w1') => send('POST', `/v1/executions/${id}/complete`, { worker_id: worker }),
    fail: (id: string, worker = 'w1') => send('POST', `/v1/executions/${id}/fail`, { worker_id: worker, error: 'boom' }),
    heartbeat: (id: string, worker = 'w1') => send('POST', `/v1/executions/${id}/heartbeat`, { worker_id: worker }),
    trigger: (id: string) => send('POST', `/v1/recurring/${id}/trigger`),
    /** The schedule's executions, oldest first (at most 1000). */
    executions: async (id: string) => ((await send('GET', `/v1/executions?recurring_id=${id}&limit=1000`)).json().data as Json[]).reverse(),
    ledger: async (id: string, from: string, to: string) => (await send('GET', `/v1/recurring/${id}/occurrences?from=${from}&to=${to}`)).json(),
    backfill: (id: string, body: unknown) => send('POST', `/v1/recurring/${id}/backfill`, body),
    history: (id: string) => send('GET', `/v1/recurring/${id}/history`)
  }
}

export type Api = ReturnType<typeof api>

/** The ledger as `HH:MM outcome` lines (`HH:MM:SS` when `seconds`). */
export const outcomes = (ledger: Json, seconds = false) =>
  (ledger.data as Json[]).map((o) => `${o.scheduled_for.slice(11, seconds ? 19 : 16)} ${o.outcome}`)

/** `2026-03-24T` + hh:mm[:ss] + `Z`. */
export const day = (hhmm: string) => `2026-03-24T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}Z`

/** Sets the clock to 2026-03-24 hh:mm[:ss] UTC. */
export const setTime = (clock: ManualClock, hhmm: string) => clock.set(day(hhmm))

/**
 * A second service instance on the same database and clock: on PostgreSQL with its own connection pool (as another
 * process would have), on PGlite (one connection) a second app on the same database.
 */
export async function secondInstance (t: Test, ctx: TestApp): Promise<TestApp> {
  if (!ctx.db.database.supports.concurrentConnections) return buildTestApp(t, ctx.db.engine, { db: ctx.db, clock: ctx.clock })
  const database = await openDatabase({ url: ctx.db.url, max: 10 })
  t.teardown(() => database.close())
  return buildTestApp(t, 'postgres', { db: { engine: 'postgres', database, url: ctx.db.url }, clock: ctx.clock })
}
