// Saves that may make a schedule fire earlier than planned wake the scheduler on 'recurring_jobs_changed' (after
// commit, best effort); saves that cannot make it fire earlier stay quiet.
import t from 'tap'
import { WAKE_CHANNEL } from '../../src/recurring/service.js'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { client, REFERENCE_BODY } from './client.js'

t.test('saving a schedule notifies recurring_jobs_changed exactly when its next_run_at appears or moves earlier', async (t) => {
  await eachApp(t, async (t, { app, db }) => {
    const api = client(app, (await createTenant(app)).headers)
    const messages: string[] = []
    let waiting: { sentinel: string, resolve: () => void } | null = null
    const unlisten = await db.database.listen(WAKE_CHANNEL, (payload) => {
      if (waiting !== null && payload === waiting.sentinel) waiting.resolve()
      else messages.push(payload)
    })
    t.teardown(unlisten)
    let n = 0
    // Notifications arrive in commit order: once our own sentinel is back, every earlier wake-up has arrived too.
    const wakeUps = async (): Promise<number> => {
      const sentinel = `sentinel-${n++}`
      const back = new Promise<void>((resolve) => { waiting = { sentinel, resolve } })
      await db.database.notify(WAKE_CHANNEL, sentinel)
      await back
      return messages.splice(0).length
    }

    await api.put('rjob_daily_cleanup', REFERENCE_BODY)
    t.equal(await wakeUps(), 1, 'a new schedule')
    t.strictSame(messages, [])
    await api.put('rjob_daily_cleanup', REFERENCE_BODY)
    t.equal(await wakeUps(), 0, 'the same next_run_at')
    await api.patch('rjob_daily_cleanup', { cron_expression: '0 5 * * *' })
    t.equal(await wakeUps(), 0, 'later')
    await api.patch('rjob_daily_cleanup', { cron_expression: '0 1 * * *' })
    t.equal(await wakeUps(), 1, 'earlier')
    await api.patch('rjob_daily_cleanup', { enabled: false })
    t.equal(await wakeUps(), 0, 'disabled')
    await api.patch('rjob_daily_cleanup', { enabled: true })
    t.equal(await wakeUps(), 1, 're-enabled')
    await api.del('rjob_daily_cleanup')
    t.equal(await wakeUps(), 0, 'deleted')
    await api.put('rjob_never', { job_type: 'Never', cron_expression: '0 0 30 2 *' })
    t.equal(await wakeUps(), 0, 'a schedule that never fires')
    await api.put('rjob_refused', { job_type: 'Never', cron_expression: '0 3 * * *' })
    t.equal(await wakeUps(), 0, 'a refused save (409)')
    await api.register({ recurring: [{ job_type: 'App.A', cron_expression: '0 3 * * *' }, { job_type: 'App.B', cron_expression: '0 3 * * *' }] })
    t.equal(await wakeUps(), 1, 'one wake-up for a whole registration')
    await api.register({ recurring: [{ job_type: 'App.A', cron_expression: '0 3 * * *' }] })
    t.equal(await wakeUps(), 0, 'a registration that changes no time')
  })
})
