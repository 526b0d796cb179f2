// Workers end to end on PostgreSQL (docs/contract.md §11): N queued executions drained by W HTTP workers through the
// SDK's client, acknowledging one execution per request (per-item) or a claimed batch per request (batch), beside
// pg-boss doing the same work (fetch a batch, complete per job / complete(ids)) on the same server in the same
// run; then the long-poll wake-up latency (execution committed through instance B → claim answered by instance
// A), and the SDK Worker's throughput with a no-op handler and concurrency 50. A scratch database is created and
// dropped. Targets: per-item ≥ pg-boss per job; batch ≥ 0.8 × pg-boss complete(ids); wake-up p99 < 100 ms;
// SDK ≥ 2,000/s.
// The HTTP workers (per-item and batch drains, the SDK Worker) run in a forked child process (bench/workers-client.ts):
// the service instances stay in this process, and the client does not take turns with them on one event loop,
// just as pg-boss's fetch loops run in a process of their own apart from the server (PostgreSQL).
import { fork } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { PgBoss } from 'pg-boss'
import postgres from 'postgres'
import { createClient } from '../clients/typescript/src/index.js'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase, type Database } from '../src/db/connect.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { systemClock } from '../src/time/clock.js'
import { cpuByPid, cpuUsedMs } from './process-cpu.js'
import type { ClientReply, ClientRequest } from './workers-client.js'

const USAGE = `Usage: BENCH_DATABASE_URL=postgres://… npx tsx bench/workers.ts [options]

  --executions N   executions (and pg-boss jobs) drained per mode            (default 100000)
  --workers W      concurrent HTTP workers / pg-boss fetch loops             (default 10)
  --batch B        claim limit and pg-boss batchSize (≤ 100)                 (default 100)
  --wakeups K      long-poll wake-up samples                                 (default 200)
  --sdk N          executions for the SDK Worker run (concurrency 50)        (default 20000)
  --skip LIST      comma-separated parts to skip: per-item,batch,pgboss,wakeup,sdk
  --help           this text

Creates a scratch database on the server of BENCH_DATABASE_URL, runs two service instances on it (scheduler
off), and drops it at the end.`

const { values: args } = parseArgs({
  options: {
    executions: { type: 'string', default: '100000' },
    workers: { type: 'string', default: '10' },
    batch: { type: 'string', default: '100' },
    wakeups: { type: 'string', default: '200' },
    sdk: { type: 'string', default: '20000' },
    skip: { type: 'string', default: '' },
    help: { type: 'boolean', default: false }
  }
})
if (args.help) { console.log(USAGE); process.exit(0) }
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (baseUrl === undefined) { console.error(USAGE); process.exit(2) }
const N = Number(args.executions)
const W = Number(args.workers)
const B = Math.min(100, Number(args.batch))
const WAKEUPS = Number(args.wakeups)
const SDK_N = Number(args.sdk)
const skip = new Set(args.skip.split(',').filter(Boolean))
const ADMIN_TOKEN = 'bench-admin-token-0123456789'

const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
// Named after the database of the URL (as the test harness names its own), so benches pointed at different databases
// of one server never meet.
const name = `${decodeURIComponent(new URL(baseUrl).pathname.slice(1)) || 'rj'}_bench_workers_${process.pid}`
await admin.unsafe(`create database "${name}"`)
const url = new URL(baseUrl)
url.pathname = `/${name}`
const databases: Database[] = []
const apps: FastifyInstance[] = []

async function instance (): Promise<{ app: FastifyInstance, database: Database, url: string }> {
  const database = await openDatabase({ url: url.toString(), max: 20 })
  databases.push(database)
  const config = loadConfig({ SCHEDULER: 'off', LOG_LEVEL: 'silent', ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '100000000' })
  const app = await buildApp({ config, database, clock: systemClock }, { logger: false })
  apps.push(app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, database, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` }
}

// The client process: forked with the tsx loader, on this Node (process.execPath).
const child = fork(new URL('./workers-client.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
const ask = (request: ClientRequest): Promise<{ ms: number, cpuMs: number }> => new Promise((resolve, reject) => {
  const onExit = (code: number | null) => reject(new Error(`the client process exited (${code ?? 'signal'})`))
  child.once('exit', onExit)
  child.once('message', (reply: ClientReply) => {
    child.off('exit', onExit)
    if ('ms' in reply) resolve(reply)
    else reject(new Error(`client process: ${reply.error}`))
  })
  child.send(request)
})
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`

try {
  const migrator = await openDatabase({ url: url.toString(), max: 1 })
  await migrateDatabase(migrator, url.toString())
  await migrator.close()
  const a = await instance()
  const b = await instance()
  const post = async (path: string, body: unknown) => {
    const res = await a.app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: body as object })
    return res.json()
  }
  const tenant = await post('/admin/v1/tenants', { name: 'bench' })
  const key = await post(`/admin/v1/tenants/${tenant.id as string}/api_keys`, { kind: 'tenant' })
  const token = key.token as string
  const client = createClient({ baseUrl: a.url, token })
  await client.PUT('/v1/recurring/{id}', { params: { path: { id: 'rjob_bench' } }, body: { job_type: 'bench.noop', cron_expression: '0 0 1 1 *', payload: { n: 1 } as never } })

  const fill = async (n: number) => {
    await a.database.db.execute(sql`
      insert into executions (tenant_id, recurring_id, job_type, queue, payload, status, trigger, attempt, max_attempts,
                              timeout_seconds, scheduled_for, coalesced_count, enqueued_at, available_at)
      select ${tenant.id}::uuid, 'rjob_bench', 'bench.noop', 'default', '{"n":1}'::jsonb, 'queued', 'manual', 0, 3, 300,
             now(), 1, now(), now() - make_interval(secs => ${n} - g)
      from generate_series(1, ${n}) g`)
  }
  // CPU time per item of each process taking part: this one (the service instances, or pg-boss), the client process,
  // and the PostgreSQL backends of the scratch database (/proc, Linux; the backends of the pools, which stay open).
  const backendsCpuMs = async (): Promise<Map<number, number> | null> =>
    cpuByPid((await admin<Array<{ pid: number }>>`select pid from pg_stat_activity where datname = ${name}`).map((r) => r.pid))
  const measure = async <T extends { ms: number, cpuMs?: number }>(run: () => Promise<T>): Promise<{ ms: number, cpu: string }> => {
    const pgBefore = await backendsCpuMs()
    const before = process.cpuUsage()
    const r = await run()
    const used = process.cpuUsage(before)
    const pgAfter = await backendsCpuMs()
    const us = (ms: number) => `${Math.round(ms * 1000 / N)} µs`
    const parts = [`this process ${us((used.user + used.system) / 1000)}`]
    if (r.cpuMs !== undefined) parts.push(`client process ${us(r.cpuMs)}`)
    if (pgBefore !== null && pgAfter !== null) parts.push(`PostgreSQL ${us(cpuUsedMs(pgBefore, pgAfter))}`)
    return { ms: r.ms, cpu: `CPU per item: ${parts.join(', ')}` }
  }
  const drain = async (mode: 'per-item' | 'batch') => {
    await fill(N)
    return measure(() => ask({ kind: 'drain', mode, urls: [a.url, b.url], token, workers: W, batch: B }))
  }

  console.log(`workers: ${N.toLocaleString('en-US')} executions, ${W} workers, claim/fetch batches of ${B}, on PostgreSQL (two service instances)`)
  const results: string[] = []
  let ours: { perItem?: number, batch?: number } = {}
  if (!skip.has('per-item')) {
    const { ms, cpu } = await drain('per-item')
    ours = { ...ours, perItem: N / ms }
    results.push(`  ours, per-item acknowledgements   ${rate(N, ms).padEnd(10)} ${cpu}`)
  }
  if (!skip.has('batch')) {
    const { ms, cpu } = await drain('batch')
    ours = { ...ours, batch: N / ms }
    results.push(`  ours, batch acknowledgements      ${rate(N, ms).padEnd(10)} ${cpu}`)
  }

  if (!skip.has('pgboss')) {
    const boss = new PgBoss({ connectionString: url.toString(), max: 20 })
    boss.on('error', (error) => console.error('pg-boss:', error))
    await boss.start()
    const queue = 'bench'
    await boss.createQueue(queue)
    const bossDrain = async (batch: boolean) => {
      for (let i = 0; i < N; i += 5000) {
        await boss.insert(queue, Array.from({ length: Math.min(5000, N - i) }, () => ({ data: { n: 1 } })))
      }
      return measure(async () => {
        const started = performance.now()
        await Promise.all(Array.from({ length: W }, async () => {
          for (;;) {
            const jobs = await boss.fetch(queue, { batchSize: B })
            if (jobs.length === 0) return
            if (batch) await boss.complete(queue, jobs.map((j) => j.id))
            else for (const j of jobs) await boss.complete(queue, j.id)
          }
        }))
        return { ms: performance.now() - started }
      })
    }
    const perJob = await bossDrain(false)
    const many = await bossDrain(true)
    await boss.stop({ graceful: false, close: true })
    results.push(`  pg-boss, complete per job         ${rate(N, perJob.ms).padEnd(10)} ${perJob.cpu}`)
    results.push(`  pg-boss, complete(ids)            ${rate(N, many.ms).padEnd(10)} ${many.cpu}`)
    if (ours.perItem !== undefined) results.push(`  per-item / pg-boss per job        ${(ours.perItem / (N / perJob.ms)).toFixed(2)}× (target ≥ 1)`)
    if (ours.batch !== undefined) results.push(`  batch / pg-boss complete(ids)     ${(ours.batch / (N / many.ms)).toFixed(2)}× (target ≥ 0.8)`)
  }
  console.log(results.join('\n'))

  if (!skip.has('wakeup')) {
    const waiter = createClient({ baseUrl: a.url, token })
    const enqueuer = createClient({ baseUrl: b.url, token })
    const latencies: number[] = []
    for (let i = 0; i < WAKEUPS; i++) {
      const claim = waiter.POST('/v1/executions/claim', { body: { worker_id: 'waiter', wait_seconds: 30 } })
      await new Promise((resolve) => setTimeout(resolve, 5)) // let the claim park
      await enqueuer.POST('/v1/recurring/{id}/trigger', { params: { path: { id: 'rjob_bench' } } })
      const committed = performance.now()
      const { data } = await claim
      latencies.push(performance.now() - committed)
      const [e] = data?.data ?? []
      if (e !== undefined) await waiter.POST('/v1/executions/{id}/complete', { params: { path: { id: e.id } }, body: { worker_id: 'waiter' } })
    }
    latencies.sort((x, y) => x - y)
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1)
    console.log(`long-poll wake-up (trigger answered by instance B → claim answered by instance A), ${WAKEUPS} samples: ` +
      `p50 ${p(0.5)} ms, p99 ${p(0.99)} ms (target p99 < 100 ms)`)
  }

  if (!skip.has('sdk')) {
    await fill(SDK_N)
    const { ms } = await ask({ kind: 'sdk', url: a.url, token, count: SDK_N, concurrency: 50 })
    console.log(`SDK Worker, no-op handler, concurrency 50: ${SDK_N.toLocaleString('en-US')} executions in ${(ms / 1000).toFixed(2)} s = ${rate(SDK_N, ms)} (target ≥ 2,000/s)`)
  }
} finally {
  child.disconnect()
  for (const app of apps) await app.close()
  for (const database of databases) await database.close()
  await admin.unsafe(`drop database if exists "${name}" with (force)`)
  await admin.end({ timeout: 5 })
}
