import t from 'tap'
import { openTestDb } from '../helpers/db.js'
import { enqueue, startService, worker } from '../helpers/service.js'
t.test('close', async (t) => {
  const db = await openTestDb(t, 'postgres')
  const s = await startService(t, db, { scheduler: process.env.SCHED === '1', timeoutSeconds: 1 })
  await enqueue(s, 3)
  if (process.env.WORK === '1') {
    const w = worker(t, s, { concurrency: 4, handlers: { 'crm.sync': async () => 1 } })
    await w.start()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await w.stop()
  }
  const t0 = performance.now()
  await s.app.close()
  console.log('close took', Math.round(performance.now() - t0))
})
