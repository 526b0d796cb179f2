// Scheduler throughput and lag, on a fresh database per run (PostgreSQL and/or in-memory PGlite).
//
// burst:  100,000 schedules all due at the same instant; the time until every one is enqueued, executions per
//         second and peak RSS. `--instances N` (PostgreSQL) runs N tickers with their own connection pools at once,
//         as N service instances would.
// steady: 10,000 schedules firing every minute, run by the real SchedulerLoop for several simulated minutes. The
//         clock runs at real speed while the loop works and jumps ahead when it sleeps, so the lag measured (commit
//         time − scheduled_for, per execution) is the scheduler's own processing time, with no idle waiting.
//
// Run:    npx tsx bench/scheduler.ts [--engine postgres|pglite] [--schedules 100000] [--steady 10000] [--minutes 3]
//                                    [--instances 1] [--batch-size 500] [--url postgres://postgres@127.0.0.1:5432/test]
//         (0 schedules skips that part)
// The PostgreSQL URL defaults to BENCH_DATABASE_URL, TEST_DATABASE_URL, then the local server; each run creates
// and drops its own database next to it.
import { parseArgs } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { openDatabase, queryRows, type Database } from '../src/db/connect.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { AppEvents } from '../src/events.js'
import { SchedulerLoop } from '../src/scheduler/loop.js'
import { enqueueDue } from '../src/scheduler/tick.js'
import type { Clock } from '../src/time/clock.js'

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string' },
    schedules: { type: 'string', default: '100000' },
    steady: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '3' },
    instances: { type: 'string', default: '1' },
    'batch-size': { type: 'string', default: '500' },
    url: { type: 'string' }
  }
})

const BURST_SCHEDULES = Number(args.schedules)
const STEADY_SCHEDULES = Number(args.steady)
const STEADY_MINUTES = Number(args.minutes)
const INSTANCES = Number(args.instances)
const BATCH_SIZE = Number(args['batch-size'])
const ADMIN_URL = args.url ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const engines = args.engine === undefined ? ['postgres', 'pglite'] : [args.engine]

/** Fixed instants, never Date.now(): 2026-03-24T15:00:00Z is when every burst schedule is due. */
const T0 = new Date('2026-03-24T15:00:00Z')
const config = { executionRetentionDays: 14 }
const silent = { debug () {}, info () {}, warn () {}, error () {} }

/** A clock frozen at one instant (the burst: every row is due, and the timing is the wall clock's). */
const frozen = (at: Date): Clock => ({ now: () => new Date(at), sleep: async () => {} })

/**
 * Runs at real speed from `start`, but a sleep returns at once with the clock moved forward by the slept time:
 * what the loop spends working is counted, what it spends waiting is skipped.
 */
class WarpClock implements Clock {
  #base: number
  #wall = performance.now()
  constructor (start: Date) { this.#base = start.getTime() }
  now (): Date { return new Date(this.#base + (performance.now() - this.#wall)) }
  async sleep (ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted !== true && ms > 0) this.#base += ms
    await new Promise((resolve) => setImmediate(resolve))
  }
}

interface Fresh { database: Database, url: string | undefined, open: () => Promise<Database>, drop: () => Promise<void> }

async function freshDatabase (engine: string, name: string): Promise<Fresh> {
  if (engine === 'pglite') {
    const database = await openDatabase({ pglite: await PGlite.create() })
    await migrateDatabase(database)
    return { database, url: undefined, open: async () => database, drop: () => database.close() }
  }
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  const db = `rj_bench_${name}_${process.pid}`
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
    url,
    open: async () => { const d = await openDatabase({ url, max: 10 }); extra.push(d); return d },
    drop: async () => {
      for (const d of [database, ...extra]) await d.close()
      await admin.unsafe(`drop database if exists "${db}" with (force)`)
      await admin.end({ timeout: 5 })
    }
  }
}

/** One tenant and `count` schedules written by one INSERT … SELECT (nothing of them held in this process). */
async function seed (database: Database, count: number, cron: string, nextRunAt: Date): Promise<string> {
  const [tenant] = await queryRows<{ id: string }>(database.db, sql`insert into tenants (name) values ('bench') returning id::text`)
  await database.db.execute(sql`
    insert into recurring_jobs (tenant_id, id, job_type, queue, cron_expression, timezone, payload, enabled,
                                max_attempts, timeout_seconds, next_run_at, created_at)
    select ${tenant!.id}::uuid, 'rjob_' || i, 'bench.job_' || i, 'default', ${cron}, 'UTC',
           jsonb_build_object('n', i), true, 3, 60, ${nextRunAt.toISOString()}::timestamptz, ${T0.toISOString()}::timestamptz
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

async function burst (engine: string): Promise<void> {
  const fresh = await freshDatabase(engine, 'burst')
  try {
    const seedStart = performance.now()
    await seed(fresh.database, BURST_SCHEDULES, '0 * * * *', T0)
    const seedMs = performance.now() - seedStart
    const instances = engine === 'postgres' ? Math.max(1, INSTANCES) : 1
    const databases = [fresh.database]
    while (databases.length < instances) databases.push(await fresh.open())
    const clock = frozen(new Date(T0.getTime() + 500))
    const rssBefore = rssNow()
    const start = performance.now()
    const results = await Promise.all(databases.map(async (database) => {
      let enqueued = 0
      let batches = 0
      for (;;) {
        const r = await enqueueDue({ database, clock, config }, { batchSize: BATCH_SIZE, maxBatches: 1_000_000 })
        enqueued += r.enqueued
        batches += r.batches
        if (!r.moreWork) return { enqueued, batches }
      }
    }))
    const seconds = (performance.now() - start) / 1000
    const { total, distinct } = await countExecutions(fresh.database)
    const enqueued = results.reduce((s, r) => s + r.enqueued, 0)
    console.log(`[${engine}] burst: ${BURST_SCHEDULES.toLocaleString('en')} schedules due at once, ${instances} instance(s), batches of ${BATCH_SIZE}`)
    console.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s; enqueued ${enqueued.toLocaleString('en')} in ${seconds.toFixed(2)} s` +
      ` = ${Math.round(enqueued / seconds).toLocaleString('en')} executions/s (batches per instance: ${results.map((r) => r.batches).join(', ')})`)
    console.log(`  executions in the database: ${total.toLocaleString('en')} (${distinct.toLocaleString('en')} distinct occurrences)` +
      `${total === BURST_SCHEDULES && distinct === total ? ' ✓' : ' ✗ MISMATCH'}`)
    console.log(`  peak RSS: ${mb(rssNow())} (before the burst: ${mb(rssBefore)})`)
  } finally {
    await fresh.drop()
  }
}

async function steady (engine: string): Promise<void> {
  const fresh = await freshDatabase(engine, 'steady')
  try {
    const firstMinute = new Date(T0.getTime() + 60_000)
    await seed(fresh.database, STEADY_SCHEDULES, '* * * * *', firstMinute)
    const clock = new WarpClock(T0)
    const events = new AppEvents()
    const lags: number[] = []
    events.on('execution:enqueued', (e) => lags.push(clock.now().getTime() - e.scheduledFor.getTime()))
    const end = new Date(firstMinute.getTime() + (STEADY_MINUTES - 1) * 60_000)
    const loop = new SchedulerLoop({ database: fresh.database, clock, config, events, log: silent }, { batchSize: BATCH_SIZE })
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
    console.log(`[${engine}] steady: ${STEADY_SCHEDULES.toLocaleString('en')} schedules every minute for ${STEADY_MINUTES} simulated minutes (${wallSeconds.toFixed(1)} s of real time)`)
    console.log(`  executions: ${total.toLocaleString('en')} (${distinct.toLocaleString('en')} distinct, ${Number(coalesced!.n)} coalesced)` +
      `${total === STEADY_SCHEDULES * STEADY_MINUTES && distinct === total ? ' ✓' : ' ✗ MISMATCH'}`)
    console.log(`  lag (commit − scheduled_for): p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${(sorted.at(-1) ?? Number.NaN).toFixed(0)} ms`)
    console.log(`  peak RSS: ${mb(rssNow())}`)
  } finally {
    await fresh.drop()
  }
}

console.log(`node ${process.version}; PostgreSQL at ${new URL(ADMIN_URL).host}`)
for (const engine of engines) {
  if (BURST_SCHEDULES > 0) await burst(engine)
  if (STEADY_SCHEDULES > 0) await steady(engine)
}
