// Scheduler throughput and lag, on a fresh database per run (PostgreSQL and/or in-memory PGlite).
//
// burst:  100,000 schedules all due at the same instant; the time until every one is enqueued, executions per
//         second and peak RSS. `--instances N` (PostgreSQL) runs N tickers with their own connection pools at once,
//         as N service instances would.
// steady: 10,000 schedules firing every minute, run by the real SchedulerLoop for several simulated minutes. The
//         clock runs at real speed while the loop works and jumps ahead when it sleeps, so the lag measured (commit
//         time − scheduled_for, per execution) is the scheduler's own processing time, with no idle waiting. While
//         the loop sleeps (clock stopped), a worker claims and completes everything enqueued, so no schedule has an
//         execution unfinished when its next occurrence is due.
// policies (docs/contract.md §12): `off` saves the schedules with the defaults (overlap allow, misfire coalesce); `on`
//         gives every one an overlap policy (skip, buffer_one, replace in turn) and a misfire policy (all, skip in
//         turn, threshold 60 s), so each batch looks up its schedules' unfinished executions and plans per occurrence;
//         `both` (the default) runs the two side by side, alternating, `--repeat` times each, and prints the medians.
//
// Run:    npx tsx bench/scheduler.ts [--engine postgres|pglite] [--schedules 100000] [--steady 10000] [--minutes 3]
//                                    [--instances 1] [--batch-size 500] [--concurrency 2] [--policies both] [--repeat 1]
//                                    [--url postgres://postgres@127.0.0.1:5432/test]
//         (0 schedules skips that part)
// The PostgreSQL URL defaults to BENCH_DATABASE_URL, TEST_DATABASE_URL, then the local server; each run creates
// and drops its own database next to it, named after the URL's database (`test` → `test_bench_burst_<pid>`).
import { parseArgs } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { openDatabase, queryRows, type Database } from '../src/db/connect.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { AppEvents } from '../src/events.js'
import { SchedulerLoop } from '../src/scheduler/loop.js'
import { DEFAULTS, enqueueDue } from '../src/scheduler/tick.js'
import { claimExecutions, completeLeased } from '../src/executions/store.js'
import type { Clock } from '../src/time/clock.js'
import { cpuByPid, cpuUsedMs } from './process-cpu.js'

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string' },
    schedules: { type: 'string', default: '100000' },
    steady: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '3' },
    instances: { type: 'string', default: '1' },
    'batch-size': { type: 'string', default: '500' },
    concurrency: { type: 'string' },
    policies: { type: 'string', default: 'both' },
    repeat: { type: 'string', default: '1' },
    url: { type: 'string' },
    help: { type: 'boolean', short: 'h' }
  }
})

if (args.help === true) {
  console.log(`Usage: npx tsx bench/scheduler.ts [options]

burst:  --schedules schedules all due at one instant; time until every one is enqueued, executions per second, peak RSS
steady: --steady schedules firing every minute, run by the real SchedulerLoop for --minutes simulated minutes; lag per execution

  --engine <postgres|pglite>  one engine only (default: both)
  --url <postgres://…>        PostgreSQL server (default BENCH_DATABASE_URL, TEST_DATABASE_URL, then the local one);
                              each run creates and drops its own database there
  --schedules <n>             burst size (default 100000; 0 skips the burst)
  --steady <n>                steady-state schedules (default 10000; 0 skips it)
  --minutes <n>               simulated minutes of steady state (default 3)
  --instances <n>             tickers with their own pools, as n service instances (PostgreSQL; default 1)
  --batch-size <n>            schedules claimed per transaction (default 500)
  --concurrency <n>           batches in flight per instance (default: the scheduler's, ${DEFAULTS.concurrency})
  --policies <on|off|both>    schedules with overlap/misfire policies, without, or both side by side (default both)
  --repeat <n>                runs of each part per policy setting, alternating; medians are printed (default 1)
  -h, --help                  this text`)
  process.exit(0)
}

const BURST_SCHEDULES = Number(args.schedules)
const STEADY_SCHEDULES = Number(args.steady)
const STEADY_MINUTES = Number(args.minutes)
const INSTANCES = Number(args.instances)
const BATCH_SIZE = Number(args['batch-size'])
const CONCURRENCY = args.concurrency === undefined ? DEFAULTS.concurrency : Number(args.concurrency)
const REPEAT = Math.max(1, Number(args.repeat))
if (!['on', 'off', 'both'].includes(args.policies)) throw new Error(`--policies must be on, off or both (got ${args.policies})`)
const SETTINGS: Policies[] = args.policies === 'both' ? ['off', 'on'] : [args.policies as Policies]
const ADMIN_URL = args.url ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const engines = args.engine === undefined ? ['postgres', 'pglite'] : [args.engine]

type Policies = 'on' | 'off'

/** Fixed instants, never Date.now(): 2026-03-24T15:00:00Z is when every burst schedule is due. */
const T0 = new Date('2026-03-24T15:00:00Z')
const config = { executionRetentionDays: 14 }
const silent = { debug () {}, info () {}, warn () {}, error () {} }

/** A clock frozen at one instant (the burst: every row is due, and the timing is the wall clock's). */
const frozen = (at: Date): Clock => ({ now: () => new Date(at), sleep: async () => {} })

/**
 * Runs at real speed from `start`, but a sleep returns at once with the clock moved forward by the slept time:
 * what the loop spends working is counted, what it spends waiting is skipped. `whileAsleep` runs inside each sleep
 * with the clock stopped (the worker of the steady state).
 */
class WarpClock implements Clock {
  #base: number
  #wall = performance.now()
  whileAsleep: (() => Promise<void>) | null = null
  constructor (start: Date) { this.#base = start.getTime() }
  now (): Date { return new Date(this.#base + (performance.now() - this.#wall)) }
  async sleep (ms: number, signal?: AbortSignal): Promise<void> {
    const stopped = performance.now()
    if (this.whileAsleep !== null) await this.whileAsleep()
    this.#base -= performance.now() - stopped
    if (signal?.aborted !== true && ms > 0) this.#base += ms
    await new Promise((resolve) => setImmediate(resolve))
  }
}

interface Fresh { database: Database, name: string | null, url: string | undefined, open: () => Promise<Database>, drop: () => Promise<void> }

async function freshDatabase (engine: string, name: string): Promise<Fresh> {
  if (engine === 'pglite') {
    const database = await openDatabase({ pglite: await PGlite.create() })
    await migrateDatabase(database)
    return { database, name: null, url: undefined, open: async () => database, drop: () => database.close() }
  }
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  const prefix = (decodeURIComponent(new URL(ADMIN_URL).pathname.slice(1)) || 'postgres').replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30)
  const db = `${prefix}_bench_${name}_${process.pid}`
  await admin.unsafe(`drop database if exists "${db}" with (force)`)
  await admin.unsafe(`create database "${db}"`)
  const u = new URL(ADMIN_URL)
  u.pathname = `/${db}`
  const url = u.toString()
  const database = await openDatabase({ url, max: 10 })
  await migrateDatabase(database, url)
  const extra: Database[] = []
  return {
    database,
    name: db,
    url,
    open: async () => { const d = await openDatabase({ url, max: 10 }); extra.push(d); return d },
    drop: async () => {
      for (const d of [database, ...extra]) await d.close()
      await admin.unsafe(`drop database if exists "${db}" with (force)`)
      await admin.end({ timeout: 5 })
    }
  }
}

/**
 * One tenant and `count` schedules written by one INSERT … SELECT (nothing of them held in this process). With
 * policies on, schedule i gets overlap skip / buffer_one / replace (i mod 3) and misfire all / skip (i mod 2).
 */
async function seed (database: Database, count: number, cron: string, nextRunAt: Date, policies: Policies): Promise<string> {
  const [tenant] = await queryRows<{ id: string }>(database.db, sql`insert into tenants (name) values ('bench') returning id::text`)
  const overlap = policies === 'on' ? sql`(array['skip', 'buffer_one', 'replace'])[1 + i % 3]` : sql`'allow'`
  const misfire = policies === 'on' ? sql`(array['all', 'skip'])[1 + i % 2]` : sql`'coalesce'`
  await database.db.execute(sql`
    insert into recurring_jobs (tenant_id, id, job_type, queue, cron_expression, timezone, payload, enabled,
                                max_attempts, timeout_seconds, next_run_at, created_at, overlap_policy, misfire_policy, misfire_threshold_seconds)
    select ${tenant!.id}::uuid, 'rjob_' || i, 'bench.job_' || i, 'default', ${cron}, 'UTC',
           jsonb_build_object('n', i), true, 3, 60, ${nextRunAt.toISOString()}::timestamptz, ${T0.toISOString()}::timestamptz,
           ${overlap}, ${misfire}, 60
    from generate_series(1, ${count}) as i`)
  await database.db.execute(sql`analyze recurring_jobs`)
  return tenant!.id
}

async function countExecutions (database: Database): Promise<{ total: number, distinct: number }> {
  const [row] = await queryRows<{ total: number, distinct: number }>(database.db, sql`
    select count(*)::int as total, count(distinct (recurring_id, scheduled_for))::int as distinct from executions`)
  return { total: Number(row!.total), distinct: Number(row!.distinct) }
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`
const rssNow = () => process.resourceUsage().maxRSS

function percentile (sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50)

interface BurstResult { perSecond: number, seconds: number, ok: boolean, batches: string, rssMb: number, cpuMsPer1k: { node: number, database: number } | null }

/**
 * CPU time (ms) per client backend of the server connected to `database` (autovacuum is not the tick's), or null
 * when the server's processes cannot be read (a remote server, PGlite).
 */
async function databaseBackendsCpu (database: Database, name: string): Promise<Map<number, number> | null> {
  const rows = await queryRows<{ pid: number }>(database.db, sql`select pid from pg_stat_activity where datname = ${name} and backend_type = 'client backend'`)
  return cpuByPid(rows.map((r) => r.pid))
}

async function burst (engine: string, policies: Policies): Promise<BurstResult> {
  const fresh = await freshDatabase(engine, 'burst')
  try {
    await seed(fresh.database, BURST_SCHEDULES, '0 * * * *', T0, policies)
    const instances = engine === 'postgres' ? Math.max(1, INSTANCES) : 1
    const databases = [fresh.database]
    while (databases.length < instances) databases.push(await fresh.open())
    const clock = frozen(new Date(T0.getTime() + 500))
    // Every pool's connections opened first, so the backends counted before the burst are the ones that do it.
    await Promise.all(databases.map((d) => Promise.all(Array.from({ length: 4 }, () => d.db.execute(sql`select pg_sleep(0.01)`)))))
    const dbCpuBefore = fresh.name === null ? null : await databaseBackendsCpu(fresh.database, fresh.name)
    const nodeCpuBefore = process.cpuUsage()
    const start = performance.now()
    const results = await Promise.all(databases.map(async (database) => {
      let enqueued = 0
      let batches = 0
      for (;;) {
        const r = await enqueueDue({ database, clock, config }, { batchSize: BATCH_SIZE, maxBatches: 1_000_000, concurrency: CONCURRENCY })
        enqueued += r.enqueued
        batches += r.batches
        if (!r.moreWork) return { enqueued, batches }
      }
    }))
    const seconds = (performance.now() - start) / 1000
    const nodeCpu = process.cpuUsage(nodeCpuBefore)
    const dbCpuAfter = fresh.name === null ? null : await databaseBackendsCpu(fresh.database, fresh.name)
    const { total, distinct } = await countExecutions(fresh.database)
    const enqueued = results.reduce((s, r) => s + r.enqueued, 0)
    return {
      perSecond: enqueued / seconds,
      seconds,
      ok: enqueued === BURST_SCHEDULES && total === BURST_SCHEDULES && distinct === total,
      batches: results.map((r) => r.batches).join(', '),
      rssMb: rssNow() / 1024,
      cpuMsPer1k: dbCpuBefore === null || dbCpuAfter === null
        ? null
        : { node: (nodeCpu.user + nodeCpu.system) / 1000 / (enqueued / 1000), database: cpuUsedMs(dbCpuBefore, dbCpuAfter) / (enqueued / 1000) }
    }
  } finally {
    await fresh.drop()
  }
}

interface SteadyResult { p50: number, p99: number, max: number, wallSeconds: number, ok: boolean, executions: number }

async function steady (engine: string, policies: Policies): Promise<SteadyResult> {
  const fresh = await freshDatabase(engine, 'steady')
  try {
    const firstMinute = new Date(T0.getTime() + 60_000)
    const tenantId = await seed(fresh.database, STEADY_SCHEDULES, '* * * * *', firstMinute, policies)
    const clock = new WarpClock(T0)
    // The worker: everything claimable is claimed and completed while the loop sleeps (the clock stopped meanwhile).
    clock.whileAsleep = async () => {
      const now = clock.now()
      const claimed = await claimExecutions(fresh.database.db, { tenantId, workerId: 'bench', queues: ['default'], limit: STEADY_SCHEDULES * 2, now })
      if (claimed.length > 0) await completeLeased(fresh.database.db, { tenantId, workerId: 'bench', now }, new Map(claimed.map((e) => [e.id, null])))
    }
    const events = new AppEvents()
    const lags: number[] = []
    events.on('execution:enqueued', (e) => lags.push(clock.now().getTime() - e.scheduledFor.getTime()))
    const end = new Date(firstMinute.getTime() + (STEADY_MINUTES - 1) * 60_000)
    const loop = new SchedulerLoop({ database: fresh.database, clock, config, events, log: silent }, { batchSize: BATCH_SIZE, concurrency: CONCURRENCY })
    const wallStart = performance.now()
    const done = new Promise<void>((resolve) => {
      events.on('tick:done', (s) => { if (clock.now() > end && s.enqueued === 0 && lags.length >= STEADY_SCHEDULES * STEADY_MINUTES) resolve() })
    })
    loop.start()
    await done
    await loop.stop()
    const wallSeconds = (performance.now() - wallStart) / 1000
    const sorted = [...lags].sort((a, b) => a - b)
    const { total, distinct } = await countExecutions(fresh.database)
    const [coalesced] = await queryRows<{ n: number }>(fresh.database.db, sql`select count(*)::int as n from executions where coalesced_count > 1`)
    const [skipped] = await queryRows<{ n: number }>(fresh.database.db, sql`select count(*)::int as n from occurrence_skips`)
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      wallSeconds,
      executions: total,
      ok: total === STEADY_SCHEDULES * STEADY_MINUTES && distinct === total && Number(coalesced!.n) === 0 && Number(skipped!.n) === 0
    }
  } finally {
    await fresh.drop()
  }
}

/** Runs `part` REPEAT times per policy setting, alternating (off, on, off, on, …), so load lands on both alike. */
async function alternating<T> (part: (policies: Policies) => Promise<T>): Promise<Map<Policies, T[]>> {
  const out = new Map<Policies, T[]>(SETTINGS.map((p) => [p, []]))
  for (let i = 0; i < REPEAT; i++) for (const p of SETTINGS) out.get(p)!.push(await part(p))
  return out
}

const column = (text: string) => text.padStart(Math.max(16, text.length + 2))
const header = `${''.padEnd(34)}${SETTINGS.map((p) => column(`policies ${p}`)).join('')}`
const row = (label: string, values: string[]) => console.log(`  ${label.padEnd(32)}${values.map(column).join('')}`)
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })

console.log(`node ${process.version}; PostgreSQL at ${new URL(ADMIN_URL).host}; ${REPEAT} run(s) per setting, medians`)
for (const engine of engines) {
  if (BURST_SCHEDULES > 0) {
    const runs = await alternating((p) => burst(engine, p))
    const instances = engine === 'postgres' ? Math.max(1, INSTANCES) : 1
    console.log(`[${engine}] burst: ${fmt(BURST_SCHEDULES)} schedules due at once, ${instances} instance(s), batches of ${BATCH_SIZE}, ${CONCURRENCY} in flight`)
    console.log(header)
    const each = (f: (r: BurstResult) => number) => SETTINGS.map((p) => median(runs.get(p)!.map(f)))
    row('executions/s', each((r) => r.perSecond).map((v) => fmt(v)))
    row('seconds', each((r) => r.seconds).map((v) => fmt(v, 2)))
    if (REPEAT > 1) row('executions/s, every run', SETTINGS.map((p) => runs.get(p)!.map((r) => fmt(r.perSecond / 1000, 1) + 'k').join(' ')))
    if (runs.get(SETTINGS[0]!)![0]!.cpuMsPer1k !== null) {
      row('CPU ms per 1,000: this process', each((r) => r.cpuMsPer1k!.node).map((v) => fmt(v, 1)))
      row('CPU ms per 1,000: PostgreSQL', each((r) => r.cpuMsPer1k!.database).map((v) => fmt(v, 1)))
    }
    row('batches per instance', SETTINGS.map((p) => runs.get(p)![0]!.batches))
    row('all enqueued once', SETTINGS.map((p) => runs.get(p)!.every((r) => r.ok) ? '✓' : '✗ MISMATCH'))
    row('peak RSS so far', SETTINGS.map((p) => mb(Math.max(...runs.get(p)!.map((r) => r.rssMb * 1024)))))
  }
  if (STEADY_SCHEDULES > 0) {
    const runs = await alternating((p) => steady(engine, p))
    console.log(`[${engine}] steady: ${fmt(STEADY_SCHEDULES)} schedules every minute for ${STEADY_MINUTES} simulated minutes`)
    console.log(header)
    const each = (f: (r: SteadyResult) => number) => SETTINGS.map((p) => median(runs.get(p)!.map(f)))
    row('lag p50 (commit − scheduled_for)', each((r) => r.p50).map((v) => `${fmt(v)} ms`))
    row('lag p99', each((r) => r.p99).map((v) => `${fmt(v)} ms`))
    row('lag max', each((r) => r.max).map((v) => `${fmt(v)} ms`))
    if (REPEAT > 1) row('lag p99, every run', SETTINGS.map((p) => runs.get(p)!.map((r) => fmt(r.p99)).join(' ')))
    row('real time', each((r) => r.wallSeconds).map((v) => `${fmt(v, 1)} s`))
    row('executions, one per occurrence', SETTINGS.map((p) => runs.get(p)!.every((r) => r.ok) ? `${fmt(runs.get(p)![0]!.executions)} ✓` : '✗ MISMATCH'))
  }
}
