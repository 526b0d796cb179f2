// One scheduler tick against a real database, on both engines: coalescing, exactly-once under retries and
// concurrency, atomic batches, failing schedules that stall nothing, and DST instants (docs/contract.md §6).
import { sql } from 'drizzle-orm'
import type { Test } from 'tap'
import t from 'tap'
import { openDatabase, queryRows, type Database } from '../../src/db/connect.js'
import { AppEvents } from '../../src/events.js'
import { tickStore, type TickStore } from '../../src/scheduler/store.js'
import { tickOnce, type TickDeps } from '../../src/scheduler/tick.js'
import type { ManualClock } from '../../src/time/clock.js'
import { buildTestApp, eachApp, type TestApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { insertSchedule, insertSchedules, readExecutions, readSchedule } from '../helpers/schedules.js'

const retention = { executionRetentionDays: 14 }

function deps (ctx: TestApp, extra: Partial<TickDeps> = {}): TickDeps {
  return { database: ctx.db.database, clock: ctx.clock, config: retention, ...extra }
}

async function count (database: Database, tenantId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from executions where tenant_id = ${tenantId}`)
  return row!.n
}

t.test('a due schedule enqueues one execution carrying the schedule\'s fields', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    await insertSchedule(db.database.db, tenant.tenantId, {
      id: 'rjob_daily_cleanup',
      cron: '0 3 * * *',
      timezone: 'America/New_York',
      jobType: 'MyApp.Jobs.CleanupExpiredSessions',
      queue: 'maintenance',
      payload: { retention_days: 30 },
      maxAttempts: 5,
      timeoutSeconds: 600
    }, clock.now())
    t.equal((await readSchedule(db.database.db, tenant.tenantId, 'rjob_daily_cleanup'))!.next_run_at, '2026-03-25T07:00:00.000Z')

    t.match(await tickOnce(deps(ctx), {}), { enqueued: 0, dueAfter: 0, nextDueAt: new Date('2026-03-25T07:00:00Z') }, 'nothing due yet')
    clock.set('2026-03-25T07:00:00.250Z')
    t.match(await tickOnce(deps(ctx)), { enqueued: 1, failedSchedules: 0, dueAfter: 0, nextDueAt: new Date('2026-03-26T07:00:00Z') })

    const list = await app.inject({ method: 'GET', url: '/v1/executions', headers: tenant.headers })
    t.equal(list.statusCode, 200)
    const [execution] = list.json().data
    t.strictSame(list.json(), {
      data: [{
        id: execution.id,
        recurring_id: 'rjob_daily_cleanup',
        job_type: 'MyApp.Jobs.CleanupExpiredSessions',
        queue: 'maintenance',
        payload: { retention_days: 30 },
        status: 'queued',
        trigger: 'schedule',
        attempt: 0,
        max_attempts: 5,
        timeout_seconds: 600,
        scheduled_for: '2026-03-25T07:00:00Z',
        coalesced_count: 1,
        covers_until: '2026-03-25T07:00:00Z',
        enqueued_at: '2026-03-25T07:00:00Z',
        available_at: '2026-03-25T07:00:00Z',
        started_at: null,
        finished_at: null,
        lease_expires_at: null,
        worker_id: null,
        last_error: null
      }],
      next_cursor: null
    })
    t.strictSame(await readSchedule(db.database.db, tenant.tenantId, 'rjob_daily_cleanup'), {
      id: 'rjob_daily_cleanup', next_run_at: '2026-03-26T07:00:00.000Z', last_run_at: '2026-03-25T07:00:00.000Z', evaluation_error: null
    })
  })
})

t.test('tick enqueues one execution for occurrences missed while down', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    // Saved 15:00 → next 16:00. The service is down until 19:30: 16:00, 17:00, 18:00 and 19:00 were missed.
    await insertSchedule(db.database.db, tenant.tenantId, { id: 'rjob_hourly', cron: '0 * * * *' }, clock.now())
    await insertSchedule(db.database.db, tenant.tenantId, { id: 'rjob_daily', cron: '0 0 * * *' }, clock.now())
    clock.set('2026-03-24T19:30:00Z')
    t.match(await tickOnce(deps(ctx)), { enqueued: 1 })
    t.strictSame(await readExecutions(db.database.db, tenant.tenantId), [
      { recurring_id: 'rjob_hourly', trigger: 'schedule', status: 'queued', coalesced_count: 4, scheduled_for: '2026-03-24T16:00:00Z', enqueued_at: '2026-03-24T19:30:00Z' }
    ])
    t.strictSame(await readSchedule(db.database.db, tenant.tenantId, 'rjob_hourly'), {
      id: 'rjob_hourly', next_run_at: '2026-03-24T20:00:00.000Z', last_run_at: '2026-03-24T16:00:00.000Z', evaluation_error: null
    })
    // A week down for the daily one: 25th … 31st = 7 occurrences, one execution.
    clock.set('2026-03-31T12:00:00Z')
    await tickOnce(deps(ctx))
    const daily = await readExecutions(db.database.db, tenant.tenantId, 'rjob_daily')
    t.strictSame(daily.map((e) => [e.scheduled_for, e.coalesced_count]), [['2026-03-25T00:00:00Z', 7]])
    t.equal((await readSchedule(db.database.db, tenant.tenantId, 'rjob_daily'))!.next_run_at, '2026-04-01T00:00:00.000Z')
  })
})

t.test('a retried tick never enqueues an occurrence twice', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    await insertSchedule(db.database.db, tenant.tenantId, { id: 'rjob_m', cron: '* * * * *' }, clock.now())
    clock.set('2026-03-24T15:01:00Z')
    t.match(await tickOnce(deps(ctx)), { enqueued: 1 })
    t.match(await tickOnce(deps(ctx)), { enqueued: 0 }, 'the same instant again: nothing is due')
    // A tick that inserted and then lost its update (e.g. the schedule row was restored from a backup) finds the
    // occurrence already enqueued and only moves the schedule on.
    await db.database.db.execute(sql`update recurring_jobs set next_run_at = '2026-03-24T15:01:00Z' where id = 'rjob_m'`)
    t.match(await tickOnce(deps(ctx)), { enqueued: 0 })
    t.equal(await count(db.database, tenant.tenantId), 1)
    t.equal((await readSchedule(db.database.db, tenant.tenantId, 'rjob_m'))!.next_run_at, '2026-03-24T15:02:00.000Z')
    // Many sequential ticks across a minute boundary each add exactly the new occurrence.
    for (let minute = 2; minute <= 30; minute++) {
      clock.set(`2026-03-24T15:${String(minute).padStart(2, '0')}:00.500Z`)
      await tickOnce(deps(ctx))
      await tickOnce(deps(ctx))
    }
    t.equal(await count(db.database, tenant.tenantId), 30)
  })
})

t.test('concurrent ticks enqueue each occurrence exactly once', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    const schedules = Array.from({ length: 1200 }, (_, i) => ({ id: `rjob_${i}`, cron: '* * * * *' }))
    await insertSchedules(db.database.db, tenant.tenantId, schedules, clock.now())

    // PostgreSQL: a second app instance with its own connection pool on the same database. PGlite has one
    // connection, so there the concurrent ticks share it (its transactions serialize).
    const instances: Database[] = [db.database]
    if (db.database.supports.concurrentConnections) {
      const second = await openDatabase({ url: db.url, max: 10 })
      const other = await buildTestApp(t, 'postgres', { db: { engine: 'postgres', database: second, url: db.url } })
      t.teardown(() => second.close())
      instances.push(other.db.database)
    } else {
      instances.push(db.database)
    }
    let reported = 0
    const rounds = 8
    for (let round = 1; round <= rounds; round++) {
      clock.set(new Date(Date.parse('2026-03-24T15:00:00Z') + round * 60_000))
      const results = await Promise.all([0, 1, 2, 3].map((i) => tickOnce(
        { database: instances[i % instances.length]!, clock, config: retention }, { batchSize: 100 })))
      reported += results.reduce((sum, r) => sum + r.enqueued, 0)
    }
    t.equal(await count(db.database, tenant.tenantId), 1200 * rounds, 'every occurrence enqueued')
    t.equal(reported, 1200 * rounds, 'no tick reports an insert another one made')
    const [dupes] = await queryRows<{ n: number }>(db.database.db, sql`
      select count(*)::int as n from (select 1 from executions group by recurring_id, scheduled_for having count(*) > 1) d`)
    t.equal(dupes!.n, 0, 'no occurrence twice')
  })
})

t.test('a tick that fails half-way leaves nothing behind; the next one completes it', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    await insertSchedules(db.database.db, tenant.tenantId, [{ id: 'rjob_a', cron: '* * * * *' }, { id: 'rjob_b', cron: '*/2 * * * *' }], clock.now())
    clock.set('2026-03-24T15:02:00Z')
    const before = [await readSchedule(db.database.db, tenant.tenantId, 'rjob_a'), await readSchedule(db.database.db, tenant.tenantId, 'rjob_b')]
    let inserted = 0
    const failing: TickStore = {
      ...tickStore,
      async insertScheduledExecutions (tx, items) {
        const rows = await tickStore.insertScheduledExecutions(tx, items)
        inserted += rows.length
        throw new Error('injected: connection lost after the insert')
      }
    }
    const events = new AppEvents()
    const enqueuedEvents: string[] = []
    events.on('execution:enqueued', (e) => enqueuedEvents.push(e.recurringId))
    // One batch at a time, so the count below is exact (PostgreSQL would otherwise run two batches at once).
    await t.rejects(tickOnce(deps(ctx, { store: failing, events }), { concurrency: 1 }), /injected/)
    t.equal(inserted, 2, 'the insert did happen inside the transaction')
    t.equal(await count(db.database, tenant.tenantId), 0, 'and was rolled back')
    t.strictSame([await readSchedule(db.database.db, tenant.tenantId, 'rjob_a'), await readSchedule(db.database.db, tenant.tenantId, 'rjob_b')], before)
    t.strictSame(enqueuedEvents, [], 'no event for rolled-back work')

    t.match(await tickOnce(deps(ctx, { events })), { enqueued: 2 })
    t.strictSame((await readExecutions(db.database.db, tenant.tenantId)).map((e) => [e.recurring_id, e.scheduled_for, e.coalesced_count]), [
      ['rjob_a', '2026-03-24T15:01:00Z', 2],
      ['rjob_b', '2026-03-24T15:02:00Z', 1]
    ])
    t.strictSame(enqueuedEvents.sort(), ['rjob_a', 'rjob_b'])
  })
})

t.test('a schedule that cannot be evaluated does not stall the others and recovers', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    const due = '2026-03-24T15:01:00Z'
    await insertSchedules(db.database.db, tenant.tenantId, [
      { id: 'rjob_broken_1', cron: '* * * * *', timezone: 'Mars/Olympus_Mons', nextRunAt: due },
      { id: 'rjob_broken_2', cron: '* * * * *', timezone: 'Mars/Olympus_Mons', nextRunAt: due },
      { id: 'rjob_broken_3', cron: '* * * * *', timezone: 'Mars/Olympus_Mons', nextRunAt: due },
      { id: 'rjob_ok_1', cron: '* * * * *', nextRunAt: due },
      { id: 'rjob_ok_2', cron: '* * * * *', nextRunAt: due }
    ], clock.now())
    const events = new AppEvents()
    const failures: string[] = []
    events.on('schedule:failed', (e) => failures.push(e.recurringId))
    clock.set(due)
    // Batches of two: the broken rows come first and fill the first batches; they still cannot stall the rest.
    t.match(await tickOnce(deps(ctx, { events }), { batchSize: 2 }), { enqueued: 2, failedSchedules: 3, dueAfter: 0 })
    t.strictSame(failures.sort(), ['rjob_broken_1', 'rjob_broken_2', 'rjob_broken_3'])
    t.strictSame((await readExecutions(db.database.db, tenant.tenantId)).map((e) => e.recurring_id), ['rjob_ok_1', 'rjob_ok_2'])
    const broken = await readSchedule(db.database.db, tenant.tenantId, 'rjob_broken_1')
    t.match(broken, { next_run_at: '2026-03-24T15:02:00.000Z', last_run_at: null, evaluation_error: /Mars\/Olympus_Mons/ })

    // The metric counts them.
    const metrics = await app.inject({ method: 'GET', url: '/metrics' })
    t.equal(metrics.statusCode, 200)

    // The zone comes back (here: the row is repaired). At the retry time the missed occurrences 15:01 and 15:02
    // coalesce into one execution and the error is cleared.
    await db.database.db.execute(sql`update recurring_jobs set timezone = 'UTC' where id = 'rjob_broken_1'`)
    clock.set('2026-03-24T15:02:00Z')
    t.match(await tickOnce(deps(ctx, { events })), { enqueued: 3, failedSchedules: 2 })
    const recovered = await readExecutions(db.database.db, tenant.tenantId, 'rjob_broken_1')
    t.strictSame(recovered.map((e) => [e.scheduled_for, e.coalesced_count]), [['2026-03-24T15:01:00Z', 2]])
    t.strictSame(await readSchedule(db.database.db, tenant.tenantId, 'rjob_broken_1'), {
      id: 'rjob_broken_1', next_run_at: '2026-03-24T15:03:00.000Z', last_run_at: '2026-03-24T15:01:00.000Z', evaluation_error: null
    })
  })
})

/** Moves the clock to each next_run_at of the schedule up to `until`, ticking there; returns the scheduled_for instants. */
async function fire (ctx: TestApp, clock: ManualClock, tenantId: string, id: string, until: string): Promise<string[]> {
  for (;;) {
    const next = (await readSchedule(ctx.db.database.db, tenantId, id))!.next_run_at
    if (next === null || next > until) break
    clock.set(next)
    await tickOnce(deps(ctx))
  }
  return (await readExecutions(ctx.db.database.db, tenantId, id)).map((e) => e.scheduled_for)
}

async function dstCase (t: Test, ctx: TestApp, tenantId: string, row: { id: string, cron: string, timezone: string, saved: string, until: string, expected: string[] }) {
  ctx.clock.set(row.saved)
  await insertSchedule(ctx.db.database.db, tenantId, { id: row.id, cron: row.cron, timezone: row.timezone }, ctx.clock.now())
  t.strictSame(await fire(ctx, ctx.clock, tenantId, row.id, row.until), row.expected, `${row.cron} ${row.timezone}`)
}

t.test('DST transitions enqueue the Cronos instants', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    // New York spring forward, 2026-03-08 02:00 EST → 03:00 EDT: 02:30 does not exist and fires at 03:00 EDT.
    await dstCase(t, ctx, tenant.tenantId, {
      id: 'ny_spring',
      cron: '30 2 * * *',
      timezone: 'America/New_York',
      saved: '2026-03-07T12:00:00Z',
      until: '2026-03-09T12:00:00Z',
      expected: ['2026-03-08T07:00:00Z', '2026-03-09T06:30:00Z']
    })
    // New York fall back, 2026-11-01 02:00 EDT → 01:00 EST: 01:30 happens twice; a fixed time fires once (EDT).
    await dstCase(t, ctx, tenant.tenantId, {
      id: 'ny_fall_fixed',
      cron: '30 1 * * *',
      timezone: 'America/New_York',
      saved: '2026-10-31T12:00:00Z',
      until: '2026-11-02T12:00:00Z',
      expected: ['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']
    })
    // …an interval expression fires in both offsets.
    await dstCase(t, ctx, tenant.tenantId, {
      id: 'ny_fall_interval',
      cron: '*/30 1 * * *',
      timezone: 'America/New_York',
      saved: '2026-10-31T12:00:00Z',
      until: '2026-11-01T12:00:00Z',
      expected: ['2026-11-01T05:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z']
    })
    // London spring forward, 2026-03-29 01:00 GMT → 02:00 BST: 01:30 fires at 02:00 BST = 01:00Z.
    await dstCase(t, ctx, tenant.tenantId, {
      id: 'ldn_spring',
      cron: '30 1 * * *',
      timezone: 'Europe/London',
      saved: '2026-03-28T12:00:00Z',
      until: '2026-03-30T12:00:00Z',
      expected: ['2026-03-29T01:00:00Z', '2026-03-30T00:30:00Z']
    })
    // London fall back, 2026-10-25 02:00 BST → 01:00 GMT.
    await dstCase(t, ctx, tenant.tenantId, {
      id: 'ldn_fall_fixed',
      cron: '30 1 * * *',
      timezone: 'Europe/London',
      saved: '2026-10-24T12:00:00Z',
      until: '2026-10-26T12:00:00Z',
      expected: ['2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']
    })
    await dstCase(t, ctx, tenant.tenantId, {
      id: 'ldn_fall_interval',
      cron: '*/30 1 * * *',
      timezone: 'Europe/London',
      saved: '2026-10-24T12:00:00Z',
      until: '2026-10-25T12:00:00Z',
      expected: ['2026-10-25T00:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:00:00Z', '2026-10-25T01:30:00Z']
    })
  })
})

t.test('disabled schedules and schedules without next_run_at are never enqueued', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    await insertSchedules(db.database.db, tenant.tenantId, [
      { id: 'rjob_off', cron: '* * * * *', enabled: false, nextRunAt: '2026-03-24T15:00:00Z' },
      { id: 'rjob_null', cron: '* * * * *', nextRunAt: null }
    ], clock.now())
    clock.set('2026-03-24T16:00:00Z')
    t.match(await tickOnce(deps(ctx)), { enqueued: 0, dueAfter: 0, nextDueAt: null })
    t.equal(await count(db.database, tenant.tenantId), 0)
  })
})
