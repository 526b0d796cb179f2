// CONTRACT §10 "one clock": instances whose system clocks are off (+30 s and −5 min here, injected per instance)
// share the database's clock, so neither enqueues early, expires a valid lease, nor hands out a leased execution.
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { databaseClock } from '../../src/db/clock.js'
import { openDatabase, queryRows } from '../../src/db/connect.js'
import { tickOnce } from '../../src/scheduler/index.js'
import { ManualClock } from '../../src/time/clock.js'
import type { CorrectedClock } from '../../src/time/corrected-clock.js'
import { ADMIN_TOKEN } from '../helpers/app.js'
import { eachDatabase, openTestDb, postgresUrl } from '../helpers/db.js'
import { createTenant } from '../helpers/keys.js'

const config = loadConfig({ SCHEDULER: 'off', LOG_LEVEL: 'silent', ADMIN_TOKEN })

t.test('a clock running 30 s fast is corrected to the database clock', async (t) => {
  await eachDatabase(t, async (t, { database }) => {
    const base = new ManualClock(Date.now() + 30_000)
    const clock = await databaseClock(database, base)
    const error = clock.now().getTime() - Date.now()
    t.comment(`offset measured ${clock.offsetMs} ms; corrected clock − system clock = ${error} ms`)
    t.ok(Math.abs(error) < 1_000, `within a second of the database clock (${error} ms)`)
    base.advance(1_500)
    t.equal(clock.now().getTime() - base.now().getTime(), clock.offsetMs, 'it moves with its base clock')
  })
})

interface Instance { app: FastifyInstance, base: ManualClock, skewMs: number, clock: CorrectedClock, tick: () => Promise<{ enqueued: number, leasesExpired: number }> }

t.test('two instances 30 s fast and 5 min slow on one PostgreSQL agree on enqueueing, leases and claims', {
  skip: postgresUrl === undefined && 'needs two instances on one database: a PostgreSQL server (TEST_DATABASE_URL)'
}, async (t) => {
  const db = await openTestDb(t, 'postgres')
  const second = await openDatabase({ url: db.url, max: 4 })
  t.teardown(() => second.close())
  const instance = async (database: typeof second, skewMs: number): Promise<Instance> => {
    const base = new ManualClock(Date.now() + skewMs)
    const clock = await databaseClock(database, base)
    const app = await buildApp({ config, database, clock }, { logger: false })
    t.teardown(() => app.close())
    const tick = () => tickOnce({ database, clock, config, random: () => 0 })
    return { app, base, skewMs, clock, tick }
  }
  const fast = await instance(db.database, 30_000)
  const slow = await instance(second, -300_000)
  /** Sets an instance's own (skewed) clock to what it reads when the true time is `at`. */
  const setTo = (i: Instance, at: number) => { i.base.set(at + i.skewMs) }
  // The corrected clocks agree with the database to within the round trips of their measurements.
  const MARGIN = 1_000

  const tenant = await createTenant(slow.app)
  const put = await slow.app.inject({
    method: 'PUT',
    url: '/v1/recurring/rjob_ten',
    headers: tenant.headers,
    payload: { job_type: 'Every.Ten', cron_expression: '*/10 * * * * *', timeout_seconds: 20 }
  })
  t.equal(put.statusCode, 200)
  const due = Date.parse(put.json().next_run_at)

  setTo(fast, due - MARGIN)
  t.equal((await fast.tick()).enqueued, 0, 'the fast instance does not enqueue early (its own clock says 29 s late)')
  setTo(fast, due + MARGIN)
  t.equal((await fast.tick()).enqueued, 1, 'it enqueues once the occurrence is due')
  const [row] = await queryRows<{ enqueued_ms: number }>(db.database.db,
    sql`select (extract(epoch from enqueued_at) * 1000)::float8 as enqueued_ms from executions`)
  const enqueuedError = Number(row?.enqueued_ms) - due - MARGIN
  t.ok(Math.abs(enqueuedError) < MARGIN, `enqueued_at is the true time (${enqueuedError} ms off)`)

  setTo(slow, due + 2 * MARGIN)
  const claim = (i: Instance, worker: string) => i.app.inject({
    method: 'POST', url: '/v1/executions/claim', headers: tenant.headers, payload: { worker_id: worker }
  })
  const claimed = (await claim(slow, 'slow-worker')).json().data
  t.equal(claimed.length, 1, 'the slow instance hands the execution out (its own clock says 5 min early)')
  const leaseEnd = Date.parse(claimed[0].lease_expires_at)
  t.ok(Math.abs(leaseEnd - (due + 2 * MARGIN + 20_000)) < MARGIN, 'a 20 s lease from the true time')

  setTo(fast, due + 2 * MARGIN + 6_000)
  t.equal((await fast.tick()).leasesExpired, 0, 'the fast instance does not expire the lease 6 s after the claim')
  t.strictSame((await claim(fast, 'fast-worker')).json().data, [], 'nor hands the leased execution to another worker')
  setTo(fast, leaseEnd - MARGIN)
  t.equal((await fast.tick()).leasesExpired, 0, 'nor a second before the lease ends')
  setTo(fast, leaseEnd + MARGIN)
  t.equal((await fast.tick()).leasesExpired, 1, 'it expires the lease once it has run out')
})
