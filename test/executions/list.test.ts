// GET /v1/executions (newest first, filters, cursor pages) and GET /v1/executions/{id} (docs/contract.md §6).
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { tickOnce } from '../../src/scheduler/tick.js'
import { eachApp } from '../helpers/app.js'
import { createKey, createTenant, type Tenant } from '../helpers/keys.js'
import { insertSchedules } from '../helpers/schedules.js'

type Json = Record<string, any>

function get (app: FastifyInstance, tenant: { headers: Record<string, string> }, url: string) {
  return app.inject({ method: 'GET', url, headers: tenant.headers })
}

async function trigger (app: FastifyInstance, tenant: Tenant, id: string): Promise<Json> {
  return (await app.inject({ method: 'POST', url: `/v1/recurring/${id}/trigger`, headers: tenant.headers })).json()
}

t.test('GET /v1/executions lists newest first, filters, and pages with next_cursor', async (t) => {
  await eachApp(t, async (t, { app, clock, db }) => {
    const tenant = await createTenant(app)
    await insertSchedules(db.database.db, tenant.tenantId, [
      { id: 'rjob_a', cron: '* * * * *', queue: 'mail' },
      { id: 'rjob_b', cron: '* * * * *' }
    ], clock.now())
    const created: Json[] = []
    for (let i = 0; i < 5; i++) {
      created.push(await trigger(app, tenant, 'rjob_a'))
      created.push(await trigger(app, tenant, 'rjob_b'))
      clock.advance(1000)
    }
    clock.set('2026-03-24T15:01:00Z')
    await tickOnce({ database: db.database, clock, config: { executionRetentionDays: 14 } })
    const newestFirst = [...created].reverse().map((e) => e.id)

    const all = await get(app, tenant, '/v1/executions')
    t.equal(all.statusCode, 200)
    t.equal(all.json().data.length, 12)
    t.equal(all.json().next_cursor, null)
    t.strictSame(all.json().data.slice(2).map((e: Json) => e.id), newestFirst)
    t.strictSame(all.json().data.slice(0, 2).map((e: Json) => e.trigger), ['schedule', 'schedule'])

    // Pages of 4 walk the same order without gaps or repeats.
    const seen: string[] = []
    let url = '/v1/executions?limit=4'
    let pages = 0
    for (;;) {
      const page = await get(app, tenant, url)
      t.equal(page.statusCode, 200)
      seen.push(...page.json().data.map((e: Json) => e.id))
      pages++
      if (page.json().next_cursor === null) break
      url = `/v1/executions?limit=4&cursor=${encodeURIComponent(page.json().next_cursor)}`
    }
    t.equal(pages, 3)
    t.strictSame(seen, all.json().data.map((e: Json) => e.id))

    const byRecurring = await get(app, tenant, '/v1/executions?recurring_id=rjob_a&limit=2')
    t.strictSame(byRecurring.json().data.map((e: Json) => e.recurring_id), ['rjob_a', 'rjob_a'])
    t.type(byRecurring.json().next_cursor, 'string')
    const byQueue = await get(app, tenant, '/v1/executions?queue=mail')
    t.equal(byQueue.json().data.length, 6)
    t.ok(byQueue.json().data.every((e: Json) => e.queue === 'mail'))
    await app.inject({ method: 'POST', url: '/v1/executions/claim', headers: tenant.headers, payload: { worker_id: 'w', limit: 3 } })
    const running = await get(app, tenant, '/v1/executions?status=running')
    t.equal(running.json().data.length, 3)
    t.strictSame((await get(app, tenant, '/v1/executions?status=running&queue=mail')).json(), { data: [], next_cursor: null })
    t.equal((await get(app, tenant, '/v1/executions?status=queued')).json().data.length, 9)

    const other = await createTenant(app, { name: 'Other' })
    t.strictSame((await get(app, other, '/v1/executions')).json(), { data: [], next_cursor: null }, 'tenants see only their own')

    for (const query of ['limit=0', 'limit=1001', 'status=done', 'cursor=bm9wZQ', 'limit=x']) {
      const bad = await get(app, tenant, `/v1/executions?${query}`)
      t.equal(bad.statusCode, 400, query)
      t.equal(bad.json().error.code, 'invalid_request', query)
    }
  })
})

t.test('GET /v1/executions/{id} answers the execution, or 404 execution_not_found', async (t) => {
  await eachApp(t, async (t, { app, clock, db }) => {
    const tenant = await createTenant(app)
    await insertSchedules(db.database.db, tenant.tenantId, [{ id: 'rjob_a', cron: '* * * * *' }], clock.now())
    const execution = await trigger(app, tenant, 'rjob_a')
    const found = await get(app, tenant, `/v1/executions/${execution.id}`)
    t.equal(found.statusCode, 200)
    t.strictSame(found.json(), execution)

    const other = await createTenant(app, { name: 'Other' })
    const foreign = await get(app, other, `/v1/executions/${execution.id}`)
    t.equal(foreign.statusCode, 404)
    t.strictSame(foreign.json(), { error: { code: 'execution_not_found', message: `Execution ${execution.id} not found` } })
    t.equal((await get(app, tenant, '/v1/executions/00000000-0000-4000-8000-000000000000')).json().error.code, 'execution_not_found')
    const malformed = await get(app, tenant, '/v1/executions/123')
    t.equal(malformed.statusCode, 400)
    t.equal(malformed.json().error.code, 'invalid_request')
  })
})

t.test('reading executions needs read:recurring; write or work does not imply it', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    for (const scopes of [['write:recurring'], ['work:executions']] as const) {
      const key = await createKey(app, tenant.tenantId, { kind: 'tenant', scopes: [...scopes] })
      for (const url of ['/v1/executions', '/v1/executions/00000000-0000-4000-8000-000000000000']) {
        const res = await get(app, key, url)
        t.equal(res.statusCode, 403, `${scopes[0]} ${url}`)
        t.equal(res.json().error.code, 'insufficient_scope')
      }
    }
    const reader = await createKey(app, tenant.tenantId, { kind: 'tenant', scopes: ['read:recurring'] })
    t.equal((await get(app, reader, '/v1/executions')).statusCode, 200)
  })
})
