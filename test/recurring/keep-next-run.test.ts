// CONTRACT §6: a save that keeps cron_expression, timezone and enabled keeps next_run_at, so a payload-only PATCH,
// a PUT of the same schedule or a worker re-registration at the very second an occurrence falls due never skips it.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { tickOnce } from '../../src/scheduler/index.js'
import { eachApp, type TestApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { client } from './client.js'

const EVERY_SECOND = { job_type: 'Tick.Job', cron_expression: '* * * * * *', timezone: 'Europe/Berlin', payload: { v: 1 } }

async function executionsOf (ctx: TestApp, id: string) {
  const rows = await queryRows<{ scheduled_for: string, payload: unknown }>(ctx.db.database.db,
    sql`select scheduled_for, payload from executions where recurring_id = ${id} order by scheduled_for`)
  return rows.map((r) => ({ scheduled_for: new Date(r.scheduled_for).toISOString(), payload: r.payload }))
}

const tick = (ctx: TestApp) => tickOnce({ database: ctx.db.database, clock: ctx.clock, config: ctx.config })

t.test('a save that keeps cron, zone and enabled keeps a due, not yet enqueued next_run_at', async (t) => {
  type Api = ReturnType<typeof client>
  const saves: Array<[string, string, (api: Api, id: string) => Promise<{ statusCode: number, json: () => any }>]> = [
    ['payload-only PATCH', '2026-03-24T15:00:01.000Z', (api, id) => api.patch(id, { payload: { v: 2 } })],
    ['payload-only PATCH late in the second', '2026-03-24T15:00:01.999Z', (api, id) => api.patch(id, { payload: { v: 2 } })],
    ['PATCH of queue and max_attempts', '2026-03-24T15:00:01.000Z', (api, id) => api.patch(id, { queue: 'other', max_attempts: 5 })],
    ['PATCH that repeats cron, zone and enabled', '2026-03-24T15:00:01.000Z', (api, id) => api.patch(id, { cron_expression: '* * * * * *', timezone: 'Europe/Berlin', enabled: true })],
    ['PUT of the same schedule with a new payload', '2026-03-24T15:00:01.000Z', (api, id) => api.put(id, { ...EVERY_SECOND, job_type: `Tick.${id}`, payload: { v: 2 } })]
  ]
  await eachApp(t, async (t, ctx) => {
    const api = client(ctx.app, (await createTenant(ctx.app)).headers)
    for (const [i, [name, at, save]] of saves.entries()) {
      const id = `rjob_${i}`
      ctx.clock.set('2026-03-24T15:00:00Z')
      t.equal((await api.put(id, { ...EVERY_SECOND, job_type: `Tick.${id}` })).json().next_run_at, '2026-03-24T15:00:01Z')
      ctx.clock.set(at) // 15:00:01 is due and no tick has enqueued it yet
      const saved = await save(api, id)
      t.equal(saved.statusCode, 200, name)
      t.equal(saved.json().next_run_at, '2026-03-24T15:00:01Z', `${name} at ${at}: the due occurrence is still next`)
      await tick(ctx)
      t.strictSame((await executionsOf(ctx, id)).map((e) => e.scheduled_for), ['2026-03-24T15:00:01.000Z'], `${name}: enqueued once`)
      t.equal((await api.get(id)).json().next_run_at, '2026-03-24T15:00:02Z')
    }
  })
})

t.test('worker re-registration at the second an occurrence falls due keeps it', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const api = client(ctx.app, (await createTenant(ctx.app)).headers)
    const item = { job_type: 'MyApp.Jobs.Tick', cron_expression: '* * * * * *', payload: { v: 1 } }
    await api.register({ recurring: [item] })
    ctx.clock.set('2026-03-24T15:00:01Z')
    const again = await api.register({ recurring: [{ ...item, payload: { v: 2 } }] })
    t.equal(again.json().registered[0].status, 'updated')
    t.equal((await api.get('rjob_Tick')).json().next_run_at, '2026-03-24T15:00:01Z')
    await tick(ctx)
    t.strictSame(await executionsOf(ctx, 'rjob_Tick'), [{ scheduled_for: '2026-03-24T15:00:01.000Z', payload: { v: 2 } }],
      'the occurrence runs with the payload saved before it was enqueued')
  })
})

t.test('a save that changes cron, zone or enabled recomputes next_run_at from now', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const api = client(ctx.app, (await createTenant(ctx.app)).headers)
    await api.put('rjob_tick', EVERY_SECOND)
    ctx.clock.set('2026-03-24T15:00:01Z')
    t.equal((await api.patch('rjob_tick', { cron_expression: '*/2 * * * * *' })).json().next_run_at, '2026-03-24T15:00:02Z', 'new cron')
    t.equal((await api.patch('rjob_tick', { timezone: 'UTC' })).json().next_run_at, '2026-03-24T15:00:02Z', 'new zone')
    ctx.clock.set('2026-03-24T15:00:04Z')
    t.equal((await api.patch('rjob_tick', { enabled: false })).json().next_run_at, null, 'paused')
    t.equal((await api.patch('rjob_tick', { enabled: true })).json().next_run_at, '2026-03-24T15:00:06Z', 'resumed: strictly after now')
    t.equal((await api.put('rjob_tick', { ...EVERY_SECOND, cron_expression: '*/3 * * * * *' })).json().next_run_at, '2026-03-24T15:00:06Z', 'PUT with a new cron')
  })
})
