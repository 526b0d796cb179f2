// Three real service processes on one PostgreSQL database (docs/contract.md §6: several instances, each occurrence enqueued
// exactly once, losing an instance loses nothing). 1,000 every-second schedules fire for 20 s; one process is
// SIGKILLed half-way. In SQL: every occurrence second of every schedule in the window is covered by exactly one
// execution (scheduled_for ≤ s < scheduled_for + coalesced_count seconds), none missing, none twice.
// Beside them, 200 every-second schedules with overlap_policy skip (§12), worked over HTTP by a worker that holds
// each execution 3 s and talks to whichever instance is alive: every second of theirs is accounted for exactly
// once, by an execution or a skipped_overlap range (§13, also through the ledger), and none of them ever had two
// executions unfinished at once.
// Needs TEST_DATABASE_URL. Real time by nature (real processes): about 35 s.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import t from 'tap'
import { generateToken, hashToken } from '../../src/auth/api-keys.js'
import { queryRows } from '../../src/db/connect.js'
import { apiKeys } from '../../src/db/tables.js'
import { RECURRING_JOBS_CHANGED } from '../../src/scheduler/wakeups.js'
import { openTestDb, postgresUrl } from '../helpers/db.js'
import { insertSchedules, insertTenant } from '../helpers/schedules.js'
import { childEnv } from '../helpers/child-env.js'

const SCHEDULES = 1000
const SKIP_SCHEDULES = 200
/** How long the worker holds each execution of a skip schedule before completing it. */
const HOLD_MS = 3000
/** enqueued_at is the tick's instant, taken before it locks and reads; a completion may commit in between. */
const CLOCK_SLACK_MS = 1000
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
    env: childEnv({ ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SCHEDULER: 'on', ADMIN_TOKEN: '', RATE_LIMIT_PER_MINUTE: '1000000' }),
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

/** One request to a live instance, round robin, moving on when an instance is gone; null when none answered. */
let turn = 0
async function call (services: Service[], token: string, path: string, body?: unknown): Promise<{ status: number, body: unknown } | null> {
  for (let tries = 0; tries < services.length; tries++) {
    const alive = services.filter((s) => s.child.exitCode === null && s.child.signalCode === null)
    const s = alive[turn++ % Math.max(1, alive.length)]
    if (s === undefined) return null
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      return { status: res.status, body: await res.json() }
    } catch {
      // That instance was just killed: the next one.
    }
  }
  return null
}

/** A worker for the `skip` queue: claims what it can, holds each execution HOLD_MS, completes it; stops at `untilMs`. */
async function skipWorker (services: Service[], token: string, untilMs: number) {
  const held: Array<{ id: string, doneAt: number }> = []
  let claimed = 0
  let completed = 0
  let failedCalls = 0
  while (Date.now() < untilMs) {
    const due = held.filter((h) => h.doneAt <= Date.now())
    if (due.length > 0) {
      const rest = held.filter((h) => !due.includes(h))
      held.length = 0
      held.push(...rest)
      const res = await call(services, token, '/v1/executions/complete', { worker_id: 'skip-worker', items: due.map((h) => ({ id: h.id })) })
      if (res === null) failedCalls++
      completed += ((res?.body as { results?: Array<{ ok: boolean }> } | undefined)?.results ?? []).filter((r) => r.ok).length
    }
    const res = await call(services, token, '/v1/executions/claim', { worker_id: 'skip-worker', queues: ['skip'], limit: 100 })
    if (res === null) failedCalls++
    const data = (res?.body as { data?: Array<{ id: string }> } | undefined)?.data ?? []
    claimed += data.length
    for (const e of data) held.push({ id: e.id, doneAt: Date.now() + HOLD_MS })
    if (data.length < 100) await delay(100)
  }
  return { claimed, completed, failedCalls }
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
  await insertSchedules(database.db, tenantId, [
    ...Array.from({ length: SCHEDULES }, (_, i) => ({ id: `rjob_${i}`, cron: '* * * * * *', nextRunAt: windowStart })),
    ...Array.from({ length: SKIP_SCHEDULES }, (_, i) => ({ id: `rjob_skip_${i}`, cron: '* * * * * *', nextRunAt: windowStart, overlapPolicy: 'skip' as const, queue: 'skip' }))
  ], new Date())
  await database.notify(RECURRING_JOBS_CHANGED)
  const token = generateToken('tenant')
  await database.db.insert(apiKeys).values({ tenantId, kind: 'tenant', scopes: ['work:executions', 'read:recurring'], tokenHash: hashToken(token) })
  const worker = skipWorker(services, token, windowEnd.getTime() + 1000)

  await delay(windowStart.getTime() + (WINDOW_SECONDS / 2) * 1000 - Date.now())
  const victim = services[1]!
  victim.child.kill('SIGKILL')
  t.comment(`SIGKILLed the process on port ${victim.port} at ${new Date().toISOString()}`)
  await delay(windowEnd.getTime() + 2000 - Date.now())
  const work = await worker
  t.comment(`skip worker: ${work.claimed} claimed, ${work.completed} completed, ${work.failedCalls} calls that reached no instance`)

  // The ledger of every skip schedule, from the survivors: each second of the window once, as enqueued, coalesced or skipped_overlap.
  const ledgerOutcomes = new Map<string, number>()
  let ledgerMismatches = 0
  for (let i = 0; i < SKIP_SCHEDULES; i++) {
    const res = await call(services, token, `/v1/recurring/rjob_skip_${i}/occurrences?from=${windowStart.toISOString()}&to=${windowEnd.toISOString()}`)
    const data = (res?.body as { data?: Array<{ scheduled_for: string, outcome: string }> } | undefined)?.data ?? []
    const seconds = data.map((o) => Date.parse(o.scheduled_for))
    if (seconds.length !== WINDOW_SECONDS || seconds.some((s, k) => s !== windowStart.getTime() + k * 1000)) ledgerMismatches++
    for (const o of data) ledgerOutcomes.set(o.outcome, (ledgerOutcomes.get(o.outcome) ?? 0) + 1)
  }
  t.equal(ledgerMismatches, 0, 'the ledger of every skip schedule lists each second of the window exactly once')
  t.strictSame([...ledgerOutcomes.keys()].filter((o) => !['enqueued', 'coalesced', 'skipped_overlap'].includes(o)), [], 'and only as enqueued, coalesced or skipped_overlap')
  t.comment(`skip schedules' ledger: ${JSON.stringify(Object.fromEntries(ledgerOutcomes))}`)

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
      where r.tenant_id = ${tenantId} and r.overlap_policy = 'allow'
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
    where tenant_id = ${tenantId} and queue = 'default' and scheduled_for >= ${windowStart.toISOString()}::timestamptz and scheduled_for < ${windowEnd.toISOString()}::timestamptz`)
  const s = { executions: Number(stats!.executions), coalesced: Number(stats!.coalesced), p50: Number(stats!.p50), p99: Number(stats!.p99), max: Number(stats!.max) }
  t.comment(`window ${windowStart.toISOString()} + ${WINDOW_SECONDS} s: ${s.executions} executions for ${SCHEDULES * WINDOW_SECONDS} occurrences ` +
    `(${s.coalesced} coalesced); lag enqueued_at − scheduled_for p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`)
  t.ok(s.executions >= SCHEDULES, 'at least one execution per schedule')

  // Skip schedules: every second covered exactly once, by an execution (scheduled_for … covers_until) or by a
  // skipped_overlap range [from_at, until_at); never by a skip and an execution, never by two of either.
  const [skipCoverage] = await queryRows<{ cells: number, missing: number, twice: number, skipped: number }>(database.db, sql`
    with seconds as (
      select generate_series(${windowStart.toISOString()}::timestamptz, ${windowEnd.toISOString()}::timestamptz - interval '1 second', interval '1 second') as s
    ), cells as (
      select r.id, seconds.s,
        (select count(*) from executions e
          where e.tenant_id = r.tenant_id and e.recurring_id = r.id and e.trigger = 'schedule'
            and e.scheduled_for <= seconds.s and seconds.s <= e.covers_until) as executed,
        (select count(*) from occurrence_skips k
          where k.tenant_id = r.tenant_id and k.recurring_id = r.id and k.outcome = 'skipped_overlap'
            and k.from_at <= seconds.s and seconds.s < k.until_at) as skipped
      from recurring_jobs r cross join seconds
      where r.tenant_id = ${tenantId} and r.overlap_policy = 'skip'
    )
    select count(*)::int as cells, count(*) filter (where executed + skipped = 0)::int as missing,
      count(*) filter (where executed + skipped > 1)::int as twice, count(*) filter (where skipped = 1)::int as skipped from cells`)
  t.strictSame({ ...skipCoverage, skipped: undefined }, { cells: SKIP_SCHEDULES * WINDOW_SECONDS, missing: 0, twice: 0, skipped: undefined },
    'every second of every skip schedule accounted for exactly once (executed or skipped_overlap)')
  t.ok(skipCoverage!.skipped > 0, `occurrences were skipped for overlap (${skipCoverage!.skipped})`)
  t.equal(ledgerOutcomes.get('skipped_overlap') ?? 0, skipCoverage!.skipped, 'the ledger says skipped_overlap for exactly the skipped seconds')

  // …and never two unfinished at once: each execution of a skip schedule was enqueued only after the previous one ended.
  const [overlaps] = await queryRows<{ pairs: number, overlapping: number, unfinished: number, runs_min: number, runs_max: number }>(database.db, sql`
    with runs as (
      select recurring_id, enqueued_at, finished_at,
        lead(enqueued_at) over (partition by recurring_id order by scheduled_for) as next_enqueued_at
      from executions where tenant_id = ${tenantId} and queue = 'skip' and trigger = 'schedule'
    )
    select count(next_enqueued_at)::int as pairs,
      count(*) filter (where next_enqueued_at is not null and (finished_at is null
        or finished_at > next_enqueued_at + ${CLOCK_SLACK_MS} * interval '1 millisecond'))::int as overlapping,
      count(*) filter (where finished_at is null)::int as unfinished,
      (select min(n) from (select count(*) as n from runs group by recurring_id) x)::int as runs_min,
      (select max(n) from (select count(*) as n from runs group by recurring_id) x)::int as runs_max
    from runs`)
  t.equal(overlaps!.overlapping, 0, `no skip schedule had two executions unfinished at once (${overlaps!.pairs} consecutive pairs)`)
  t.ok(overlaps!.runs_min >= 2, `every skip schedule ran several times (${overlaps!.runs_min}–${overlaps!.runs_max} executions each)`)
  t.comment(`skip schedules: ${overlaps!.unfinished} executions left unfinished at the end (held by the worker when it stopped)`)
  t.comment(`total ${((Date.now() - started) / 1000).toFixed(1)} s`)
})
