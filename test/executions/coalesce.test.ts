// Concurrent single-item acknowledgements are applied together (src/executions/coalesce.ts), and each request is still
// answered exactly as it would be alone (docs/contract.md §6, §11): its own row and result, or its own 404/409.
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { Coalescer } from '../../src/executions/coalesce.js'
import { eachApp, type TestApp } from '../helpers/app.js'
import { createTenant, type Tenant } from '../helpers/keys.js'
import { insertSchedule } from '../helpers/schedules.js'

type Json = Record<string, any>

function post (app: FastifyInstance, tenant: Tenant, url: string, payload: unknown) {
  return app.inject({ method: 'POST', url, headers: tenant.headers, payload: payload as object })
}

async function claimed (ctx: TestApp, tenant: Tenant, workerId: string, n: number): Promise<Json[]> {
  for (let i = 0; i < n; i++) {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/recurring/rjob_sync/trigger', headers: tenant.headers })
    if (res.statusCode !== 201) throw new Error(`trigger answered ${res.statusCode}: ${res.body}`)
  }
  const res = await post(ctx.app, tenant, '/v1/executions/claim', { worker_id: workerId, limit: n })
  return res.json().data
}

t.test('50 concurrent single-item acknowledgements each get their own answer, and the rows are right', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app } = ctx
    const tenant = await createTenant(app)
    const other = await createTenant(app)
    await insertSchedule(ctx.db.database.db, tenant.tenantId, { id: 'rjob_sync', cron: '0 * * * *', jobType: 'crm.sync', maxAttempts: 3, timeoutSeconds: 60 }, ctx.clock.now())
    const mine = await claimed(ctx, tenant, 'w1', 43)
    const theirs = await claimed(ctx, tenant, 'w2', 4)
    t.equal(mine.length, 43)
    t.equal(theirs.length, 4)
    const done = mine.pop()!
    t.equal((await post(app, tenant, `/v1/executions/${done.id}/complete`, { worker_id: 'w1' })).statusCode, 200)
    const crossTenant = mine.pop()!
    const twice = mine.pop()!
    const wrongWorker = mine.splice(0, 5)
    const unknown = '00000000-0000-4000-8000-000000000000'

    // The expected answer of each request, as lifecycle.ts words it.
    type Case = { url: string, who: Tenant, body: Json, check: (status: number, body: Json) => void }
    const cases: Case[] = [
      ...mine.map((e, i): Case => ({
        url: `/v1/executions/${e.id}/complete`,
        who: tenant,
        body: { worker_id: 'w1', result: { n: i } },
        check: (status, body) => {
          t.equal(status, 200)
          t.match(body, { id: e.id, status: 'succeeded', worker_id: 'w1', lease_expires_at: null, finished_at: '2026-03-24T15:00:00Z' })
        }
      })),
      ...wrongWorker.map((e): Case => ({
        url: `/v1/executions/${e.id}/complete`,
        who: tenant,
        body: { worker_id: 'w-wrong' },
        check: (status, body) => t.strictSame([status, body], [409, { error: { code: 'lease_conflict', message: `Execution ${e.id as string} is leased to another worker` } }])
      })),
      ...theirs.map((e, i): Case => ({
        url: `/v1/executions/${e.id}/fail`,
        who: tenant,
        body: { worker_id: 'w2', error: `boom ${i}` },
        check: (status, body) => {
          t.equal(status, 200)
          t.match(body, { id: e.id, status: 'queued', attempt: 1, last_error: `boom ${i}`, lease_expires_at: null })
        }
      })),
      {
        url: `/v1/executions/${done.id}/complete`,
        who: tenant,
        body: { worker_id: 'w1' },
        check: (status, body) => t.strictSame([status, body], [409, { error: { code: 'lease_conflict', message: `Execution ${done.id as string} is succeeded, not running: there is no lease to act on` } }])
      },
      {
        url: `/v1/executions/${unknown}/complete`,
        who: tenant,
        body: { worker_id: 'w1' },
        check: (status, body) => t.strictSame([status, body], [404, { error: { code: 'execution_not_found', message: `Execution ${unknown} not found` } }])
      },
      {
        url: `/v1/executions/${crossTenant.id}/complete`,
        who: other,
        body: { worker_id: 'w1' },
        check: (status, body) => t.strictSame([status, body], [404, { error: { code: 'execution_not_found', message: `Execution ${crossTenant.id as string} not found` } }])
      }
    ]
    t.equal(cases.length, 47)
    // The same execution completed twice at once by its worker: one wins, the other finds it succeeded.
    const twiceCalls = [0, 1].map(() => ({ url: `/v1/executions/${twice.id}/complete`, who: tenant, body: { worker_id: 'w1', result: 'twice' } }))
    const heartbeat = { url: `/v1/executions/${crossTenant.id}/heartbeat`, who: tenant, body: { worker_id: 'w1' } }

    const answers = await Promise.all([...cases, ...twiceCalls, heartbeat].map((c) => post(app, c.who, c.url, c.body)))
    t.equal(answers.length, 50)
    cases.forEach((c, i) => c.check(answers[i]!.statusCode, answers[i]!.json()))
    const [first, second] = answers.slice(cases.length, cases.length + 2)
    t.strictSame([first!.statusCode, second!.statusCode].sort(), [200, 409], 'one of the two completes of one execution wins')
    const loser = first!.statusCode === 409 ? first! : second!
    t.equal(loser.json().error.message, `Execution ${twice.id as string} is succeeded, not running: there is no lease to act on`)
    const beat = answers[cases.length + 2]!
    t.equal(beat.statusCode, 200)
    t.match(beat.json(), { id: crossTenant.id, status: 'running', lease_expires_at: '2026-03-24T15:01:00Z' })

    // Each answer is the row as it now is in the database.
    for (const [i, c] of cases.entries()) {
      if (answers[i]!.statusCode !== 200) continue
      const id = /executions\/([^/]+)\//.exec(c.url)![1]!
      const row = await app.inject({ method: 'GET', url: `/v1/executions/${id}`, headers: tenant.headers })
      t.strictSame(row.json(), answers[i]!.json(), `the row of ${id} is what its request was answered`)
    }
    // Each completed row holds its own request's result; the others none.
    const results = new Map((await queryRows<{ id: string, result: unknown }>(ctx.db.database.db, sql`select id::text as id, result from executions`)).map((r) => [r.id, r.result]))
    mine.forEach((e, i) => t.strictSame(results.get(e.id), { n: i }, `the result of ${e.id as string}`))
    for (const e of wrongWorker) {
      t.match((await app.inject({ method: 'GET', url: `/v1/executions/${e.id as string}`, headers: tenant.headers })).json(), { status: 'running', worker_id: 'w1' })
      t.equal(results.get(e.id), null)
    }
    t.equal(results.get(twice.id), 'twice')
    t.match((await app.inject({ method: 'GET', url: `/v1/executions/${crossTenant.id as string}`, headers: tenant.headers })).json(), { status: 'running', worker_id: 'w1' })
    t.match((await app.inject({ method: 'GET', url: `/v1/executions/${twice.id as string}`, headers: tenant.headers })).json(), { status: 'succeeded' })
  })
})

t.test('Coalescer: one statement for what arrives in one turn; an id in flight waits; a failed statement fails only its items', async (t) => {
  const calls: string[][] = []
  let release: () => void = () => {}
  let failNext = false
  const c = new Coalescer<{ id: string }, string>(async (items) => {
    calls.push(items.map((i) => i.id))
    await new Promise<void>((resolve) => { release = resolve })
    if (failNext) { failNext = false; throw new Error('database down') }
    return items.map((i) => `done ${i.id}`)
  }, { maxItems: 3, maxStatements: 1 })
  const answers = ['a', 'b', 'A', 'c', 'd'].map((id) => c.add({ id }))
  await new Promise((resolve) => setImmediate(resolve))
  t.strictSame(calls, [['a', 'b', 'c']], 'one statement for the first three distinct ids; "A" is "a" and waits')
  failNext = true
  release()
  await t.rejects(answers[0]!, /database down/)
  await t.rejects(answers[1]!, /database down/)
  await t.rejects(answers[3]!, /database down/)
  await new Promise((resolve) => setImmediate(resolve))
  t.strictSame(calls[1], ['A', 'd'], 'the rest goes once the statement in flight has finished')
  release()
  t.strictSame(await Promise.all([answers[2], answers[4]]), ['done A', 'done d'])
})
