// POST /v1/recurring/{id}/trigger (docs/contract.md §5): one manual execution enqueued now; next_run_at untouched.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { createKey, createTenant } from '../helpers/keys.js'
import { insertSchedule, readExecutions, readSchedule } from '../helpers/schedules.js'

t.test('POST /v1/recurring/{id}/trigger enqueues a manual execution now, each time', async (t) => {
  await eachApp(t, async (t, { app, clock, db }) => {
    const tenant = await createTenant(app)
    await insertSchedule(db.database.db, tenant.tenantId, {
      id: 'rjob_daily_cleanup',
      cron: '0 3 * * *',
      timezone: 'America/New_York',
      jobType: 'MyApp.Jobs.CleanupExpiredSessions',
      queue: 'maintenance',
      payload: { retention_days: 30 },
      maxAttempts: 3,
      timeoutSeconds: 600
    }, clock.now())
    const before = await readSchedule(db.database.db, tenant.tenantId, 'rjob_daily_cleanup')
    clock.set('2026-03-24T16:20:07.900Z')
    const res = await app.inject({ method: 'POST', url: '/v1/recurring/rjob_daily_cleanup/trigger', headers: tenant.headers })
    t.equal(res.statusCode, 201)
    t.strictSame(res.json(), {
      id: res.json().id,
      recurring_id: 'rjob_daily_cleanup',
      job_type: 'MyApp.Jobs.CleanupExpiredSessions',
      queue: 'maintenance',
      payload: { retention_days: 30 },
      status: 'queued',
      trigger: 'manual',
      attempt: 0,
      max_attempts: 3,
      timeout_seconds: 600,
      scheduled_for: '2026-03-24T16:20:07Z',
      coalesced_count: 1,
      covers_until: '2026-03-24T16:20:07Z',
      enqueued_at: '2026-03-24T16:20:07Z',
      available_at: '2026-03-24T16:20:07Z',
      started_at: null,
      finished_at: null,
      lease_expires_at: null,
      worker_id: null,
      last_error: null
    })
    // With an empty JSON body too, and several times at the same instant: each is its own execution.
    const again = await app.inject({ method: 'POST', url: '/v1/recurring/rjob_daily_cleanup/trigger', headers: { ...tenant.headers, 'content-type': 'application/json' }, payload: '{}' })
    t.equal(again.statusCode, 201)
    t.not(again.json().id, res.json().id)
    t.equal((await readExecutions(db.database.db, tenant.tenantId)).length, 2)
    t.strictSame(await readSchedule(db.database.db, tenant.tenantId, 'rjob_daily_cleanup'), before, 'next_run_at and last_run_at untouched')
  })
})

t.test('trigger answers 404 recurring_job_not_found for an unknown or foreign schedule, and needs write:recurring', async (t) => {
  await eachApp(t, async (t, { app, clock, db }) => {
    const tenant = await createTenant(app)
    const other = await createTenant(app, { name: 'Other' })
    await insertSchedule(db.database.db, other.tenantId, { id: 'rjob_theirs', cron: '* * * * *' }, clock.now())
    for (const id of ['rjob_missing', 'rjob_theirs']) {
      const res = await app.inject({ method: 'POST', url: `/v1/recurring/${id}/trigger`, headers: tenant.headers })
      t.equal(res.statusCode, 404)
      t.strictSame(res.json(), { error: { code: 'recurring_job_not_found', message: `Recurring job ${id} not found` } })
    }
    const bad = await app.inject({ method: 'POST', url: '/v1/recurring/-bad/trigger', headers: tenant.headers })
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().error.code, 'invalid_request')
    for (const scopes of [['read:recurring'], ['work:executions']] as const) {
      const key = await createKey(app, other.tenantId, { kind: 'tenant', scopes: [...scopes] })
      const res = await app.inject({ method: 'POST', url: '/v1/recurring/rjob_theirs/trigger', headers: key.headers })
      t.equal(res.statusCode, 403)
      t.equal(res.json().error.code, 'insufficient_scope')
    }
  })
})
