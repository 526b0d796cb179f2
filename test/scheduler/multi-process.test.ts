// Three real service processes on one PostgreSQL database (docs/contract.md §6: several instances, each occurrence enqueued
// exactly once, losing an instance loses nothing). 1,000 every-second schedules fire for 20 s; one process is
// SIGKILLed half-way. In SQL: every occurrence second of every schedule in the window is covered by exactly one
// execution (scheduled_for ≤ s < scheduled_for + coalesced_count seconds), none missing, none twice.
// Needs TEST_DATABASE_URL. Real time by nature (real processes): about 35 s.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { RECURRING_JOBS_CHANGED } from '../../src/scheduler/wakeups.js'
import { openTestDb, postgresUrl } from '../helpers/db.js'
import { insertSchedules, insertTenant } from '../helpers/schedules.js'

const SCHEDULES = 1000
const WINDOW_SECONDS = 20
const PROCESSES = 3
const root = fileURLToPath(new URL('../..', import.meta.url))

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

interface Service { child: ChildProcess, port: number, output: string[], exited: Promise<number | null> }

function startService (url: string, port: number): Service {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SCHEDULER: 'on', ADMIN_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const output: string[] = []
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, port, output, exited }
}

async function untilHealthy (service: Service, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`service on ${service.port} exited: ${service.output.join('')}`)
    try {
      const res = await fetch(`http://127.0.0.1:${service.port}/readyz`)
      if (res.ok) return
    } catch {}
    await delay(100)
  }
  throw new Error(`service on ${service.port} not ready in time: ${service.output.join('')}`)
}

t.test('three processes enqueue every occurrence exactly once, even when one is killed', {
  skip: postgresUrl === undefined && 'needs TEST_DATABASE_URL: concurrentConnections across processes (PostgreSQL)',
  timeout: 120_000
}, async (t) => {
  const { database, url } = await openTestDb(t, 'postgres')
  const services: Service[] = []
  t.teardown(async () => {
    for (const s of services) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL')
  })
  const started = Date.now()
  for (let i = 0; i < PROCESSES; i++) services.push(startService(url!, await freePort()))
  await Promise.all(services.map((s) => untilHealthy(s, Date.now() + 40_000)))
  t.comment(`${PROCESSES} processes ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  // The window starts on a whole second a little ahead, so every process is already looping.
  const windowStart = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000)
  const windowEnd = new Date(windowStart.getTime() + WINDOW_SECONDS * 1000)
  const tenantId = await insertTenant(database.db, 'multi-process')
  await insertSchedules(database.db, tenantId, Array.from({ length: SCHEDULES }, (_, i) => ({
    id: `rjob_${i}`, cron: '* * * * * *', nextRunAt: windowStart
  })), new Date())
  await database.notify(RECURRING_JOBS_CHANGED)

  await delay(windowStart.getTime() + (WINDOW_SECONDS / 2) * 1000 - Date.now())
  const victim = services[1]!
  victim.child.kill('SIGKILL')
  t.comment(`SIGKILLed the process on port ${victim.port} at ${new Date().toISOString()}`)
  await delay(windowEnd.getTime() + 2000 - Date.now())
  for (const s of services) if (s !== victim) s.child.kill('SIGTERM')
  const codes = await Promise.all(services.filter((s) => s !== victim).map((s) => s.exited))
  t.strictSame(codes, [0, 0], 'the survivors shut down cleanly')

  // Every (schedule, second) of the window, with how many executions cover it.
  const [coverage] = await queryRows<{ cells: number, missing: number, twice: number }>(database.db, sql`
    with seconds as (
      select generate_series(${windowStart.toISOString()}::timestamptz, ${windowEnd.toISOString()}::timestamptz - interval '1 second', interval '1 second') as s
    ), cells as (
      select r.id, seconds.s, (
        select count(*) from executions e
        where e.tenant_id = r.tenant_id and e.recurring_id = r.id and e.trigger = 'schedule'
          and e.scheduled_for <= seconds.s and seconds.s < e.scheduled_for + e.coalesced_count * interval '1 second'
      ) as n
      from recurring_jobs r cross join seconds
      where r.tenant_id = ${tenantId}
    )
    select count(*)::int as cells, count(*) filter (where n = 0)::int as missing, count(*) filter (where n > 1)::int as twice from cells`)
  t.strictSame({ ...coverage }, { cells: SCHEDULES * WINDOW_SECONDS, missing: 0, twice: 0 }, 'every occurrence second covered exactly once')

  const [stats] = await queryRows<{ executions: number, coalesced: number, p50: number, p99: number, max: number }>(database.db, sql`
    select count(*)::int as executions,
      count(*) filter (where coalesced_count > 1)::int as coalesced,
      (percentile_cont(0.5) within group (order by extract(epoch from enqueued_at - scheduled_for)) * 1000)::float8 as p50,
      (percentile_cont(0.99) within group (order by extract(epoch from enqueued_at - scheduled_for)) * 1000)::float8 as p99,
      (max(extract(epoch from enqueued_at - scheduled_for)) * 1000)::float8 as max
    from executions
    where tenant_id = ${tenantId} and scheduled_for >= ${windowStart.toISOString()}::timestamptz and scheduled_for < ${windowEnd.toISOString()}::timestamptz`)
  const s = { executions: Number(stats!.executions), coalesced: Number(stats!.coalesced), p50: Number(stats!.p50), p99: Number(stats!.p99), max: Number(stats!.max) }
  t.comment(`window ${windowStart.toISOString()} + ${WINDOW_SECONDS} s: ${s.executions} executions for ${SCHEDULES * WINDOW_SECONDS} occurrences ` +
    `(${s.coalesced} coalesced); lag enqueued_at − scheduled_for p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`)
  t.ok(s.executions >= SCHEDULES, 'at least one execution per schedule')
  t.comment(`total ${((Date.now() - started) / 1000).toFixed(1)} s`)
})
