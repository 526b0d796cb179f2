// CONTRACT §10: once DELETE /v1/recurring/{id} has answered, no new execution of that schedule appears; executions
// enqueued before it still run. Manual triggers race the DELETE here on as many connections as the pool has.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { openDatabase, queryRows, type Executor } from '../../src/db/connect.js'
import { buildTestApp } from '../helpers/app.js'
import { postgresUrl } from '../helpers/db.js'
import { createTenant } from '../helpers/keys.js'
import { client } from './client.js'

async function countExecutions (db: Executor, id: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from executions where recurring_id = ${id}`)
  return Number(row?.n)
}

// PGlite runs one statement at a time, so nothing can race there.
const needsConcurrency = { skip: postgresUrl === undefined && 'needs concurrent connections: a PostgreSQL server (TEST_DATABASE_URL)' }

t.test('no manual trigger racing a DELETE commits after the DELETE has answered', needsConcurrency, async (t) => {
  const { app, db } = await buildTestApp(t, 'postgres')
  // Its own connection, so the count right after the DELETE answered does not queue behind the app's queries.
  const observer = await openDatabase({ url: db.url, max: 1 })
  t.teardown(() => observer.close())
  const tenant = await createTenant(app)
  const api = client(app, tenant.headers)
  t.equal((await api.put('rjob_raced', { job_type: 'Raced', cron_expression: '0 3 * * *' })).statusCode, 200)

  // 300 triggers, 50 in flight at any moment; the DELETE goes out after the 60th has answered, so it races the
  // ones in flight (each reads the schedule, then inserts its execution).
  const TRIGGERS = 300
  const IN_FLIGHT = 50
  let sent = 0
  let deleted: Promise<{ status: number, countWhenAnswered: number }> | undefined
  const results: Array<{ statusCode: number }> = []
  const sender = async (): Promise<void> => {
    while (sent < TRIGGERS) {
      sent++
      results.push(await app.inject({ method: 'POST', url: '/v1/recurring/rjob_raced/trigger', headers: tenant.headers }))
      if (results.length === 60) {
        deleted = api.del('rjob_raced').then(async (res) => ({
          status: res.statusCode, countWhenAnswered: await countExecutions(observer.db, 'rjob_raced')
        }))
      }
    }
  }
  const triggers = Array.from({ length: IN_FLIGHT }, sender)
  await Promise.all(triggers)
  const del = await deleted!
  const statuses = results.map((r) => r.statusCode)
  t.equal(del.status, 200)
  t.equal(statuses.filter((s) => s !== 201 && s !== 404).length, 0, 'every trigger answered 201 or 404')
  const finalCount = await countExecutions(db.database.db, 'rjob_raced')
  t.comment(`${statuses.filter((s) => s === 201).length} triggers answered 201, ${statuses.filter((s) => s === 404).length} 404; ` +
    `${del.countWhenAnswered} executions when the DELETE answered, ${finalCount} after every trigger`)
  t.equal(finalCount, del.countWhenAnswered, 'nothing committed after the DELETE answered')
  t.equal(finalCount, statuses.filter((s) => s === 201).length, 'every 201 is a stored execution, and nothing else is')
  t.equal((await api.del('rjob_raced')).statusCode, 404)

  // Executions enqueued before the DELETE still run.
  const claim = await app.inject({
    method: 'POST', url: '/v1/executions/claim', headers: tenant.headers, payload: { worker_id: 'w1', limit: 100 }
  })
  t.equal(claim.json().data.length, Math.min(100, finalCount))
})
