// Two service instances on one database (docs/contract.md §6, §12): every overlap × misfire combination, with workers
// that complete, fail, and vanish (leases run out), a downtime and a disabled period, ticked by both instances at
// once. The result is exactly what one instance alone makes of the same twenty minutes — the same executions and the same
// ledger — and at no moment does a policy's bound on unfinished executions break. On PostgreSQL the second instance
// has its own connection pool; on PGlite (one connection) both share it.
import { sql } from 'drizzle-orm'
import type { Test } from 'tap'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { buildTestApp, eachApp, type TestApp } from '../helpers/app.js'
import { createTenant, type Tenant } from '../helpers/keys.js'
import { api, day, secondInstance, tick, type Api, type Json } from './controls-client.js'

const OVERLAP = ['allow', 'skip', 'buffer_one', 'replace'] as const
const MISFIRE = ['coalesce', 'all', 'skip'] as const
const IDS = OVERLAP.flatMap((o) => MISFIRE.map((m) => `rjob_${o}_${m}`))
const minute = (m: number) => day(`15:${String(m).padStart(2, '0')}`)

/**
 * The twenty minutes 15:00–15:20 on these instances (one or two, sharing a clock and a database). Ticks every
 * minute, except a downtime 15:07–15:11:30; every schedule is disabled 15:17–15:19. What a worker does with an
 * execution depends on its occurrence's minute: :x0 and :x5 vanish (the 150 s lease runs out; max_attempts 2),
 * :x1 and :x6 fail, the others take one minute and succeed.
 */
async function twentyMinutes (t: Test, instances: TestApp[], tenant: Tenant): Promise<Api> {
  const clients = instances.map((i) => api(i.app, tenant))
  const c = clients[0]!
  const clock = instances[0]!.clock
  clock.set(minute(0))
  for (const id of IDS) {
    const [, overlap, misfire] = /^rjob_(allow|skip|buffer_one|replace)_(coalesce|all|skip)$/.exec(id)!
    await c.put(id, { job_type: id, cron_expression: '* * * * *', overlap_policy: overlap, misfire_policy: misfire, misfire_threshold_seconds: 120, timeout_seconds: 150, max_attempts: 2 })
  }
  let running: Array<{ id: string, worker: string }> = []
  let turn = 0
  const bounds = async (at: string) => {
    const [row] = await queryRows<{ skip: number, replace: number, buffer: number }>(instances[0]!.db.database.db, sql`
      select coalesce(max(n) filter (where overlap_policy = 'skip'), 0)::int as skip,
             coalesce(max(n) filter (where overlap_policy = 'replace'), 0)::int as replace,
             coalesce(max(n) filter (where overlap_policy = 'buffer_one'), 0)::int as buffer
      from (select r.overlap_policy, count(e.id) as n from recurring_jobs r
            left join executions e on e.tenant_id = r.tenant_id and e.recurring_id = r.id and e.status in ('queued', 'running')
            group by r.tenant_id, r.id, r.overlap_policy) x`)
    if (row!.skip > 1 || row!.replace > 1 || row!.buffer > 2) t.fail(`${at}: unfinished executions beyond the policy: ${JSON.stringify(row)}`)
  }
  for (let m = 1; m <= 20; m++) {
    if (m > 7 && m < 11) continue
    clock.set(m === 11 ? day('15:11:30') : minute(m))
    if (m === 17) for (const id of IDS) await clients[turn++ % clients.length]!.patch(id, { enabled: false })
    if (m === 19) for (const id of IDS) await clients[turn++ % clients.length]!.patch(id, { enabled: true })
    // The runs claimed a minute ago end now (a replaced one's worker is told 409).
    for (const r of running) await clients[turn++ % clients.length]!.complete(r.id, r.worker)
    running = []
    await Promise.all(instances.map((i) => tick(i)))
    await bounds(`15:${m}`)
    for (;;) {
      const worker = `w${turn % 3}`
      const claimed = await clients[turn++ % clients.length]!.claim(worker, 100)
      if (claimed.length === 0) break
      for (const e of claimed) {
        const of = Number(e.scheduled_for.slice(15, 16))
        if (of === 0 || of === 5) continue //                              vanishes
        if (of === 1 || of === 6) await clients[turn++ % clients.length]!.fail(e.id, worker)
        else running.push({ id: e.id, worker })
      }
    }
  }
  return c
}

/** What the schedule's executions and ledger say, without ids. */
async function outcome (c: Api, id: string) {
  const executions = (await c.executions(id)).map((e) => `${e.scheduled_for.slice(14, 16)}…${e.covers_until.slice(14, 16)} ×${e.coalesced_count} ${e.status} a${e.attempt} ${e.last_error ?? ''}`)
  const ledger = ((await c.ledger(id, minute(0), day('15:21'))).data as Json[]).map((o) => `${o.scheduled_for.slice(14, 16)} ${o.outcome} ${o.execution_status ?? ''}`)
  return { executions, ledger }
}

t.test('two instances ticking at once give every policy combination exactly what one instance gives', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const alone = await buildTestApp(t, ctx.db.engine)
    const reference = await twentyMinutes(t, [alone], await createTenant(alone.app))
    const pair = await twentyMinutes(t, [ctx, await secondInstance(t, ctx)], await createTenant(ctx.app))
    const minutes = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'))
    for (const id of IDS) {
      const expected = await outcome(reference, id)
      const got = await outcome(pair, id)
      t.strictSame(got, expected, `${id}: the same executions and ledger`)
      t.strictSame(got.ledger.map((l) => l.slice(0, 2)), minutes, `${id}: each occurrence once`)
    }
    // The twenty minutes exercised every outcome and every way an execution ends.
    const all = (await Promise.all(IDS.map((id) => outcome(pair, id)))).flatMap((o) => [...o.ledger, ...o.executions])
    for (const seen of ['enqueued', 'coalesced', 'skipped_overlap', 'skipped_misfire', 'skipped_paused', 'succeeded', 'failed a2 timeout', 'failed a2 boom', 'replaced']) {
      t.ok(all.some((l) => l.includes(seen)), `somewhere: ${seen}`)
    }
  })
})
