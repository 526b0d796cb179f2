// The worker protocol (docs/contract.md §6): claim, heartbeat, complete, fail; leases, backoff, and the 409/404/403 answers.
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { openDatabase, queryRows } from '../../src/db/connect.js'
import { ExecutionsService } from '../../src/executions/service.js'
import { tickOnce } from '../../src/scheduler/tick.js'
import { buildTestApp, eachApp, type TestApp } from '../helpers/app.js'
import { createKey, createTenant, type Tenant } from '../helpers/keys.js'
import { insertSchedule, insertSchedules } from '../helpers/schedules.js'

type Json = Record<string, any>

async function setup (ctx: TestApp, schedule: { maxAttempts?: number, timeoutSeconds?: number, queue?: string } = {}) {
  const tenant = await createTenant(ctx.app)
  await insertSchedule(ctx.db.database.db, tenant.tenantId, {
    id: 'rjob_sync', cron: '0 * * * *', jobType: 'crm.sync', payload: { full: true }, maxAttempts: 3, timeoutSeconds: 60, ...schedule
  }, ctx.clock.now())
  return tenant
}

async function trigger (app: FastifyInstance, tenant: Tenant, id = 'rjob_sync'): Promise<Json> {
  const res = await app.inject({ method: 'POST', url: `/v1/recurring/${id}/trigger`, headers: tenant.headers })
  if (res.statusCode !== 201) throw new Error(`trigger answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

function post (app: FastifyInstance, tenant: { headers: Record<string, string> }, url: string, payload: unknown) {
  return app.inject({ method: 'POST', url, headers: tenant.headers, payload: payload as object })
}

t.test('POST /v1/executions/claim leases the oldest available execution', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock } = ctx
    const tenant = await setup(ctx)
    const empty = await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
    t.equal(empty.statusCode, 200)
    t.strictSame(empty.json(), { data: [] })

    const first = await trigger(app, tenant)
    clock.advance(1000)
    const second = await trigger(app, tenant)
    clock.advance(1000)
    const res = await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
    t.equal(res.statusCode, 200)
    t.strictSame(res.json(), {
      data: [{
        id: first.id,
        recurring_id: 'rjob_sync',
        job_type: 'crm.sync',
        queue: 'default',
        payload: { full: true },
        status: 'running',
        trigger: 'manual',
        attempt: 1,
        max_attempts: 3,
        timeout_seconds: 60,
        scheduled_for: '2026-03-24T15:00:00Z',
        coalesced_count: 1,
        covers_until: '2026-03-24T15:00:00Z',
        enqueued_at: '2026-03-24T15:00:00Z',
        available_at: '2026-03-24T15:00:00Z',
        started_at: '2026-03-24T15:00:02Z',
        finished_at: null,
        lease_expires_at: '2026-03-24T15:01:02Z',
        worker_id: 'w1',
        last_error: null
      }]
    }, 'limit defaults to 1, queue to "default"')
    const next = await post(app, tenant, '/v1/executions/claim', { worker_id: 'w2', limit: 10 })
    t.strictSame(next.json().data.map((e: Json) => e.id), [second.id])
    t.strictSame((await post(app, tenant, '/v1/executions/claim', { worker_id: 'w2', limit: 10 })).json(), { data: [] })
  })
})

t.test('claim takes only the asked queues, in available order, up to limit, and only this tenant\'s', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    await insertSchedules(db.database.db, tenant.tenantId, [
      { id: 'rjob_mail', cron: '0 * * * *', queue: 'mail' },
      { id: 'rjob_report', cron: '0 * * * *', queue: 'reports' },
      { id: 'rjob_plain', cron: '0 * * * *' }
    ], clock.now())
    const ids: Record<string, string[]> = { mail: [], reports: [], default: [] }
    for (let i = 0; i < 3; i++) {
      ids.mail!.push((await trigger(app, tenant, 'rjob_mail')).id)
      clock.advance(1000)
      ids.reports!.push((await trigger(app, tenant, 'rjob_report')).id)
      clock.advance(1000)
      ids.default!.push((await trigger(app, tenant, 'rjob_plain')).id)
      clock.advance(1000)
    }
    const other = await createTenant(app, { name: 'Other' })
    t.strictSame((await post(app, other, '/v1/executions/claim', { worker_id: 'w', queues: ['mail', 'reports', 'default'], limit: 100 })).json(), { data: [] }, 'another tenant sees nothing')

    const mailAndReports = await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1', queues: ['reports', 'mail'], limit: 4 })
    t.strictSame(mailAndReports.json().data.map((e: Json) => e.id), [ids.mail![0], ids.reports![0], ids.mail![1], ids.reports![1]])
    const plain = await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1', limit: 100 })
    t.strictSame(plain.json().data.map((e: Json) => e.id), ids.default)
    for (const [payload, field] of [
      [{ worker_id: 'w', limit: 0 }, 'limit'], [{ worker_id: 'w', limit: 101 }, 'limit'], [{ worker_id: '' }, 'worker_id'],
      [{ queues: ['default'] }, 'worker_id'], [{ worker_id: 'w', queues: [] }, 'queues']
    ] as const) {
      const res = await post(app, tenant, '/v1/executions/claim', payload)
      t.equal(res.statusCode, 400, JSON.stringify(payload))
      t.equal(res.json().error.code, 'invalid_request')
      t.equal(res.json().error.details[0].field, field)
    }
  })
})

t.test('heartbeat extends the lease; complete finishes; a lease not held answers 409 lease_conflict', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock } = ctx
    const tenant = await setup(ctx)
    const execution = await trigger(app, tenant)
    const url = (action: string) => `/v1/executions/${execution.id}/${action}`

    const notRunning = await post(app, tenant, url('heartbeat'), { worker_id: 'w1' })
    t.equal(notRunning.statusCode, 409, 'queued: no lease yet')
    t.equal(notRunning.json().error.code, 'lease_conflict')

    await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
    clock.advance(40_000)
    const beat = await post(app, tenant, url('heartbeat'), { worker_id: 'w1' })
    t.equal(beat.statusCode, 200)
    t.match(beat.json(), { status: 'running', lease_expires_at: '2026-03-24T15:01:40Z', attempt: 1, worker_id: 'w1' })

    const stranger = await post(app, tenant, url('complete'), { worker_id: 'w2' })
    t.equal(stranger.statusCode, 409)
    t.strictSame(stranger.json(), { error: { code: 'lease_conflict', message: `Execution ${execution.id} is leased to another worker` } })

    clock.advance(30_000)
    const done = await post(app, tenant, url('complete'), { worker_id: 'w1', result: { rows: 3 } })
    t.equal(done.statusCode, 200)
    t.match(done.json(), { status: 'succeeded', finished_at: '2026-03-24T15:01:10Z', lease_expires_at: null, worker_id: 'w1', attempt: 1, last_error: null })
    const [stored] = await queryRows<{ result: unknown }>(ctx.db.database.db, sql`select result from executions where id = ${execution.id}`)
    t.strictSame(stored!.result, { rows: 3 }, 'the result is kept')

    for (const action of ['heartbeat', 'complete', 'fail']) {
      const again = await post(app, tenant, url(action), { worker_id: 'w1', error: 'x' })
      t.equal(again.statusCode, 409, `${action} after complete`)
      t.equal(again.json().error.code, 'lease_conflict')
    }
  })
})

t.test('a lease that ran out is lost even before the scheduler notices it', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock } = ctx
    const tenant = await setup(ctx)
    const execution = await trigger(app, tenant)
    await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
    clock.advance(60_000)
    t.equal((await post(app, tenant, `/v1/executions/${execution.id}/heartbeat`, { worker_id: 'w1' })).statusCode, 200, 'at the last instant it still holds')
    clock.advance(60_001)
    const late = await post(app, tenant, `/v1/executions/${execution.id}/complete`, { worker_id: 'w1' })
    t.equal(late.statusCode, 409)
    t.strictSame(late.json(), { error: { code: 'lease_conflict', message: `The lease on execution ${execution.id} expired at 2026-03-24T15:02:00Z` } })
  })
})

t.test('fail requeues after the backoff, and fails for good at max_attempts', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock } = ctx
    const tenant = await setup(ctx, { maxAttempts: 2 })
    const execution = await trigger(app, tenant)
    await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
    const failed = await post(app, tenant, `/v1/executions/${execution.id}/fail`, { worker_id: 'w1', error: 'upstream answered 502' })
    t.equal(failed.statusCode, 200)
    t.match(failed.json(), { status: 'queued', attempt: 1, last_error: 'upstream answered 502', lease_expires_at: null, finished_at: null })
    // 5 s × 2^0 × [0.5, 1]: available between 15:00:02.5 and 15:00:05 (shown in whole seconds, truncated).
    t.ok(['2026-03-24T15:00:02Z', '2026-03-24T15:00:03Z', '2026-03-24T15:00:04Z', '2026-03-24T15:00:05Z'].includes(failed.json().available_at), failed.json().available_at)

    t.strictSame((await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1' })).json(), { data: [] }, 'not claimable before available_at')
    clock.advance(5000)
    const retry = await post(app, tenant, '/v1/executions/claim', { worker_id: 'w2' })
    t.match(retry.json().data, [{ id: execution.id, attempt: 2, worker_id: 'w2', status: 'running', last_error: 'upstream answered 502' }])
    const final = await post(app, tenant, `/v1/executions/${execution.id}/fail`, { worker_id: 'w2', error: 'still 502' })
    t.match(final.json(), { status: 'failed', attempt: 2, finished_at: '2026-03-24T15:00:05Z', last_error: 'still 502', lease_expires_at: null })

    const missingError = await post(app, tenant, `/v1/executions/${execution.id}/fail`, { worker_id: 'w2' })
    t.equal(missingError.statusCode, 400)
    t.equal(missingError.json().error.code, 'invalid_request')
  })
})

t.test('the backoff jitter comes from the injected random source', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await setup(ctx, { maxAttempts: 5 })
    const service = new ExecutionsService(ctx.db.database.db, ctx.clock, { random: () => 0 })
    const execution = await service.trigger(tenant.tenantId, 'rjob_sync')
    const delays: number[] = []
    for (let attempt = 1; attempt <= 4; attempt++) {
      ctx.clock.set(new Date(Math.max(ctx.clock.now().getTime(), execution.availableAt.getTime())))
      const [claimed] = await service.claim(tenant.tenantId, { workerId: 'w', queues: ['default'], limit: 1 })
      t.equal(claimed!.attempt, attempt)
      const failed = await service.fail(tenant.tenantId, execution.id, 'w', 'boom')
      delays.push(failed.availableAt.getTime() - ctx.clock.now().getTime())
      ctx.clock.set(failed.availableAt)
    }
    t.strictSame(delays, [2500, 5000, 10_000, 20_000], '5 s × 2^(attempt−1) × 0.5')
  })
})

t.test('an expired lease is a failed attempt "timeout": requeued with backoff, then failed', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await setup(ctx, { maxAttempts: 2, timeoutSeconds: 30 })
    const execution = await trigger(app, tenant)
    const tick = () => tickOnce({ database: db.database, clock, config: { executionRetentionDays: 14 }, random: () => 1 })
    await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
    clock.set('2026-03-24T15:00:30Z')
    t.match(await tick(), { leasesExpired: 0 }, 'lease_expires_at = now is still held')
    clock.set('2026-03-24T15:00:31Z')
    t.match(await tick(), { leasesExpired: 1 })
    const get = async () => (await app.inject({ method: 'GET', url: `/v1/executions/${execution.id}`, headers: tenant.headers })).json()
    t.match(await get(), { status: 'queued', attempt: 1, last_error: 'timeout', available_at: '2026-03-24T15:00:36Z', lease_expires_at: null, finished_at: null })
    const late = await post(app, tenant, `/v1/executions/${execution.id}/complete`, { worker_id: 'w1' })
    t.equal(late.statusCode, 409, 'the first worker lost its lease')

    clock.set('2026-03-24T15:00:36Z')
    await post(app, tenant, '/v1/executions/claim', { worker_id: 'w2' })
    clock.set('2026-03-24T15:01:07Z')
    t.match(await tick(), { leasesExpired: 1 })
    t.match(await get(), { status: 'failed', attempt: 2, last_error: 'timeout', finished_at: '2026-03-24T15:01:07Z', lease_expires_at: null, worker_id: 'w2' })
    t.match(await tick(), { leasesExpired: 0 })
  })
})

t.test('unknown, foreign and malformed execution ids', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app } = ctx
    const tenant = await setup(ctx)
    const other = await createTenant(app, { name: 'Other' })
    const execution = await trigger(app, tenant)
    await post(app, tenant, '/v1/executions/claim', { worker_id: 'w1' })
    const unknown = '00000000-0000-4000-8000-000000000000'
    for (const action of ['heartbeat', 'complete', 'fail']) {
      const res = await post(app, tenant, `/v1/executions/${unknown}/${action}`, { worker_id: 'w1', error: 'x' })
      t.equal(res.statusCode, 404)
      t.strictSame(res.json(), { error: { code: 'execution_not_found', message: `Execution ${unknown} not found` } })
      const foreign = await post(app, other, `/v1/executions/${execution.id}/${action}`, { worker_id: 'w1', error: 'x' })
      t.equal(foreign.statusCode, 404, `${action} on another tenant's execution`)
      t.equal(foreign.json().error.code, 'execution_not_found')
      // docs/contract.md §4: a bad id is 400 invalid_request (as everywhere else in the API).
      const malformed = await post(app, tenant, `/v1/executions/not-a-uuid/${action}`, { worker_id: 'w1', error: 'x' })
      t.equal(malformed.statusCode, 400)
      t.equal(malformed.json().error.code, 'invalid_request')
    }
  })
})

t.test('the worker protocol needs work:executions; write does not imply it', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app } = ctx
    const tenant = await setup(ctx)
    const execution = await trigger(app, tenant)
    const readWrite = await createKey(app, tenant.tenantId, { kind: 'tenant', scopes: ['read:recurring', 'write:recurring'] })
    const worker = await createKey(app, tenant.tenantId, { kind: 'tenant', scopes: ['work:executions'] })
    for (const url of ['/v1/executions/claim', `/v1/executions/${execution.id}/heartbeat`, `/v1/executions/${execution.id}/complete`, `/v1/executions/${execution.id}/fail`]) {
      const res = await post(app, readWrite, url, { worker_id: 'w1', error: 'x' })
      t.equal(res.statusCode, 403, url)
      t.equal(res.json().error.code, 'insufficient_scope')
    }
    const claim = await post(app, worker, '/v1/executions/claim', { worker_id: 'w1' })
    t.equal(claim.statusCode, 200)
    t.equal(claim.json().data.length, 1)
    const noKey = await app.inject({ method: 'POST', url: '/v1/executions/claim', payload: { worker_id: 'w1' } })
    t.equal(noKey.statusCode, 401)
    t.equal(noKey.json().error.code, 'unauthorized')
  })
})

t.test('concurrent claims never block each other or hand out the same execution', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await createTenant(app)
    await insertSchedules(db.database.db, tenant.tenantId, Array.from({ length: 300 }, (_, i) => ({ id: `rjob_${i}`, cron: '* * * * *' })), clock.now())
    clock.set('2026-03-24T15:01:00Z')
    await tickOnce({ database: db.database, clock, config: { executionRetentionDays: 14 } })
    const apps: FastifyInstance[] = [app]
    if (db.database.supports.concurrentConnections) {
      const second = await openDatabase({ url: db.url, max: 10 })
      t.teardown(() => second.close())
      const other = await buildTestApp(t, 'postgres', { db: { engine: 'postgres', database: second, url: db.url } })
      other.clock.set(clock.now())
      apps.push(other.app)
    }
    const claims = await Promise.all(Array.from({ length: 16 }, (_, i) =>
      post(apps[i % apps.length]!, tenant, '/v1/executions/claim', { worker_id: `w${i}`, limit: 25 })))
    const ids = claims.flatMap((res) => res.json().data.map((e: Json) => e.id as string))
    t.ok(claims.every((res) => res.statusCode === 200))
    t.equal(ids.length, 300, 'all 300 claimed (16 × 25 asked)')
    t.equal(new Set(ids).size, 300, 'no execution handed out twice')
  })
})
