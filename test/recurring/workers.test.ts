// POST /v1/workers/register (docs/contract.md §5): SDK auto-registration of schedules under rjob_<last segment>.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { client, codeOf, DEFAULT_CONTROLS, REFERENCE_BODY, REFERENCE_RESPONSE } from './client.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

t.test('POST /v1/workers/register creates each schedule under rjob_<last dot-separated segment> and answers its record', async (t) => {
  await eachApp(t, async (t, { app, db }) => {
    const a = await createTenant(app)
    const api = client(app, a.headers)
    const { job_type: jobType, cron_expression: cron, queue, timezone, timeout_seconds: timeout, payload } = REFERENCE_BODY
    const res = await api.register({
      worker_id: 'worker-7f3a',
      queues: ['default', 'maintenance'],
      job_types: [jobType],
      recurring: [{ job_type: jobType, cron_expression: cron, queue, timezone, timeout_seconds: timeout, payload }, { job_type: 'Reports', cron_expression: '0 * * * *' }]
    })
    t.equal(res.statusCode, 200)
    t.strictSame(res.json(), {
      worker_id: 'worker-7f3a',
      registered: [{
        id: 'rjob_CleanupExpiredSessions',
        status: 'created',
        schedule: { ...REFERENCE_RESPONSE, id: 'rjob_CleanupExpiredSessions' }
      }, {
        id: 'rjob_Reports',
        status: 'created',
        schedule: {
          id: 'rjob_Reports',
          job_type: 'Reports',
          queue: 'default',
          cron_expression: '0 * * * *',
          timezone: 'UTC',
          enabled: true,
          payload: {},
          last_run_at: null,
          next_run_at: '2026-03-24T16:00:00Z',
          max_attempts: 3,
          timeout_seconds: 1800,
          ...DEFAULT_CONTROLS,
          created_at: '2026-03-24T15:00:00Z',
          updated_at: null
        }
      }]
    })
    t.strictSame((await api.get('rjob_CleanupExpiredSessions')).json(), res.json().registered[0].schedule)
    const rows = await queryRows(db.database.db, sql`select id from recurring_jobs where tenant_id = ${a.tenantId} order by seq`)
    t.strictSame(rows.map((r) => r.id), ['rjob_CleanupExpiredSessions', 'rjob_Reports'])
  })
})

t.test('POST /v1/workers/register reports created, updated and conflict items side by side; a conflict fails only its item', async (t) => {
  await eachApp(t, async (t, { app, clock }) => {
    const api = client(app, (await createTenant(app)).headers)
    await api.put('custom_id', { job_type: 'MyApp.Jobs.Owned', cron_expression: '0 * * * *' })
    await api.put('rjob_Existing', { job_type: 'MyApp.Jobs.Existing', cron_expression: '0 1 * * *', max_attempts: 8, enabled: false, queue: 'q' })

    clock.set('2026-03-24T15:30:00Z')
    const res = await api.register({
      recurring: [
        { job_type: 'MyApp.Jobs.CleanupExpiredSessions', cron_expression: '0 3 * * *' },
        { job_type: 'MyApp.Jobs.Owned', cron_expression: '0 2 * * *' },
        { job_type: 'Other.Jobs.CleanupExpiredSessions', cron_expression: '0 4 * * *' },
        { job_type: 'MyApp.Jobs.Existing', cron_expression: '0 5 * * *' },
        { job_type: 'MyApp.Jobs.Fresh', cron_expression: '0 6 * * *' }
      ]
    })
    t.equal(res.statusCode, 200)
    t.match(res.json().worker_id, UUID, 'a worker_id is generated when omitted')
    const registered = res.json().registered as Array<{ id: string, status: string, schedule?: Record<string, unknown> }>
    t.strictSame(registered.map((r) => [r.id, r.status]), [
      ['rjob_CleanupExpiredSessions', 'created'],
      ['rjob_Owned', 'conflict'], //                     the job_type is held by custom_id
      ['rjob_CleanupExpiredSessions', 'conflict'], //    the derived id is held by another job_type (item 0)
      ['rjob_Existing', 'updated'],
      ['rjob_Fresh', 'created']
    ])
    t.notOk('schedule' in registered[1]!, 'no schedule on conflict')
    t.notOk('schedule' in registered[2]!)
    t.match(registered[3]!.schedule, {
      cron_expression: '0 5 * * *',
      queue: 'default',
      enabled: false,
      max_attempts: 8,
      next_run_at: null,
      created_at: '2026-03-24T15:00:00Z',
      updated_at: '2026-03-24T15:30:00Z'
    }, 'PUT semantics: the queue default returns, max_attempts is kept, the pause is kept')

    t.equal((await api.get('rjob_Owned')).statusCode, 404, 'nothing was written for a conflicting item')
    t.equal((await api.get('custom_id')).json().cron_expression, '0 * * * *')
    t.equal((await api.get('rjob_CleanupExpiredSessions')).json().job_type, 'MyApp.Jobs.CleanupExpiredSessions')
    t.equal((await api.get('rjob_Fresh')).statusCode, 200, 'items after a conflict are saved')

    clock.set('2026-03-24T16:00:00Z')
    const again = await api.register({ worker_id: 'w2', recurring: [{ job_type: 'MyApp.Jobs.Fresh', cron_expression: '0 6 * * *' }] })
    t.strictSame(again.json().registered.map((r: { status: string }) => r.status), ['updated'])
    t.equal(again.json().registered[0].schedule.updated_at, '2026-03-24T16:00:00Z')
    t.equal(again.json().worker_id, 'w2')
  })
})

t.test('POST /v1/workers/register with an invalid cron or zone in any item answers 400 naming recurring.N.field and writes nothing', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const ok = (n: number) => ({ job_type: `App.Job${n}`, cron_expression: '0 3 * * *' })

    const cron = await api.register({ recurring: [ok(0), ok(1), { job_type: 'App.Bad', cron_expression: 'not a cron' }, { job_type: 'App.Bad2', cron_expression: '61 * * * *' }] })
    t.equal(cron.statusCode, 400)
    t.equal(codeOf(cron), 'invalid_cron_expression')
    t.strictSame(cron.json().error.details.map((d: { field: string }) => d.field), ['recurring.2.cron_expression', 'recurring.3.cron_expression'])
    t.match(cron.json().error.message, /"not a cron"/)

    const zone = await api.register({ recurring: [ok(0), { ...ok(1), timezone: 'Mars/Olympus_Mons' }] })
    t.equal(zone.statusCode, 400)
    t.equal(codeOf(zone), 'invalid_timezone')
    t.strictSame(zone.json().error.details.map((d: { field: string }) => d.field), ['recurring.1.timezone'])

    const both = await api.register({ recurring: [{ ...ok(0), timezone: 'Nowhere/Zone' }, { ...ok(1), cron_expression: 'x' }] })
    t.equal(codeOf(both), 'invalid_cron_expression', 'every cron is checked before any zone')

    const h = await api.register({ recurring: [{ job_type: 'App.Hashed', cron_expression: 'H 3 * * *' }] })
    t.equal(h.statusCode, 200, 'H is seeded with the derived id')

    t.strictSame((await api.list()).json().data.map((j: { id: string }) => j.id), ['rjob_Hashed'], 'refused requests wrote nothing')
  })
})

t.test('POST /v1/workers/register answers 400 invalid_request for a bad body or a job_type that derives no valid id', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const item = { job_type: 'App.Job', cron_expression: '0 3 * * *' }
    const cases: Array<[string, unknown, string]> = [
      ['missing recurring', { worker_id: 'w' }, 'recurring'],
      ['empty recurring', { recurring: [] }, 'recurring'],
      ['1001 items', { recurring: Array.from({ length: 1001 }, (_, i) => ({ job_type: `J${i}`, cron_expression: '0 3 * * *' })) }, 'recurring'],
      ['recurring not an array', { recurring: item }, 'recurring'],
      ['item without cron', { recurring: [item, { job_type: 'X' }] }, 'recurring.1.cron_expression'],
      ['item with max_attempts 0', { recurring: [{ ...item, max_attempts: 0 }] }, 'recurring.0.max_attempts'],
      ['worker_id a number', { worker_id: 7, recurring: [item] }, 'worker_id'],
      ['job_type ending in a dot', { recurring: [item, { job_type: 'MyApp.Jobs.', cron_expression: '0 3 * * *' }] }, 'recurring.1.job_type'],
      ['last segment with a space', { recurring: [{ job_type: 'MyApp.Clean Up', cron_expression: '0 3 * * *' }] }, 'recurring.0.job_type'],
      ['generic type name', { recurring: [{ job_type: 'MyApp.Jobs.Cleanup<T>', cron_expression: '0 3 * * *' }] }, 'recurring.0.job_type'],
      ['derived id over 200 characters', { recurring: [{ job_type: 'x'.repeat(200), cron_expression: '0 3 * * *' }] }, 'recurring.0.job_type'],
      ['payload over 64 KiB', { recurring: [{ ...item, payload: { d: 'x'.repeat(65529) } }] }, 'recurring.0.payload']
    ]
    for (const [why, body, field] of cases) {
      const res = await api.register(body)
      t.equal(res.statusCode, 400, why)
      t.equal(codeOf(res), 'invalid_request', why)
      t.equal(res.json().error.details?.[0]?.field, field, why)
    }
    const badIdAndCron = await api.register({ recurring: [{ job_type: 'App.', cron_expression: 'x' }] })
    t.equal(codeOf(badIdAndCron), 'invalid_request', 'the id is checked before the cron')
    t.equal((await api.list()).json().data.length, 0)

    const longest = await api.register({ recurring: [{ job_type: `Ns.${'x'.repeat(195)}`, cron_expression: '0 3 * * *' }] })
    t.equal(longest.statusCode, 200, 'a derived id of exactly 200 characters is fine')
  })
})

t.test('POST /v1/workers/register ignores fields the contract does not list, such as enabled in an item', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const res = await api.register({ recurring: [{ job_type: 'App.Job', cron_expression: '0 3 * * *', enabled: false, colour: 'red' }], hostname: 'box-1' })
    t.equal(res.statusCode, 200)
    t.equal(res.json().registered[0].schedule.enabled, true)
    t.notOk('colour' in res.json().registered[0].schedule)
  })
})

t.test('POST /v1/workers/register of two tenants never conflict with each other', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const body = { recurring: [{ job_type: 'MyApp.Jobs.CleanupExpiredSessions', cron_expression: '0 3 * * *' }] }
    const a = await client(app, (await createTenant(app, { name: 'A' })).headers).register(body)
    const b = await client(app, (await createTenant(app, { name: 'B' })).headers).register(body)
    t.equal(a.json().registered[0].status, 'created')
    t.equal(b.json().registered[0].status, 'created')
  })
})

t.test('POST /v1/workers/register keeps a paused schedule paused and updates the rest of it', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    await api.register({ recurring: [{ job_type: 'App.Cleanup', cron_expression: '0 3 * * *' }] })
    t.equal((await api.patch('rjob_Cleanup', { enabled: false })).statusCode, 200)
    const again = await api.register({ recurring: [{ job_type: 'App.Cleanup', cron_expression: '0 4 * * *' }] })
    t.equal(again.json().registered[0].status, 'updated')
    const schedule = again.json().registered[0].schedule
    t.equal(schedule.enabled, false)
    t.equal(schedule.next_run_at, null)
    t.equal(schedule.cron_expression, '0 4 * * *')
    t.equal((await api.patch('rjob_Cleanup', { enabled: true })).json().next_run_at, '2026-03-25T04:00:00Z')
  })
})

t.test('worker replicas registering one schedule at once all succeed: one creates it, the others update it, none is a conflict', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    // The race is narrow (a replica used to meet the job_type index before the primary key and report a conflict
    // with its own schedule): 30 new schedules, 6 replicas registering each at once.
    const statuses: string[] = []
    for (let round = 0; round < 30; round++) {
      const recurring = [{ job_type: `MyApp.Jobs.Round${round}`, cron_expression: '0 3 * * *' }]
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => api.register({ worker_id: `replica-${i}`, recurring })))
      for (const res of answers) statuses.push(res.statusCode === 200 ? res.json().registered[0].status : `HTTP ${res.statusCode}`)
    }
    t.equal(statuses.filter((s) => s === 'created').length, 30, 'each schedule created once')
    t.strictSame(statuses.filter((s) => s !== 'created' && s !== 'updated'), [], 'no conflict, no error')
  })
})
