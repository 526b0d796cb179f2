// EXECUTION_RETENTION_DAYS: finished executions older than the retention are pruned, in bounded batches; queued
// and running ones, however old, are kept.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { AppEvents } from '../../src/events.js'
import { tickOnce } from '../../src/scheduler/tick.js'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { insertSchedule } from '../helpers/schedules.js'

t.test('tick prunes succeeded and failed executions older than the retention, a bounded batch at a time', async (t) => {
  await eachApp(t, async (t, { app, clock, db, config }) => {
    t.equal(config.executionRetentionDays, 3)
    const tenant = await createTenant(app)
    await insertSchedule(db.database.db, tenant.tenantId, { id: 'rjob_a', cron: '0 0 1 1 *' }, clock.now())
    const post = (url: string, payload?: object) => app.inject({ method: 'POST', url, headers: tenant.headers, ...(payload === undefined ? {} : { payload }) })
    // 7 executions finished at 15:00 (5 succeeded, 2 failed), 1 left queued and 1 running.
    for (let i = 0; i < 9; i++) await post('/v1/recurring/rjob_a/trigger')
    const claimed = (await post('/v1/executions/claim', { worker_id: 'w', limit: 8 })).json().data as Array<{ id: string }>
    for (const [i, e] of claimed.entries()) {
      if (i < 5) await post(`/v1/executions/${e.id}/complete`, { worker_id: 'w' })
      else if (i < 7) await db.database.db.execute(sql`update executions set status = 'failed', finished_at = ${'2026-03-24T15:00:00Z'}::timestamptz, lease_expires_at = null where id = ${e.id}`)
    }
    const events = new AppEvents()
    const pruned: number[] = []
    events.on('executions:pruned', (e) => pruned.push(e.count))
    const tick = () => tickOnce({ database: db.database, clock, config, events }, { pruneBatchSize: 4 })
    const remaining = async () => (await queryRows<{ status: string, n: number }>(db.database.db,
      sql`select status, count(*)::int as n from executions group by status order by status`)).map((r) => `${r.status}:${r.n}`)

    // Keep the running one's lease alive throughout, so lease expiry leaves it alone.
    await db.database.db.execute(sql`update executions set lease_expires_at = '2030-01-01T00:00:00Z' where status = 'running'`)
    clock.set('2026-03-27T15:00:00Z')
    t.match(await tick(), { pruned: 0 }, 'exactly 3 days old is kept')
    clock.set('2026-03-27T15:00:01Z')
    t.match(await tick(), { pruned: 4, moreWork: true }, 'a batch at most')
    t.match(await tick(), { pruned: 3, moreWork: false })
    t.match(await tick(), { pruned: 0 })
    t.strictSame(pruned, [4, 3])
    t.strictSame(await remaining(), ['queued:1', 'running:1'])
    clock.set('2027-03-27T15:00:00Z')
    t.match(await tick(), { pruned: 0 }, 'unfinished executions are never pruned')
  }, { env: { EXECUTION_RETENTION_DAYS: '3' } })
})
