// docs/contract.md §11: claims with wait_seconds wait (holding no connection) and answer as soon as an execution becomes
// claimable — enqueued, retried after its backoff, released, or on another instance — or {data: []} when the
// time is up or the app closes. Release and the batch acknowledgements, each item judged on its own.
import { once } from 'node:events'
import { connect, type AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import fastJson from 'fast-json-stringify'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { openDatabase } from '../../src/db/connect.js'
import { BatchResponse } from '../../src/executions/schemas.js'
import { ExecutionsService } from '../../src/executions/service.js'
import { ClaimWakeups } from '../../src/executions/wakeups.js'
import { ManualClock } from '../../src/time/clock.js'
import { eachApp, type TestApp } from '../helpers/app.js'
import { createTenant, type Tenant } from '../helpers/keys.js'
import { insertSchedule } from '../helpers/schedules.js'

type Json = Record<string, any>

async function setup (ctx: TestApp, schedule: { maxAttempts?: number, queue?: string } = {}) {
  const tenant = await createTenant(ctx.app)
  await insertSchedule(ctx.db.database.db, tenant.tenantId, {
    id: 'rjob_sync', cron: '0 * * * *', jobType: 'crm.sync', maxAttempts: 3, timeoutSeconds: 60, ...schedule
  }, ctx.clock.now())
  return tenant
}

function post (app: FastifyInstance, tenant: Tenant, url: string, payload?: unknown) {
  return app.inject({ method: 'POST', url, headers: tenant.headers, ...(payload === undefined ? {} : { payload: payload as object }) })
}

async function trigger (app: FastifyInstance, tenant: Tenant): Promise<Json> {
  const res = await post(app, tenant, '/v1/recurring/rjob_sync/trigger')
  if (res.statusCode !== 201) throw new Error(`trigger answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** Resolves once `n` sleepers wait on the clock (the long-poll is parked). */
async function parked (clock: ManualClock, n = 1): Promise<void> {
  // A deadline in real time, not a count of turns: on PostgreSQL the claim's first read is real I/O, which a loaded
  // machine can stretch far past a few thousand event-loop turns.
  const deadline = performance.now() + 10_000
  while (clock.sleeping < n && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2))
  if (clock.sleeping < n) throw new Error('the claim never went to sleep')
}

t.test('POST /v1/executions/claim with wait_seconds', async (t) => {
  await t.test('answers as soon as an execution is enqueued', async (t) => {
    await eachApp(t, async (t, ctx) => {
      const tenant = await setup(ctx)
      const waiting = post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1', wait_seconds: 20 })
      await parked(ctx.clock)
      const enqueued = await trigger(ctx.app, tenant)
      const res = await waiting
      t.equal(res.statusCode, 200)
      t.strictSame(res.json().data.map((e: Json) => [e.id, e.status, e.worker_id]), [[enqueued.id, 'running', 'w1']])
    })
  })

  await t.test('answers {data: []} when the time is up, not before', async (t) => {
    await eachApp(t, async (t, ctx) => {
      const tenant = await setup(ctx)
      let answered = false
      const waiting = post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1', wait_seconds: 5 }).then((r) => { answered = true; return r })
      await parked(ctx.clock)
      ctx.clock.advance(4_999)
      await new Promise((resolve) => setTimeout(resolve, 20))
      t.equal(answered, false, 'still waiting at 4.999 s')
      ctx.clock.advance(1)
      const res = await waiting
      t.strictSame([res.statusCode, res.json()], [200, { data: [] }])
    })
  })

  await t.test('an execution of another queue or tenant does not answer it', async (t) => {
    await eachApp(t, async (t, ctx) => {
      const tenant = await setup(ctx)
      const other = await createTenant(ctx.app, { name: 'Other' })
      await insertSchedule(ctx.db.database.db, other.tenantId, { id: 'rjob_sync', cron: '0 * * * *' }, ctx.clock.now())
      const waiting = post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1', queues: ['mail'], wait_seconds: 3 })
      await parked(ctx.clock)
      await trigger(ctx.app, tenant)
      await trigger(ctx.app, other)
      ctx.clock.advance(3_000)
      t.strictSame((await waiting).json(), { data: [] })
    })
  })

  await t.test('a failed attempt wakes it when its backoff ends', async (t) => {
    await eachApp(t, async (t, ctx) => {
      const tenant = await setup(ctx)
      const enqueued = await trigger(ctx.app, tenant)
      await post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
      const failed = (await post(ctx.app, tenant, `/v1/executions/${enqueued.id as string}/fail`, { worker_id: 'w1', error: 'boom' })).json()
      t.equal(failed.status, 'queued')
      const waiting = post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w2', wait_seconds: 30 })
      await parked(ctx.clock, 2) // the wait and the retry timer
      // available_at is shown in whole seconds; the row holds milliseconds.
      ctx.clock.set(new Date(failed.available_at).getTime() + 1000)
      const res = (await waiting).json()
      t.strictSame(res.data.map((e: Json) => [e.id, e.attempt, e.worker_id]), [[enqueued.id, 2, 'w2']])
    })
  })

  await t.test('a release wakes it, and app.close ends every wait with {data: []}', async (t) => {
    await eachApp(t, async (t, ctx) => {
      const tenant = await setup(ctx)
      const enqueued = await trigger(ctx.app, tenant)
      await post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
      const waiting = post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w2', wait_seconds: 30 })
      await parked(ctx.clock)
      const released = await post(ctx.app, tenant, `/v1/executions/${enqueued.id as string}/release`, { worker_id: 'w1' })
      t.equal(released.statusCode, 200)
      t.match(released.json(), { status: 'queued', attempt: 0, available_at: '2026-03-24T15:00:00Z', lease_expires_at: null, started_at: null })
      t.strictSame((await waiting).json().data.map((e: Json) => [e.id, e.attempt]), [[enqueued.id, 1]])

      const idle = post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w3', wait_seconds: 30 })
      await parked(ctx.clock)
      await ctx.app.close()
      t.strictSame((await idle).json(), { data: [] })
    })
  })

  await t.test('a client that goes away as its claim is woken is not left holding the execution', async (t) => {
    await eachApp(t, async (t, ctx) => {
      const tenant = await setup(ctx)
      await ctx.app.listen({ port: 0, host: '127.0.0.1' })
      const socket = connect((ctx.app.server.address() as AddressInfo).port, '127.0.0.1')
      t.teardown(() => { socket.destroy() })
      await once(socket, 'connect')
      const body = JSON.stringify({ worker_id: 'gone', wait_seconds: 20 })
      socket.write(`POST /v1/executions/claim HTTP/1.1\r\nhost: test\r\nauthorization: ${tenant.headers.authorization}\r\n` +
        `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
      await parked(ctx.clock)
      // The connection closes and, before the server has read the close, an execution is committed: on PGlite the
      // woken claim runs in the same turns as the trigger, so its answer would go to a socket that is gone.
      socket.destroy()
      const enqueued = await trigger(ctx.app, tenant)
      const deadline = performance.now() + 5_000
      let row: Json
      do {
        await new Promise((resolve) => setTimeout(resolve, 10))
        row = (await ctx.app.inject({ method: 'GET', url: `/v1/executions/${enqueued.id as string}`, headers: tenant.headers })).json()
      } while (row.status !== 'queued' && performance.now() < deadline)
      t.match(row, { status: 'queued', attempt: 0, lease_expires_at: null }, 'claimable again (never claimed, or given back)')
    })
  })

  await t.test('wait_seconds above 30 is 400 invalid_request', async (t) => {
    await eachApp(t, async (t, ctx) => {
      const tenant = await setup(ctx)
      const res = await post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1', wait_seconds: 31 })
      t.equal(res.statusCode, 400)
      t.equal(res.json().error.code, 'invalid_request')
    })
  })
})

t.test('a claim waiting on one instance is answered by an enqueue committed on another (LISTEN/NOTIFY)', async (t) => {
  await eachApp(t, async (t, ctx) => {
    if (ctx.db.url === undefined) { t.pass('PGlite is one process: covered by the in-process tests'); return }
    const tenant = await setup(ctx)
    const database = await openDatabase({ url: ctx.db.url, max: 2 })
    t.teardown(() => database.close())
    const other = await buildApp({ config: ctx.config, database, clock: ctx.clock }, { logger: false })
    t.teardown(() => other.close())
    await other.ready()
    const waiting = post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1', wait_seconds: 30 })
    await parked(ctx.clock)
    const enqueued = await trigger(other, tenant)
    t.strictSame((await waiting).json().data.map((e: Json) => e.id), [enqueued.id])
  })
})

t.test('batch acknowledgements answer one result per item, in request order', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await setup(ctx, { maxAttempts: 1 })
    const [a, b, c, d] = [await trigger(ctx.app, tenant), await trigger(ctx.app, tenant), await trigger(ctx.app, tenant), await trigger(ctx.app, tenant)]
    await post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1', limit: 3 })
    await post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w2', limit: 1 })
    const missing = '00000000-0000-4000-8000-000000000000'
    ctx.clock.advance(5_000)

    const beats = (await post(ctx.app, tenant, '/v1/executions/heartbeat', { worker_id: 'w1', ids: [b.id, d.id, missing] })).json()
    t.strictSame(beats.results.map((r: Json) => [r.id, r.ok, r.ok ? r.execution.lease_expires_at : r.error.code]), [
      [b.id, true, '2026-03-24T15:01:05Z'],
      [d.id, false, 'lease_conflict'],
      [missing, false, 'execution_not_found']
    ])

    const done = await post(ctx.app, tenant, '/v1/executions/complete', {
      worker_id: 'w1', items: [{ id: c.id, result: { n: 3 } }, { id: a.id }, { id: d.id }, { id: c.id }]
    })
    t.equal(done.statusCode, 200)
    // Written from BatchSerialization: the bytes the documented union schema's serializer writes.
    t.equal(done.body, fastJson(BatchResponse as never)(done.json()), 'the documented schema would write the same bytes')
    t.strictSame(done.json().results.map((r: Json) => [r.id, r.ok, r.ok ? r.execution.status : r.error]), [
      [c.id, true, 'succeeded'],
      [a.id, true, 'succeeded'],
      [d.id, false, { code: 'lease_conflict', message: `Execution ${d.id as string} is leased to another worker` }],
      [c.id, false, { code: 'invalid_request', message: `Execution ${c.id as string} appears more than once in this batch; only its first item was applied` }]
    ])

    const failed = (await post(ctx.app, tenant, '/v1/executions/fail', { worker_id: 'w1', items: [{ id: b.id, error: 'boom' }, { id: a.id, error: 'late' }] })).json()
    t.strictSame(failed.results.map((r: Json) => [r.id, r.ok, r.ok ? [r.execution.status, r.execution.last_error, r.execution.finished_at] : r.error.message]), [
      [b.id, true, ['failed', 'boom', '2026-03-24T15:00:05Z']],
      [a.id, false, `Execution ${a.id as string} is succeeded, not running: there is no lease to act on`]
    ])

    const empty = await post(ctx.app, tenant, '/v1/executions/complete', { worker_id: 'w1', items: [] })
    t.equal(empty.statusCode, 400)
    const tooMany = await post(ctx.app, tenant, '/v1/executions/heartbeat', { worker_id: 'w1', ids: Array.from({ length: 501 }, () => missing) })
    t.equal(tooMany.statusCode, 400)
  })
})

t.test('a single acknowledgement is one statement when the lease matches, and a release needs the lease', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await setup(ctx)
    const enqueued = await trigger(ctx.app, tenant)
    await post(ctx.app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
    const refused = await post(ctx.app, tenant, `/v1/executions/${enqueued.id as string}/release`, { worker_id: 'w2' })
    t.strictSame([refused.statusCode, refused.json().error.code], [409, 'lease_conflict'])

    let statements = 0
    const { db } = ctx.db.database
    const counting = new Proxy(db, {
      get (target, property, receiver) {
        // session: the way a prepared statement runs (db/connect.ts preparedRows).
        if (property === 'update' || property === 'select' || property === 'transaction' || property === 'execute' || property === 'session') statements++
        return Reflect.get(target, property, receiver)
      }
    })
    const service = new ExecutionsService(counting, ctx.clock, { wakeups: new ClaimWakeups(ctx.db.database, ctx.clock) })
    const done = await service.complete(tenant.tenantId, enqueued.id, 'w1', { ok: true })
    t.equal(done.status, 'succeeded')
    t.equal(statements, 1, 'one UPDATE, no read')
  })
})
