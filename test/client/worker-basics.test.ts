// The SDK's Worker (CONTRACT §11) against the real service on a port: registration, concurrency, failures.
import t from 'tap'
import { createClient } from '../../clients/typescript/src/index.js'
import { insertSchedule } from '../helpers/schedules.js'
import { collect, eachService, enqueue, execution, startService, worker } from '../helpers/service.js'

// The machine may be slow; each case runs on both databases with a real server.
t.setTimeout(600_000)

t.test('Worker', async (t) => {
  await eachService(t, 'registers its schedules at start', async (t, db) => {
    const s = await startService(t, db)
    const w = worker(t, s, { schedules: [{ job_type: 'reports.daily', cron_expression: '0 3 * * *', timezone: 'America/New_York', queue: 'reports' }] })
    await w.start()
    const client = createClient({ baseUrl: s.url, token: s.tenant.token })
    const { data } = await client.GET('/v1/recurring')
    const found = data?.data.find((r) => r.job_type === 'reports.daily')
    t.match(found, { cron_expression: '0 3 * * *', timezone: 'America/New_York', queue: 'reports' })
  })

  await eachService(t, 'runs at most `concurrency` handlers at once and completes each execution with its result', async (t, db) => {
    const s = await startService(t, db)
    let running = 0
    let most = 0
    const w = worker(t, s, {
      concurrency: 3,
      handlers: {
        'crm.sync': async ({ execution }) => {
          most = Math.max(most, ++running)
          await new Promise((resolve) => setTimeout(resolve, 50))
          running--
          return { id: execution.id }
        }
      }
    })
    const ids = await enqueue(s, 7)
    const completed = collect(w, 'completed', 7)
    await w.start()
    t.strictSame((await completed).map((e) => e.id).sort(), [...ids].sort())
    t.equal(most, 3)
    for (const id of ids) t.match(await execution(s, id), { status: 'succeeded', attempt: 1 })
  })

  await eachService(t, 'a thrown error fails the execution with its message and stack; an unknown job type fails too', async (t, db) => {
    const s = await startService(t, db)
    await insertSchedule(db.database.db, s.tenant.tenantId, { id: 'rjob_other', cron: '0 0 1 1 *', jobType: 'no.such' }, new Date())
    const w = worker(t, s, { concurrency: 2, handlers: { 'crm.sync': async () => { throw new Error('upstream answered 502') } } })
    const [thrown] = await enqueue(s)
    const [unknown] = await enqueue(s, 1, 'rjob_other')
    const failed = collect(w, 'failed', 2)
    await w.start()
    await failed
    const a = await execution(s, thrown!)
    t.equal(a.status, 'queued')
    t.match(a.last_error, /^Error: upstream answered 502\n {4}at /)
    t.ok(Buffer.byteLength(a.last_error!) <= 4096)
    t.match(await execution(s, unknown!), { status: 'queued', last_error: 'no handler for no.such' })
  })
})
