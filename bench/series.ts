// Job-series throughput on PostgreSQL: creating a series (template + first window, the REST/MCP create path
// without HTTP), and regenerating 10,000 series' windows with the window task (first full windows, then one
// day's extension). Fixed instants; a scratch database is created and dropped.
// Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/series.ts [series=10000]
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import type { Principal } from '../src/auth/scopes.js'
import { openDatabase, queryRows } from '../src/db/connect.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { teamMembers, tenants } from '../src/db/tables.js'
import { SeriesService } from '../src/series/service.js'
import { ManualClock } from '../src/time/clock.js'

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (baseUrl === undefined) throw new Error('set BENCH_DATABASE_URL=postgres://…')
const SERIES = Number(process.argv[2] ?? 10_000)
const CREATES = 200
const HORIZON_DAYS = 90
const BATCH = 200
const NOW = '2026-03-24T15:00:00Z'
const DAY = 86_400_000

const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
const name = `rj_bench_series_${process.pid}`
await admin.unsafe(`create database "${name}"`)
const url = new URL(baseUrl)
url.pathname = `/${name}`
const database = await openDatabase({ url: url.toString(), max: 10 })

try {
  await migrateDatabase(database, url.toString())
  const db = database.db
  const [tenant] = await db.insert(tenants).values({ name: 'bench' }).returning()
  const [member] = await db.insert(teamMembers).values({ tenantId: tenant!.id, name: 'Owner' }).returning()
  const principal: Principal = { tenantId: tenant!.id, keyId: 'bench', kind: 'user', userId: member!.id, scopes: new Set(['write:job_series']) }
  const clock = new ManualClock(NOW)
  const service = new SeriesService(db, clock, HORIZON_DAYS)

  const input = (i: number) => ({
    title: `Bench ${i}`,
    rrule: i % 2 === 0 ? 'FREQ=WEEKLY;BYDAY=MO,TH' : 'FREQ=DAILY',
    timezone: ['America/Los_Angeles', 'Europe/Paris', 'Asia/Tokyo', 'UTC'][i % 4]!,
    dtstart: '2026-01-01',
    line_items: [{ description: 'Visit', unit_price: 80, quantity: 1 }],
    assigned_user_ids: [member!.id]
  })
  const createMs: number[] = []
  for (let i = 0; i < CREATES; i++) {
    const started = performance.now()
    await service.create(principal, input(i))
    createMs.push(performance.now() - started)
  }
  createMs.sort((a, b) => a - b)
  const pct = (p: number) => createMs[Math.min(createMs.length - 1, Math.floor(p * createMs.length))]!.toFixed(1)
  console.log(`create (template + first ${HORIZON_DAYS}-day window; daily ≈ 91 jobs, twice-weekly ≈ 26): ` +
    `median ${pct(0.5)} ms, p95 ${pct(0.95)} ms over ${CREATES}`)

  // 10,000 series saved without their window (as after failed generations): the task generates every window.
  await db.execute(sql`delete from jobs`)
  await db.execute(sql`delete from job_series`)
  await db.execute(sql`
    insert into job_series (tenant_id, title, rrule, timezone, dtstart, created_by, generation_due_at, created_at)
    select ${tenant!.id}, 'Bench ' || i, case when i % 2 = 0 then 'FREQ=WEEKLY;BYDAY=MO,TH' else 'FREQ=WEEKLY;BYDAY=TU' end,
      (array['America/Los_Angeles','Europe/Paris','Asia/Tokyo','UTC'])[1 + i % 4], '2026-01-01', ${member!.id}, ${NOW}::timestamptz, ${NOW}::timestamptz
    from generate_series(1, ${SERIES}) as i`)
  await db.execute(sql`
    insert into job_series_line_items (tenant_id, series_id, description, unit_price, quantity, position)
    select tenant_id, id, 'Visit', 80, 1, 0 from job_series`)

  const drain = async (runners: number) => {
    const started = performance.now()
    let handled = 0
    await Promise.all(Array.from({ length: runners }, async () => {
      for (;;) {
        const n = await service.generateDue(clock.now(), BATCH)
        handled += n
        if (n === 0) return
      }
    }))
    return { ms: performance.now() - started, handled }
  }
  const jobs = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs`))[0]!.n

  clock.set(new Date(Date.parse(NOW) + 1000))
  let result = await drain(1)
  console.log(`first windows, ${SERIES} series (weekly rules, ${await jobs()} jobs): ${(result.ms / 1000).toFixed(2)} s, ` +
    `${(result.ms / SERIES).toFixed(2)} ms per series, 1 runner`)

  clock.set(new Date(Date.parse(NOW) + DAY))
  const before = await jobs()
  result = await drain(1)
  console.log(`daily extension, ${SERIES} series (+${await jobs() - before} jobs): ${(result.ms / 1000).toFixed(2)} s, ` +
    `${(result.ms / SERIES).toFixed(2)} ms per series, 1 runner`)

  clock.set(new Date(Date.parse(NOW) + 2 * DAY))
  result = await drain(4)
  console.log(`daily extension, ${SERIES} series: ${(result.ms / 1000).toFixed(2)} s with 4 runners (SKIP LOCKED)`)

  const idle = performance.now()
  await service.generateDue(clock.now(), BATCH)
  console.log(`idle run (nothing due): ${(performance.now() - idle).toFixed(1)} ms`)
} finally {
  await database.close()
  await admin.unsafe(`drop database if exists "${name}" with (force)`)
  await admin.end({ timeout: 5 })
}
