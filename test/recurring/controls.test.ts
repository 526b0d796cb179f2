// Schedule controls (docs/contract.md §12) and visibility (§13) through the API, with the scheduler driven by tickOnce on
// an injected clock, on both engines: every overlap and misfire policy, bounds, max_runs, pauses, auto-pause,
// the occurrence ledger, backfill, history and ETags.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { client } from './client.js'
import { api, outcomes, tick, type Json } from './controls-client.js'

t.test('PUT carries every §12 field; PUT resets omitted ones; the database refuses values outside the sets', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    const res = await c.put('rjob_c', {
      job_type: 'c',
      cron_expression: '0 * * * *',
      overlap_policy: 'skip',
      misfire_policy: 'all',
      misfire_threshold_seconds: 120,
      starts_at: '2026-03-24T18:00:00Z',
      ends_at: '2026-03-25T00:00:00Z',
      max_runs: 3,
      auto_pause_after_failures: 2
    })
    t.equal(res.statusCode, 200)
    t.match(res.json(), {
      overlap_policy: 'skip',
      misfire_policy: 'all',
      misfire_threshold_seconds: 120,
      starts_at: '2026-03-24T18:00:00Z',
      ends_at: '2026-03-25T00:00:00Z',
      max_runs: 3,
      runs_count: 0,
      state: 'active',
      pause_note: null,
      paused_at: null,
      auto_pause_after_failures: 2,
      next_run_at: '2026-03-24T18:00:00Z'
    }, 'starts_at holds the first occurrence back to 18:00')
    const reset = await c.put('rjob_c', { job_type: 'c', cron_expression: '0 * * * *', enabled: false, pause_note: 'vendor outage' })
    t.match(reset.json(), {
      overlap_policy: 'allow',
      misfire_policy: 'coalesce',
      misfire_threshold_seconds: 60,
      starts_at: null,
      ends_at: null,
      max_runs: null,
      auto_pause_after_failures: null,
      state: 'paused',
      pause_note: 'vendor outage',
      paused_at: '2026-03-24T15:00:00Z',
      next_run_at: null
    })
    const resumed = await c.patch('rjob_c', { enabled: true })
    t.match(resumed.json(), { state: 'active', pause_note: null, paused_at: null })
    const bad = await c.put('rjob_c', { job_type: 'c', cron_expression: '0 * * * *', overlap_policy: 'sometimes' })
    t.equal(bad.statusCode, 400)
    const order = await c.patch('rjob_c', { starts_at: '2026-03-25T00:00:00Z', ends_at: '2026-03-24T00:00:00Z' })
    t.equal(order.statusCode, 400)
    t.equal(order.json().error.code, 'invalid_request')
    await t.rejects(ctx.db.database.db.execute(sql`update recurring_jobs set overlap_policy = 'sometimes'`), 'CHECK on overlap_policy')
    await t.rejects(ctx.db.database.db.execute(sql`update recurring_jobs set misfire_policy = 'never'`), 'CHECK on misfire_policy')
    await t.rejects(ctx.db.database.db.execute(sql`update recurring_jobs set state = 'gone'`), 'CHECK on state')
  })
})

t.test('overlap_policy skip: no occurrence is enqueued while an earlier execution is unfinished', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    await c.put('rjob_s', { job_type: 's', cron_expression: '* * * * *', overlap_policy: 'skip', max_attempts: 2 })
    ctx.clock.set('2026-03-24T15:01:00Z'); await tick(ctx)
    const [first] = await c.claim()
    ctx.clock.set('2026-03-24T15:02:00Z'); await tick(ctx) //  running → skipped
    await c.fail(first!.id) //                                   retried: queued again, still unfinished
    ctx.clock.set('2026-03-24T15:03:00Z'); await tick(ctx) //  queued (retry) → skipped
    ctx.clock.set('2026-03-24T15:03:10Z')
    const [retry] = await c.claim()
    await c.complete(retry!.id)
    ctx.clock.set('2026-03-24T15:04:00Z'); await tick(ctx) //  finished → enqueued
    t.strictSame((await c.executions('rjob_s')).map((e) => e.scheduled_for), ['2026-03-24T15:01:00Z', '2026-03-24T15:04:00Z'])
    t.strictSame(outcomes(await c.ledger('rjob_s', '2026-03-24T15:00:00Z', '2026-03-24T15:06:00Z')),
      ['15:01 enqueued', '15:02 skipped_overlap', '15:03 skipped_overlap', '15:04 enqueued', '15:05 upcoming'])
  })
})

t.test('overlap_policy buffer_one: one waits (not claimable) behind the running one, further ones are skipped', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    await c.put('rjob_b', { job_type: 'b', cron_expression: '* * * * *', overlap_policy: 'buffer_one' })
    ctx.clock.set('2026-03-24T15:01:00Z'); await tick(ctx)
    const [running] = await c.claim()
    ctx.clock.set('2026-03-24T15:02:00Z'); await tick(ctx)
    ctx.clock.set('2026-03-24T15:03:00Z'); await tick(ctx)
    t.strictSame(await c.claim('w2'), [], 'the buffered one waits while 15:01 runs')
    await c.complete(running!.id)
    const next = await c.claim('w2')
    t.strictSame(next.map((e) => e.scheduled_for), ['2026-03-24T15:02:00Z'], 'claimable once the running one ended')
    t.strictSame(outcomes(await c.ledger('rjob_b', '2026-03-24T15:00:00Z', '2026-03-24T15:04:00Z')),
      ['15:01 enqueued', '15:02 enqueued', '15:03 skipped_overlap'])
  })
})

t.test('overlap_policy replace: the running execution ends failed "replaced", its worker gets 409, the new one runs', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    await c.put('rjob_r', { job_type: 'r', cron_expression: '* * * * *', overlap_policy: 'replace' })
    ctx.clock.set('2026-03-24T15:01:00Z'); await tick(ctx)
    const [old] = await c.claim()
    ctx.clock.set('2026-03-24T15:02:00Z'); await tick(ctx)
    const answer = await c.complete(old!.id)
    t.equal(answer.statusCode, 409)
    t.equal(answer.json().error.code, 'lease_conflict')
    t.match(await c.executions('rjob_r'), [
      { scheduled_for: '2026-03-24T15:01:00Z', status: 'failed', last_error: 'replaced' },
      { scheduled_for: '2026-03-24T15:02:00Z', status: 'queued' }
    ])
  })
})

t.test('misfire_policy: coalesce, all (one each) and skip after downtime; on-time occurrences always run', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    for (const policy of ['coalesce', 'all', 'skip']) {
      await c.put(`rjob_${policy}`, { job_type: policy, cron_expression: '*/10 * * * *', misfire_policy: policy, misfire_threshold_seconds: 300 })
    }
    // Down from 15:00 to 15:42: 15:10, 15:20, 15:30 are missed (> 300 s late); 15:40 is on time.
    ctx.clock.set('2026-03-24T15:42:00Z'); await tick(ctx)
    t.match(await c.executions('rjob_coalesce'), [{ scheduled_for: '2026-03-24T15:10:00Z', coalesced_count: 4, covers_until: '2026-03-24T15:40:00Z' }])
    t.strictSame((await c.executions('rjob_all')).map((e) => e.scheduled_for),
      ['2026-03-24T15:10:00Z', '2026-03-24T15:20:00Z', '2026-03-24T15:30:00Z', '2026-03-24T15:40:00Z'])
    t.strictSame((await c.executions('rjob_skip')).map((e) => e.scheduled_for), ['2026-03-24T15:40:00Z'])
    const window = ['2026-03-24T15:00:00Z', '2026-03-24T16:00:00Z'] as const
    t.strictSame(outcomes(await c.ledger('rjob_coalesce', ...window)), ['15:10 enqueued', '15:20 coalesced', '15:30 coalesced', '15:40 coalesced', '15:50 upcoming'])
    t.strictSame(outcomes(await c.ledger('rjob_skip', ...window)), ['15:10 skipped_misfire', '15:20 skipped_misfire', '15:30 skipped_misfire', '15:40 enqueued', '15:50 upcoming'])
  })
})

t.test('max_runs and ends_at end the schedule; runs_count counts schedule executions only', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    await c.put('rjob_m', { job_type: 'm', cron_expression: '* * * * *', max_runs: 2 })
    await c.put('rjob_e', { job_type: 'e', cron_expression: '* * * * *', ends_at: '2026-03-24T15:02:00Z' })
    await ctx.app.inject({ method: 'POST', url: '/v1/recurring/rjob_m/trigger', headers: tenant.headers })
    for (const m of ['01', '02', '03']) { ctx.clock.set(`2026-03-24T15:${m}:00Z`); await tick(ctx) }
    t.match((await c.get('rjob_m')).json(), { runs_count: 2, state: 'ended', next_run_at: null })
    t.match((await c.get('rjob_e')).json(), { runs_count: 2, state: 'ended', next_run_at: null })
    t.strictSame(outcomes(await c.ledger('rjob_m', '2026-03-24T15:00:00Z', '2026-03-24T15:05:00Z')),
      ['15:01 enqueued', '15:02 enqueued', '15:03 after_end', '15:04 after_end'])
  })
})

t.test('auto_pause_after_failures disables the schedule after N consecutive failed executions, with a note and history', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    await c.put('rjob_a', { job_type: 'a', cron_expression: '* * * * *', max_attempts: 1, auto_pause_after_failures: 2 })
    for (const m of ['01', '02']) {
      ctx.clock.set(`2026-03-24T15:${m}:00Z`); await tick(ctx)
      const [e] = await c.claim()
      await c.fail(e!.id)
    }
    t.match((await c.get('rjob_a')).json(), {
      enabled: false, state: 'paused', next_run_at: null, pause_note: 'paused after 2 consecutive failed executions', paused_at: '2026-03-24T15:02:00Z'
    })
    const [latest] = (await c.history('rjob_a')).json().data
    t.strictSame(latest, {
      at: '2026-03-24T15:02:00Z',
      action: 'auto_paused',
      actor: { key_id: null, user_id: null },
      changes: {
        enabled: [true, false], pause_note: [null, 'paused after 2 consecutive failed executions']
      }
    })
  })
})

t.test('ETags: GET answers one, If-None-Match gives 304, a stale If-Match and If-None-Match: * answer 412', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const body = { job_type: 'x', cron_expression: '0 * * * *' }
    const put = (headers: Record<string, string>) => ctx.app.inject({ method: 'PUT', url: '/v1/recurring/rjob_x', headers: { ...tenant.headers, ...headers }, payload: body })
    const created = await put({ 'if-none-match': '*' })
    t.equal(created.statusCode, 200)
    const etag = created.headers.etag as string
    t.match(etag, /^"[A-Za-z0-9_-]+"$/)
    const get = await ctx.app.inject({ method: 'GET', url: '/v1/recurring/rjob_x', headers: tenant.headers })
    t.equal(get.headers.etag, etag)
    t.equal((await ctx.app.inject({ method: 'GET', url: '/v1/recurring/rjob_x', headers: { ...tenant.headers, 'if-none-match': etag } })).statusCode, 304)
    const again = await put({ 'if-none-match': '*' })
    t.equal(again.statusCode, 412)
    t.equal(again.json().error.code, 'precondition_failed')
    ctx.clock.advance(1000)
    const changed = await put({ 'if-match': etag })
    t.equal(changed.statusCode, 200, 'the current ETag matches')
    t.not(changed.headers.etag, etag)
    const stale = await ctx.app.inject({ method: 'PATCH', url: '/v1/recurring/rjob_x', headers: { ...tenant.headers, 'if-match': etag }, payload: { enabled: false } })
    t.equal(stale.statusCode, 412)
    const del = await ctx.app.inject({ method: 'DELETE', url: '/v1/recurring/rjob_x', headers: { ...tenant.headers, 'if-match': etag } })
    t.equal(del.statusCode, 412)
    t.equal((await client(ctx.app, tenant.headers).get('rjob_x')).json().enabled, true, 'nothing changed')
  })
})

t.test('history names the key and its user, and is kept after a delete', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    await c.put('rjob_h', { job_type: 'h', cron_expression: '0 * * * *' })
    ctx.clock.set('2026-03-24T16:00:00Z')
    await c.patch('rjob_h', { enabled: false, pause_note: 'deploy' })
    ctx.clock.set('2026-03-24T17:00:00Z')
    await c.patch('rjob_h', { enabled: true, queue: 'q2' })
    await c.del('rjob_h')
    const res = await c.history('rjob_h')
    t.equal(res.statusCode, 200)
    const actor = { key_id: tenant.keyId, user_id: tenant.memberId }
    const data = res.json().data as Json[]
    t.strictSame(data.map((h) => [h.at, h.action]), [
      ['2026-03-24T17:00:00Z', 'deleted'], ['2026-03-24T17:00:00Z', 'resumed'], ['2026-03-24T16:00:00Z', 'paused'], ['2026-03-24T15:00:00Z', 'created']
    ])
    t.ok(data.every((h) => h.actor.key_id === actor.key_id && h.actor.user_id === actor.user_id))
    t.strictSame(data[1]!.changes, { queue: ['default', 'q2'], enabled: [false, true], pause_note: ['deploy', null] })
    t.match(data[3]!.changes, { job_type: [null, 'h'], cron_expression: [null, '0 * * * *'], enabled: [null, true] })
    t.equal((await c.history('rjob_never')).statusCode, 404)
  })
})

t.test('the ledger accounts for every occurrence of a day with downtime, a paused hour, overlaps and a backfill', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const c = api(ctx.app, tenant)
    ctx.clock.set('2026-03-24T00:00:00Z')
    await c.put('rjob_day', { job_type: 'day', cron_expression: '0 * * * *', overlap_policy: 'skip', timeout_seconds: 10800 })
    const at = (h: number) => `2026-03-24T${String(h).padStart(2, '0')}:00:00Z`
    for (let h = 1; h < 24; h++) {
      if (h >= 5 && h <= 7) continue //                                   no instance runs 05:00–08:29
      ctx.clock.set(h === 8 ? '2026-03-24T08:30:00Z' : at(h))
      if (h === 12) await c.patch('rjob_day', { enabled: false }) //       paused 12:00–13:00
      if (h === 13) await c.patch('rjob_day', { enabled: true })
      // 15:00's run takes until 17:00, so 16:00 overlaps it.
      if (h === 17) for (const e of (await c.executions('rjob_day')).filter((x) => x.status === 'running')) await c.complete(e.id)
      await tick(ctx)
      for (const e of await c.claim('w1', 10)) if (e.scheduled_for !== at(15)) await c.complete(e.id)
    }
    ctx.clock.set('2026-03-24T23:30:00Z')
    const backfill = await c.backfill('rjob_day', { from: at(16), to: at(17), dry_run: true })
    t.strictSame(backfill.json(), { occurrences: 1, enqueued: 1, already_present: 0 }, 'dry run')
    t.strictSame((await c.backfill('rjob_day', { from: at(16), to: at(17) })).json(), { occurrences: 1, enqueued: 1, already_present: 0 })
    t.strictSame((await c.backfill('rjob_day', { from: at(16), to: at(17) })).json(), { occurrences: 1, enqueued: 0, already_present: 1 }, 'idempotent')

    const ledger = await c.ledger('rjob_day', '2026-03-24T00:00:00Z', '2026-03-25T01:00:00Z')
    const list = outcomes(ledger)
    t.strictSame(list, [
      '01:00 enqueued', '02:00 enqueued', '03:00 enqueued', '04:00 enqueued',
      '05:00 enqueued', '06:00 coalesced', '07:00 coalesced', '08:00 coalesced', // the downtime: one coalesced execution
      '09:00 enqueued', '10:00 enqueued', '11:00 enqueued',
      '12:00 skipped_paused', '13:00 skipped_paused', //                            re-enabling never catches up
      '14:00 enqueued', '15:00 enqueued',
      '16:00 enqueued', //                                                          skipped for overlap, then backfilled
      '17:00 enqueued', '18:00 enqueued', '19:00 enqueued', '20:00 enqueued', '21:00 enqueued', '22:00 enqueued', '23:00 enqueued',
      '00:00 upcoming'
    ], 'every occurrence after the creation, none missing, none twice')
    const coalesced = (ledger.data as Json[]).slice(5, 8).map((o) => o.execution_id)
    t.ok(coalesced.every((id) => id === (ledger.data as Json[])[4]!.execution_id), 'the coalesced ones name the 05:00 execution')
    const rows = await queryRows<{ trigger: string }>(ctx.db.database.db, sql`select trigger from executions where scheduled_for = ${at(16)}::timestamptz`)
    t.strictSame(rows.map((r) => r.trigger), ['backfill'])
  })
})
