// The SDK's Worker (CONTRACT §11) against the real service listening on a port, on both databases.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { createClient, Worker, type Execution, type WorkerOptions, type WorkerInternals } from '../../clients/typescript/src/index.js'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { systemClock } from '../../src/time/clock.js'
import { ADMIN_TOKEN } from '../helpers/app.js'
import { engines, openTestDb, type TestDatabase } from '../helpers/db.js'
import { createTenant, type Tenant } from '../helpers/keys.js'
import { insertSchedule } from '../helpers/schedules.js'

interface Service { app: FastifyInstance, url: string, tenant: Tenant, db: TestDatabase }

async function startService (t: Test, db: TestDatabase, options: { scheduler?: boolean, timeoutSeconds?: number, maxAttempts?: number } = {}): Promise<Service> {
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

async function enqueue (s: Service, n = 1, recurringId = 'rjob_sync'): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const res = await s.app.inject({ method: 'POST', url: `/v1/recurring/${recurringId}/trigger`, headers: s.tenant.headers })
    ids.push(res.json().id)
  }
  return ids
}

async function execution (s: Service, id: string): Promise<Execution> {
  return (await s.app.inject({ method: 'GET', url: `/v1/executions/${id}`, headers: s.tenant.headers })).json()
}

function worker (t: Test, s: Service, options: Partial<WorkerOptions>, internals: WorkerInternals = {}): Worker {
  const w = new Worker({ baseUrl: s.url, token: s.tenant.token, pollSeconds: 1, handlers: {}, ...options }, { retryBaseMs: 20, maxRetryMs: 200, ...internals })
  t.teardown(() => w.stop({ graceMs: 0 }))
  return w
}

/** Resolves when the worker has emitted `event` n times; collects their first arguments. */
function collect<E extends 'completed' | 'failed' | 'released' | 'claimed'> (w: Worker, event: E, n: number): Promise<Execution[]> {
  const seen: Execution[] = []
  return new Promise((resolve) => {
    w.on(event, ((e: Execution) => { seen.push(e); if (seen.length === n) resolve(seen) }) as never)
  })
}

async function eachService (t: Test, name: string, fn: (t: Test, db: TestDatabase) => Promise<void>): Promise<void> {
  await t.test(name, async (t) => {
    for (const engine of engines()) await t.test(`[${engine}]`, async (t) => { await fn(t, await openTestDb(t, engine)) })
  })
}

t.test('Worker', async (t) => {
  await eachService(t, 'registers its schedules at start', async (t, db) => {
    const s = await startService(t, db)
    const w = worker(t, s, { schedules: [{ job_type: 'reports.daily', cron_expression: '0 3 * * *', timezone: 'America/New_York', queue: 'reports' }] })
    await w.start()
    const client = createClient({ baseUrl: s.url, token: s.tenant.token })
    const { data } = await client.GET('/v1/recurring')
    const found = data?.data.find((r) => r.job_type === 'reports.daily')
    t.match(found, { cron_expression: '0 3 * * *', timezone: 'America/New_York', queue: 'reports' })
  })

  await eachService(t, 'runs at most `concurrency` handlers at once and completes each execution with its result', async (t, db) => {
    const s = await startService(t, db)
    let running = 0
    let most = 0
    const w = worker(t, s, {
      concurrency: 3,
      handlers: {
        'crm.sync': async ({ execution }) => {
          most = Math.max(most, ++running)
          await new Promise((resolve) => setTimeout(resolve, 50))
          running--
          return { id: execution.id }
        }
      }
    })
    const ids = await enqueue(s, 7)
    const completed = collect(w, 'completed', 7)
    await w.start()
    t.strictSame((await completed).map((e) => e.id).sort(), [...ids].sort())
    t.equal(most, 3)
    for (const id of ids) t.match(await execution(s, id), { status: 'succeeded', attempt: 1 })
  })

  await eachService(t, 'heartbeats keep a job longer than its lease alive', async (t, db) => {
    const s = await startService(t, db, { timeoutSeconds: 1 })
    const w = worker(t, s, { handlers: { 'crm.sync': async () => { await new Promise((resolve) => setTimeout(resolve, 2_300)); return 'done' } } })
    const [id] = await enqueue(s)
    const completed = collect(w, 'completed', 1)
    await w.start()
    const [done] = await completed
    t.match(done, { id, status: 'succeeded', attempt: 1 })
  })

  await eachService(t, 'a lost lease aborts the handler\'s signal and drops its result', async (t, db) => {
    const s = await startService(t, db)
    let signalReason = ''
    const w = worker(t, s, {
      handlers: {
        'crm.sync': async ({ signal, heartbeat }) => {
          // Another worker takes the lease over (as after an expiry and a new claim).
          await db.database.db.execute(sql`update executions set worker_id = 'someone-else'`)
          await heartbeat()
          signalReason = signal.aborted ? String((signal.reason as Error).message) : 'not aborted'
          return 'dropped'
        }
      }
    })
    const [id] = await enqueue(s)
    const claimed = collect(w, 'claimed', 1)
    await w.start()
    await claimed
    await w.stop({ graceMs: 5_000 })
    t.match(signalReason, /^lease lost: Execution .* is leased to another worker$/)
    t.match(await execution(s, id!), { status: 'running', worker_id: 'someone-else', finished_at: null })
  })

  await eachService(t, 'a thrown error fails the execution with its message and stack; an unknown job type fails too', async (t, db) => {
    const s = await startService(t, db)
    await insertSchedule(db.database.db, s.tenant.tenantId, { id: 'rjob_other', cron: '0 0 1 1 *', jobType: 'no.such' }, new Date())
    const w = worker(t, s, { concurrency: 2, handlers: { 'crm.sync': async () => { throw new Error('upstream answered 502') } } })
    const [thrown] = await enqueue(s)
    const [unknown] = await enqueue(s, 1, 'rjob_other')
    const failed = collect(w, 'failed', 2)
    await w.start()
    await failed
    const a = await execution(s, thrown!)
    t.equal(a.status, 'queued')
    t.match(a.last_error, /^Error: upstream answered 502\n {4}at /)
    t.ok(Buffer.byteLength(a.last_error!) <= 4096)
    t.match(await execution(s, unknown!), { status: 'queued', last_error: 'no handler for no.such' })
  })

  await eachService(t, 'network errors (a cut connection) and 503 answers are retried until the acknowledgement lands', async (t, db) => {
    const s = await startService(t, db)
    const proxy = await tcpProxy(t, new URL(s.url).port)
    let refusals = 0
    const flaky: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      if (new URL(request.url).pathname === '/v1/executions/complete' && refusals < 2) {
        refusals++
        return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'try later' } }), { status: 503, headers: { 'content-type': 'application/json' } })
      }
      return fetch(request)
    }
    const w = new Worker({ baseUrl: proxy.url, token: s.tenant.token, pollSeconds: 1, handlers: { 'crm.sync': async () => 'ok' } }, { fetch: flaky, retryBaseMs: 20, maxRetryMs: 100 })
    t.teardown(() => w.stop({ graceMs: 0 }))
    const errors: Error[] = []
    w.on('error', (e) => errors.push(e))
    await w.start()
    proxy.cut() // the waiting long-poll dies with the connection; new ones are refused for a while
    const [id] = await enqueue(s)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const completed = collect(w, 'completed', 1)
    proxy.restore()
    t.match((await completed)[0], { id, status: 'succeeded' })
    t.equal(refusals, 2, 'two 503 answers, then the retry landed')
    t.ok(errors.length > 0, 'the failures were reported on error')
  })

  await eachService(t, 'stop() lets a handler finish within graceMs, aborts and releases the rest', async (t, db) => {
    const s = await startService(t, db)
    const [quick, slow] = await enqueue(s, 2)
    let slowAborted = false
    const w = worker(t, s, {
      concurrency: 2,
      handlers: {
        'crm.sync': async ({ execution, signal }) => {
          if (execution.id === quick) { await new Promise((resolve) => setTimeout(resolve, 100)); return 'quick' }
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => { slowAborted = true; resolve() }))
          return 'too late'
        }
      }
    })
    const claimed = collect(w, 'claimed', 2)
    const released = collect(w, 'released', 1)
    await w.start()
    await claimed
    await w.stop({ graceMs: 400 })
    t.equal(slowAborted, true)
    t.match((await released)[0], { id: slow, status: 'queued', attempt: 0, lease_expires_at: null })
    t.match(await execution(s, quick!), { status: 'succeeded' })
    t.match(await execution(s, slow!), { status: 'queued', attempt: 0 })
    t.equal(w.active, 0)
  })

  await eachService(t, 'nothing is lost or completed twice across a worker SIGKILL', async (t, db) => {
    const s = await startService(t, db, { scheduler: true, timeoutSeconds: 1 })
    const ids = await enqueue(s, 24)
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/worker-child.ts', import.meta.url))], {
      env: { ...process.env, BASE_URL: s.url, TOKEN: s.tenant.token },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
    const byChild = new Set<string>()
    const started = new Set<string>()
    const lines = createInterface({ input: child.stdout })
    await new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        const [what, id] = line.split(' ')
        if (what === 'completed') byChild.add(id!)
        if (what === 'started') started.add(id!)
        if (byChild.size >= 6 && started.size > byChild.size) resolve()
      })
    })
    child.kill('SIGKILL')
    await once(child, 'exit')
    lines.close()

    const byUs: string[] = []
    const w = worker(t, s, { concurrency: 4, handlers: { 'crm.sync': async () => ({ by: 'parent' }) } })
    w.on('completed', (e) => byUs.push(e.id))
    const all = new Promise<void>((resolve) => { w.on('completed', () => { if (byChild.size + byUs.length >= ids.length) resolve() }) })
    await w.start()
    await all // the killed worker's leases expire (timeout 1 s, noticed within 5 s) and are claimed again
    t.equal(byUs.filter((id) => byChild.has(id)).length, 0, 'no execution completed by both workers')
    t.equal(new Set(byUs).size, byUs.length, 'none completed twice by the second worker')
    for (const id of ids) t.match(await execution(s, id), { status: 'succeeded' }, `${id} succeeded`)
  })
})

/** A TCP proxy in front of the service whose connections a test can cut. */
async function tcpProxy (t: Test, targetPort: string): Promise<{ url: string, cut: () => void, restore: () => void }> {
  const sockets = new Set<Socket>()
  let refusing = false
  const server: Server = createServer((client) => {
    if (refusing) { client.destroy(); return }
    const upstream = connect(Number(targetPort), '127.0.0.1')
    sockets.add(client).add(upstream)
    const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream) }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    client.pipe(upstream).pipe(client)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { for (const s of sockets) s.destroy(); server.close() })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => { refusing = true; for (const s of sockets) s.destroy() },
    restore: () => { refusing = false }
  }
}
