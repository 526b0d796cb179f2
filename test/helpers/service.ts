// The real service listening on a port, for the SDK's Worker tests (docs/contract.md §11), on both databases.
import { once } from 'node:events'
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { Worker, type Execution, type WorkerOptions, type WorkerInternals } from '../../clients/typescript/src/index.js'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { systemClock } from '../../src/time/clock.js'
import { ADMIN_TOKEN } from './app.js'
import { engines, openTestDb, type TestDatabase } from './db.js'
import { createTenant, type Tenant } from './keys.js'
import { insertSchedule } from './schedules.js'

export interface Service { app: FastifyInstance, url: string, tenant: Tenant, db: TestDatabase }

export async function startService (t: Test, db: TestDatabase, options: { scheduler?: boolean, timeoutSeconds?: number, maxAttempts?: number } = {}): Promise<Service> {
  const config = loadConfig({ SCHEDULER: options.scheduler === true ? 'on' : 'off', LOG_LEVEL: 'silent', ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '100000' })
  const app = await buildApp({ config, database: db.database, clock: systemClock }, { logger: false })
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const tenant = await createTenant(app)
  await insertSchedule(db.database.db, tenant.tenantId, {
    id: 'rjob_sync', cron: '0 0 1 1 *', jobType: 'crm.sync', maxAttempts: options.maxAttempts ?? 3, timeoutSeconds: options.timeoutSeconds ?? 60
  }, new Date())
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, tenant, db }
}

export async function enqueue (s: Service, n = 1, recurringId = 'rjob_sync'): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const res = await s.app.inject({ method: 'POST', url: `/v1/recurring/${recurringId}/trigger`, headers: s.tenant.headers })
    ids.push(res.json().id)
  }
  return ids
}

export async function execution (s: Service, id: string): Promise<Execution> {
  return (await s.app.inject({ method: 'GET', url: `/v1/executions/${id}`, headers: s.tenant.headers })).json()
}

export function worker (t: Test, s: Service, options: Partial<WorkerOptions>, internals: WorkerInternals = {}): Worker {
  const w = new Worker({ baseUrl: s.url, token: s.tenant.token, pollSeconds: 1, handlers: {}, ...options }, { retryBaseMs: 20, maxRetryMs: 200, ...internals })
  t.teardown(() => w.stop({ graceMs: 0 }))
  return w
}

/** Resolves when the worker has emitted `event` n times; collects their first arguments. */
export function collect<E extends 'completed' | 'failed' | 'released' | 'claimed'> (w: Worker, event: E, n: number): Promise<Execution[]> {
  const seen: Execution[] = []
  return new Promise((resolve) => {
    w.on(event, ((e: Execution) => { seen.push(e); if (seen.length === n) resolve(seen) }) as never)
  })
}

/** `promise`, or a rejection naming `what` once `ms` have passed: a test fails instead of waiting for ever. */
export async function within<T> (ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((resolve, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms) })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

export async function eachService (t: Test, name: string, fn: (t: Test, db: TestDatabase) => Promise<void>): Promise<void> {
  await t.test(name, async (t) => {
    for (const engine of engines()) await t.test(`[${engine}]`, async (t) => { await fn(t, await openTestDb(t, engine)) })
  })
}

/**
 * A TCP proxy in front of the service. cut() closes every connection and refuses new ones until restore();
 * freeze() makes every connection silent — open, but nothing passes either way, as behind a dead network path —
 * and new ones are born silent until thaw() (a silent connection stays silent).
 */
export interface TcpProxy { url: string, cut: () => void, restore: () => void, freeze: () => void, thaw: () => void }

export async function tcpProxy (t: Test, targetPort: string): Promise<TcpProxy> {
  const links = new Set<{ client: Socket, upstream: Socket, silent: boolean }>()
  let refusing = false
  let silent = false
  const server: Server = createServer((client) => {
    if (refusing) { client.destroy(); return }
    const upstream = connect(Number(targetPort), '127.0.0.1')
    const link = { client, upstream, silent }
    links.add(link)
    const drop = () => { client.destroy(); upstream.destroy(); links.delete(link) }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    client.on('data', (chunk) => { if (!link.silent) upstream.write(chunk) })
    upstream.on('data', (chunk) => { if (!link.silent) client.write(chunk) })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const destroyAll = () => { for (const l of links) { l.client.destroy(); l.upstream.destroy() } links.clear() }
  t.teardown(() => { destroyAll(); server.close() })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => { refusing = true; destroyAll() },
    restore: () => { refusing = false },
    freeze: () => { silent = true; for (const l of links) l.silent = true },
    thaw: () => { silent = false }
  }
}
