// The SDK's Worker (CONTRACT §11): heartbeats keep long jobs alive; a lost lease aborts the handler.
import t from 'tap'
import { sql } from 'drizzle-orm'
import { collect, eachService, enqueue, execution, startService, worker } from '../helpers/service.js'

// The machine may be slow; each case runs on both databases with a real server.
t.setTimeout(600_000)

t.test('Worker', async (t) => {
  await eachService(t, 'heartbeats keep a job longer than its lease alive', async (t, db) => {
    const s = await startService(t, db, { timeoutSeconds: 1 })
    const w = worker(t, s, { handlers: { 'crm.sync': async () => { await new Promise((resolve) => setTimeout(resolve, 2_300)); return 'done' } } })
    const [id] = await enqueue(s)
    const completed = collect(w, 'completed', 1)
    await w.start()
    const [done] = await completed
    t.match(done, { id, status: 'succeeded', attempt: 1 })
  })

  await eachService(t, 'a lost lease aborts the handler\'s signal and drops its result', async (t, db) => {
    const s = await startService(t, db)
    let signalReason = ''
    const w = worker(t, s, {
      handlers: {
        'crm.sync': async ({ signal, heartbeat }) => {
          // Another worker takes the lease over (as after an expiry and a new claim).
          await db.database.db.execute(sql`update executions set worker_id = 'someone-else'`)
          await heartbeat()
          signalReason = signal.aborted ? String((signal.reason as Error).message) : 'not aborted'
          return 'dropped'
        }
      }
    })
    const [id] = await enqueue(s)
    const claimed = collect(w, 'claimed', 1)
    await w.start()
    await claimed
    await w.stop({ graceMs: 5_000 })
    t.match(signalReason, /^lease lost: Execution .* is leased to another worker$/)
    t.match(await execution(s, id!), { status: 'running', worker_id: 'someone-else', finished_at: null })
  })
})
