// overlap_policy (docs/contract.md §12) at exact instants, with the scheduler driven by tickOnce on an injected clock, on
// both engines: every value against running, queued and retried executions, coalesced downtime, misfire `all`
// (several due at once), expired leases and manual triggers; the ledger (§13) names each occurrence's outcome.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { api, day, outcomes, setTime, tick, type Json } from './controls-client.js'

const window = [day('15:00'), day('15:10')] as const

const brief = (rows: Json[]) => rows.map((e) => `${e.scheduled_for.slice(11, 16)} ${e.status}${e.last_error === null ? '' : ` ${e.last_error}`}`)

t.test('allow: a due occurrence is enqueued beside a running one, and a coalesced one beside it after downtime', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_allow', { job_type: 'allow', cron_expression: '* * * * *' })
    setTime(ctx.clock, '15:01'); await tick(ctx)
    t.equal((await c.claim()).length, 1)
    setTime(ctx.clock, '15:02'); await tick(ctx)
    t.strictSame((await c.claim('w2')).map((e) => e.scheduled_for), [day('15:02')], 'claimable while 15:01 runs')
    setTime(ctx.clock, '15:05:30'); await tick(ctx) //                 down 15:02–15:05:30: 15:03, 15:04, 15:05 coalesce
    t.match(await c.executions('rjob_allow'), [
      { scheduled_for: day('15:01'), status: 'running' },
      { scheduled_for: day('15:02'), status: 'running' },
      { scheduled_for: day('15:03'), status: 'queued', coalesced_count: 3, covers_until: day('15:05'), blocked_by: undefined }
    ])
    t.strictSame(outcomes(await c.ledger('rjob_allow', ...window)),
      ['15:01 enqueued', '15:02 enqueued', '15:03 enqueued', '15:04 coalesced', '15:05 coalesced', '15:06 upcoming', '15:07 upcoming', '15:08 upcoming', '15:09 upcoming'])
  })
})

t.test('skip: a coalesced occurrence is skipped whole while one runs; a manual execution counts as unfinished', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_skip', { job_type: 'skip', cron_expression: '* * * * *', overlap_policy: 'skip' })
    setTime(ctx.clock, '15:01'); await tick(ctx)
    const [first] = await c.claim()
    setTime(ctx.clock, '15:05:30'); await tick(ctx) //                 15:02–15:05 coalesce into one candidate, skipped
    t.match((await c.get('rjob_skip')).json(), { next_run_at: day('15:06'), last_run_at: day('15:01'), runs_count: 1 })
    await c.complete(first!.id)
    setTime(ctx.clock, '15:05:50')
    const manual = (await c.trigger('rjob_skip')).json()
    setTime(ctx.clock, '15:06'); await tick(ctx) //                    the manual one is queued: skipped
    await c.complete((await c.claim())[0]!.id)
    setTime(ctx.clock, '15:07'); await tick(ctx)
    t.strictSame(brief(await c.executions('rjob_skip')), ['15:01 succeeded', '15:05 succeeded', '15:07 queued'])
    t.equal((await c.executions('rjob_skip'))[1]!.id, manual.id)
    t.strictSame(outcomes(await c.ledger('rjob_skip', ...window)), [
      '15:01 enqueued', '15:02 skipped_overlap', '15:03 skipped_overlap', '15:04 skipped_overlap', '15:05 skipped_overlap',
      '15:06 skipped_overlap', '15:07 enqueued', '15:08 upcoming', '15:09 upcoming'
    ])
  })
})

t.test('skip: a lease that ran out before the occurrence is judged first (retried: still unfinished; final: finished)', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    // Lease of 90 s: claimed at 15:01, it runs out at 15:02:30, before the 15:03 occurrence.
    await c.put('rjob_retry', { job_type: 'retry', cron_expression: '* * * * *', overlap_policy: 'skip', timeout_seconds: 90, max_attempts: 2 })
    await c.put('rjob_final', { job_type: 'final', cron_expression: '* * * * *', overlap_policy: 'skip', timeout_seconds: 90, max_attempts: 1 })
    setTime(ctx.clock, '15:01'); await tick(ctx)
    t.equal((await c.claim('w1', 10)).length, 2)
    setTime(ctx.clock, '15:02'); await tick(ctx)
    setTime(ctx.clock, '15:03'); await tick(ctx)
    t.strictSame(brief(await c.executions('rjob_retry')), ['15:01 queued timeout'], 'queued again for its second attempt: 15:03 is skipped')
    t.strictSame(brief(await c.executions('rjob_final')), ['15:01 failed timeout', '15:03 queued'], 'its last attempt ran out at 15:02:30: 15:03 runs')
    t.strictSame(outcomes(await c.ledger('rjob_retry', day('15:00'), day('15:04'))), ['15:01 enqueued', '15:02 skipped_overlap', '15:03 skipped_overlap'])
    t.strictSame(outcomes(await c.ledger('rjob_final', day('15:00'), day('15:04'))), ['15:01 enqueued', '15:02 skipped_overlap', '15:03 enqueued'])
  })
})

t.test('buffer_one: the buffered execution waits behind a retried one and runs once it ends; the rest are skipped', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_buf', { job_type: 'buf', cron_expression: '* * * * *', overlap_policy: 'buffer_one', max_attempts: 2 })
    setTime(ctx.clock, '15:01'); await tick(ctx)
    const [first] = await c.claim()
    setTime(ctx.clock, '15:02'); await tick(ctx)
    setTime(ctx.clock, '15:03'); await tick(ctx)
    setTime(ctx.clock, '15:03:10')
    await c.fail(first!.id) //                                      queued again, available by 15:03:15
    setTime(ctx.clock, '15:03:20')
    const retried = await c.claim('w1', 10)
    t.strictSame(retried.map((e) => [e.scheduled_for, e.attempt]), [[day('15:01'), 2]], 'the retry is claimable, the buffered one is not')
    setTime(ctx.clock, '15:04'); await tick(ctx) //                 15:01 (running) and 15:02 (waiting): skipped
    t.strictSame(await c.claim('w2'), [])
    await c.complete(retried[0]!.id)
    const buffered = await c.claim('w2')
    t.strictSame(buffered.map((e) => e.scheduled_for), [day('15:02')])
    t.equal(buffered[0]!.blocked_by, undefined, 'blocked_by is internal, not in the API')
    t.strictSame(outcomes(await c.ledger('rjob_buf', day('15:00'), day('15:05'))), ['15:01 enqueued', '15:02 enqueued', '15:03 skipped_overlap', '15:04 skipped_overlap'])
  })
})

t.test('buffer_one: behind a queued one, and behind a running one whose last attempt then runs out', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_q', { job_type: 'q', cron_expression: '* * * * *', overlap_policy: 'buffer_one' })
    // A lease of 150 s: claimed at 15:01, its only attempt runs out at 15:03:30.
    await c.put('rjob_x', { job_type: 'x', cron_expression: '* * * * *', overlap_policy: 'buffer_one', queue: 'x', timeout_seconds: 150, max_attempts: 1 })
    setTime(ctx.clock, '15:01'); await tick(ctx)
    t.equal((await c.claim('w1', 10, ['x'])).length, 1, 'rjob_x 15:01 runs; rjob_q 15:01 stays queued')
    setTime(ctx.clock, '15:03'); await tick(ctx) //                down 15:01–15:03: 15:02 and 15:03 coalesce, each behind its 15:01
    t.strictSame((await c.claim('w1', 10, ['default'])).map((e) => e.scheduled_for), [day('15:01')], 'rjob_q: the queued 15:01 first, 15:02 waits behind it')
    t.strictSame(await c.claim('w2', 10, ['default', 'x']), [], 'both coalesced ones wait')
    t.match(await c.executions('rjob_x'), [
      { scheduled_for: day('15:01'), status: 'running' },
      { scheduled_for: day('15:02'), status: 'queued', coalesced_count: 2, covers_until: day('15:03') }
    ])
    setTime(ctx.clock, '15:03:40'); await tick(ctx) //             rjob_x 15:01's lease ran out at 15:03:30, its last attempt: failed
    t.strictSame((await c.claim('w2', 10, ['default', 'x'])).map((e) => `${e.recurring_id} ${e.scheduled_for}`), [`rjob_x ${day('15:02')}`], 'freed by the expiry')
    setTime(ctx.clock, '15:04'); await tick(ctx) //                rjob_x: 15:04 waits behind 15:02; rjob_q: 15:01 running, 15:02 waiting → skipped
    t.strictSame(brief(await c.executions('rjob_x')), ['15:01 failed timeout', '15:02 running', '15:04 queued'])
    t.strictSame(outcomes(await c.ledger('rjob_x', day('15:00'), day('15:05'))), ['15:01 enqueued', '15:02 enqueued', '15:03 coalesced', '15:04 enqueued'])
    t.strictSame(outcomes(await c.ledger('rjob_q', day('15:00'), day('15:05'))), ['15:01 enqueued', '15:02 enqueued', '15:03 coalesced', '15:04 skipped_overlap'])
  })
})

t.test('replace: a queued one and a retried one are replaced too; the replaced worker gets 409 on its heartbeat', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_rq', { job_type: 'rq', cron_expression: '* * * * *', overlap_policy: 'replace', queue: 'idle' })
    await c.put('rjob_rr', { job_type: 'rr', cron_expression: '* * * * *', overlap_policy: 'replace' })
    await c.put('rjob_rh', { job_type: 'rh', cron_expression: '* * * * *', overlap_policy: 'replace' })
    setTime(ctx.clock, '15:01'); await tick(ctx)
    const claimed = await c.claim('w1', 10)
    t.strictSame(claimed.map((e) => e.recurring_id).sort(), ['rjob_rh', 'rjob_rr'])
    setTime(ctx.clock, '15:01:10')
    await c.fail(claimed.find((e) => e.recurring_id === 'rjob_rr')!.id) //  queued again for attempt 2
    setTime(ctx.clock, '15:02'); await tick(ctx)
    for (const id of ['rjob_rq', 'rjob_rr', 'rjob_rh']) {
      t.strictSame(brief(await c.executions(id)), ['15:01 failed replaced', '15:02 queued'], id)
    }
    const heartbeat = await c.heartbeat(claimed.find((e) => e.recurring_id === 'rjob_rh')!.id)
    t.equal(heartbeat.statusCode, 409)
    t.equal(heartbeat.json().error.code, 'lease_conflict')
    t.strictSame(outcomes(await c.ledger('rjob_rr', day('15:00'), day('15:03'))), ['15:01 enqueued', '15:02 enqueued'], 'a replaced one keeps its occurrence')
    t.match((await c.ledger('rjob_rr', day('15:00'), day('15:02'))).data, [{ execution_status: 'failed' }])
  })
})

t.test('replace after downtime: one coalesced execution replaces the running one; under misfire all only the latest runs', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_rc', { job_type: 'rc', cron_expression: '* * * * *', overlap_policy: 'replace' })
    await c.put('rjob_ra', { job_type: 'ra', cron_expression: '* * * * *', overlap_policy: 'replace', misfire_policy: 'all' })
    setTime(ctx.clock, '15:01'); await tick(ctx)
    t.equal((await c.claim('w1', 10)).length, 2)
    // Down 15:01–15:04:30; threshold 60 s: 15:02 and 15:03 are missed, 15:04 is on time.
    setTime(ctx.clock, '15:04:30'); await tick(ctx)
    t.match(await c.executions('rjob_rc'), [
      { scheduled_for: day('15:01'), status: 'failed', last_error: 'replaced' },
      { scheduled_for: day('15:02'), status: 'queued', coalesced_count: 3, covers_until: day('15:04') }
    ])
    t.strictSame(brief(await c.executions('rjob_ra')), ['15:01 failed replaced', '15:04 queued'])
    t.strictSame(outcomes(await c.ledger('rjob_rc', day('15:00'), day('15:05'))), ['15:01 enqueued', '15:02 enqueued', '15:03 coalesced', '15:04 coalesced'])
    t.strictSame(outcomes(await c.ledger('rjob_ra', day('15:00'), day('15:05'))), ['15:01 enqueued', '15:02 skipped_overlap', '15:03 skipped_overlap', '15:04 enqueued'])
    t.match((await c.get('rjob_ra')).json(), { runs_count: 2, last_run_at: day('15:04'), next_run_at: day('15:05') })
  })
})

t.test('several occurrences due at once (misfire all) meet each overlap policy', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    for (const policy of ['allow', 'skip', 'buffer_one', 'replace']) {
      await c.put(`rjob_${policy}`, { job_type: policy, cron_expression: '* * * * *', overlap_policy: policy, misfire_policy: 'all' })
    }
    // Down 15:00–15:04:30: 15:01, 15:02, 15:03 missed (each its own execution under all), 15:04 on time.
    setTime(ctx.clock, '15:04:30'); await tick(ctx)
    const expected: Record<string, string[]> = {
      allow: ['15:01 enqueued', '15:02 enqueued', '15:03 enqueued', '15:04 enqueued'],
      skip: ['15:01 enqueued', '15:02 skipped_overlap', '15:03 skipped_overlap', '15:04 skipped_overlap'],
      buffer_one: ['15:01 enqueued', '15:02 enqueued', '15:03 skipped_overlap', '15:04 skipped_overlap'],
      replace: ['15:01 skipped_overlap', '15:02 skipped_overlap', '15:03 skipped_overlap', '15:04 enqueued']
    }
    for (const [policy, list] of Object.entries(expected)) {
      t.strictSame(outcomes(await c.ledger(`rjob_${policy}`, day('15:00'), day('15:05'))), list, policy)
      t.match((await c.get(`rjob_${policy}`)).json(), { runs_count: list.filter((o) => o.endsWith('enqueued')).length, next_run_at: day('15:05') })
    }
    const claimable = await c.claim('w1', 100)
    t.strictSame(claimable.filter((e) => e.recurring_id === 'rjob_buffer_one').map((e) => e.scheduled_for), [day('15:01')],
      'the second buffer_one execution waits behind the first, enqueued in the same tick')
    t.equal(claimable.filter((e) => e.recurring_id === 'rjob_allow').length, 4)
  })
})
