// Prometheus metrics of executions and the scheduler, fed by events (GET /metrics).
import t from 'tap'
import { appEventsOf } from '../../src/plugins/execution-metrics.js'
import { tickOnce } from '../../src/scheduler/tick.js'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { insertSchedules } from '../helpers/schedules.js'

t.test('/metrics reports enqueued, claimed, succeeded and failed executions by queue, lag, backlog and failures', async (t) => {
  await eachApp(t, async (t, { app, clock, db, config }) => {
    const tenant = await createTenant(app)
    await insertSchedules(db.database.db, tenant.tenantId, [
      { id: 'rjob_mail', cron: '* * * * *', queue: 'mail', maxAttempts: 1, timeoutSeconds: 10 },
      { id: 'rjob_plain', cron: '* * * * *' },
      { id: 'rjob_broken', cron: '* * * * *', timezone: 'Mars/Olympus_Mons', nextRunAt: '2026-03-24T15:00:30Z' }
    ], clock.now())
    const events = appEventsOf(app)
    const tick = () => tickOnce({ database: db.database, clock, config, events }, { batchSize: 1, maxBatches: 1 })
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: tenant.headers, payload })

    clock.set('2026-03-24T15:01:00.400Z')
    t.match(await tick(), { enqueued: 0, failedSchedules: 1, dueAfter: 2, moreWork: true }, 'one batch of one (the earliest, broken one): two still due')
    clock.set('2026-03-24T15:01:02Z')
    t.match(await tickOnce({ database: db.database, clock, config, events }), { enqueued: 2, dueAfter: 0 })
    await post('/v1/recurring/rjob_plain/trigger', {})
    const [mail] = (await post('/v1/executions/claim', { worker_id: 'w', queues: ['mail'] })).json().data
    const plain = (await post('/v1/executions/claim', { worker_id: 'w', limit: 2 })).json().data
    await post(`/v1/executions/${plain[0].id}/complete`, { worker_id: 'w' })
    await post(`/v1/executions/${plain[1].id}/fail`, { worker_id: 'w', error: 'boom' })
    clock.advance(11_000)
    await tickOnce({ database: db.database, clock, config, events })
    t.equal(mail.queue, 'mail')

    const res = await app.inject({ method: 'GET', url: '/metrics' })
    t.equal(res.statusCode, 200)
    const text = res.body
    const has = (line: string) => t.ok(text.split('\n').includes(line), line)
    has('executions_enqueued_total{queue="mail",trigger="schedule"} 1')
    has('executions_enqueued_total{queue="default",trigger="schedule"} 1')
    has('executions_enqueued_total{queue="default",trigger="manual"} 1')
    has('executions_claimed_total{queue="mail"} 1')
    has('executions_claimed_total{queue="default"} 2')
    has('executions_succeeded_total{queue="default"} 1')
    has('execution_attempts_failed_total{queue="default",reason="error"} 1')
    has('execution_attempts_failed_total{queue="mail",reason="timeout"} 1')
    has('executions_failed_total{queue="mail"} 1')
    has('executions_leases_expired_total{queue="mail"} 1')
    has('scheduler_schedule_evaluation_failures_total 1')
    has('scheduler_due_schedules 0')
    // Lag: both were enqueued at 15:01:02, 2 s after their time.
    has('scheduler_lag_seconds_count 2')
    has('scheduler_lag_seconds_bucket{le="1"} 0')
    has('scheduler_lag_seconds_bucket{le="2"} 2')
    t.match(text, /scheduler_tick_duration_seconds_count \d+/)
  })
})
