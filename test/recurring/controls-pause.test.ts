// Disabling and auto-pause (docs/contract.md §12) with the scheduler driven by tickOnce on an injected clock, on both
// engines: a disabled schedule never fires and never catches up, whatever its policies; the executions it left
// running keep their overlap policy's rules; auto_pause_after_failures counts consecutive failures of the current
// run of the schedule only (since its creation or its last resume), passing over replaced executions.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { api, day, outcomes, setTime, tick, type Api, type Json } from './controls-client.js'

const brief = (rows: Json[]) => rows.map((e) => `${e.scheduled_for.slice(11, 16)} ${e.status}${e.last_error === null ? '' : ` ${e.last_error}`}`)

/** Ticks at hh:mm, claims what is claimable and fails it (max_attempts 1: it ends failed). */
async function failNext (c: Api, ctx: Parameters<typeof tick>[0], hhmm: string): Promise<Json[]> {
  setTime(ctx.clock, hhmm)
  await tick(ctx)
  const claimed = await c.claim()
  for (const e of claimed) await c.fail(e.id)
  return claimed
}

t.test('auto_pause_after_failures counts only the failures since the last resume', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_a', { job_type: 'a', cron_expression: '* * * * *', max_attempts: 1, auto_pause_after_failures: 2 })
    await failNext(c, ctx, '15:01')
    await failNext(c, ctx, '15:02')
    t.match((await c.get('rjob_a')).json(), { enabled: false, state: 'paused', pause_note: 'paused after 2 consecutive failed executions' })

    setTime(ctx.clock, '15:10')
    t.match((await c.patch('rjob_a', { enabled: true })).json(), { enabled: true, state: 'active', pause_note: null, next_run_at: day('15:11') })
    t.equal((await failNext(c, ctx, '15:11')).length, 1)
    t.match((await c.get('rjob_a')).json(), { enabled: true, state: 'active' }, 'one failure after the resume is not two')
    await failNext(c, ctx, '15:12')
    t.match((await c.get('rjob_a')).json(), { enabled: false, state: 'paused', paused_at: day('15:12') }, 'the second one after the resume pauses it')
    t.strictSame(((await c.history('rjob_a')).json().data as Json[]).map((h) => `${h.at.slice(11, 16)} ${h.action}`),
      ['15:12 auto_paused', '15:10 resumed', '15:02 auto_paused', '15:00 created'])
  })
})

t.test('auto_pause_after_failures does not count the failures of a deleted schedule re-created under the same id', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    const body = { job_type: 'a', cron_expression: '* * * * *', max_attempts: 1, auto_pause_after_failures: 2 }
    await c.put('rjob_a', body)
    await failNext(c, ctx, '15:01')
    setTime(ctx.clock, '15:01:30')
    t.equal((await c.del('rjob_a')).statusCode, 200)
    t.equal((await c.put('rjob_a', body)).statusCode, 200)
    await failNext(c, ctx, '15:02')
    t.match((await c.get('rjob_a')).json(), { enabled: true, state: 'active' }, 'the failure before the delete is not this schedule\'s')
    await failNext(c, ctx, '15:03')
    t.match((await c.get('rjob_a')).json(), { enabled: false, state: 'paused' })
  })
})

t.test('auto_pause_after_failures passes over replaced executions; a succeeded one breaks the run', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_r', { job_type: 'r', cron_expression: '* * * * *', overlap_policy: 'replace', max_attempts: 1, auto_pause_after_failures: 2 })
    await c.put('rjob_s', { job_type: 's', cron_expression: '* * * * *', max_attempts: 1, auto_pause_after_failures: 2, queue: 's' })
    const sClaim = async () => (await c.claim('w1', 10, ['s']))[0]!
    await failNext(c, ctx, '15:01') //                     rjob_r 15:01 failed
    await c.fail((await sClaim()).id) //                   rjob_s 15:01 failed
    setTime(ctx.clock, '15:02'); await tick(ctx)
    t.equal((await c.claim()).length, 1) //                rjob_r 15:02 runs …
    await c.complete((await sClaim()).id) //               rjob_s 15:02 succeeded
    await failNext(c, ctx, '15:03') //                     … and is replaced by 15:03, which fails
    await c.fail((await sClaim()).id) //                   rjob_s 15:03 failed: one since the success
    t.strictSame(brief(await c.executions('rjob_r')), ['15:01 failed boom', '15:02 failed replaced', '15:03 failed boom'])
    t.match((await c.get('rjob_r')).json(), { enabled: false, pause_note: 'paused after 2 consecutive failed executions', paused_at: day('15:03') })
    t.match((await c.get('rjob_s')).json(), { enabled: true, state: 'active' })
  })
})

t.test('a last attempt whose lease ran out pauses the schedule before the tick enqueues its next occurrence', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_l', { job_type: 'l', cron_expression: '* * * * *', max_attempts: 1, timeout_seconds: 30, auto_pause_after_failures: 1 })
    setTime(ctx.clock, '15:01'); await tick(ctx)
    t.equal((await c.claim()).length, 1) //                its lease runs out at 15:01:30, unnoticed until the 15:02 tick
    setTime(ctx.clock, '15:02'); await tick(ctx)
    t.strictSame(brief(await c.executions('rjob_l')), ['15:01 failed timeout'])
    t.match((await c.get('rjob_l')).json(), { enabled: false, state: 'paused', next_run_at: null, paused_at: day('15:02') })
    t.strictSame(outcomes(await c.ledger('rjob_l', day('15:00'), day('15:03'))), ['15:01 enqueued', '15:02 skipped_paused'])
  })
})

t.test('disabling stops new occurrences but leaves the executions already enqueued to their overlap policy', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    for (const policy of ['skip', 'buffer_one', 'replace']) {
      await c.put(`rjob_${policy}`, { job_type: policy, cron_expression: '* * * * *', overlap_policy: policy })
    }
    setTime(ctx.clock, '15:01'); await tick(ctx)
    t.equal((await c.claim('w1', 10)).length, 3)
    setTime(ctx.clock, '15:02'); await tick(ctx) //       skip: skipped; buffer_one: 15:02 waits; replace: 15:01 replaced, 15:02 queued
    setTime(ctx.clock, '15:02:30')
    for (const policy of ['skip', 'buffer_one', 'replace']) {
      t.match((await c.patch(`rjob_${policy}`, { enabled: false, pause_note: 'deploy' })).json(), { state: 'paused', paused_at: day('15:02:30'), pause_note: 'deploy' })
    }
    setTime(ctx.clock, '15:03'); await tick(ctx) //       disabled: nothing
    setTime(ctx.clock, '15:03:30')
    const running = (await c.executions('rjob_buffer_one'))[0]!
    await c.complete(running.id)
    t.strictSame((await c.claim('w2', 10)).map((e) => `${e.recurring_id} ${e.scheduled_for.slice(11, 16)}`).sort(),
      ['rjob_buffer_one 15:02', 'rjob_replace 15:02'], 'an execution enqueued before the disable still runs')
    setTime(ctx.clock, '15:04:30')
    for (const policy of ['skip', 'buffer_one', 'replace']) {
      t.match((await c.patch(`rjob_${policy}`, { enabled: true })).json(), { state: 'active', pause_note: null, paused_at: null, next_run_at: day('15:05') })
    }
    setTime(ctx.clock, '15:05'); await tick(ctx) //       skip: 15:01 still runs; buffer_one: 15:05 waits behind 15:02; replace: replaces 15:02
    const expected: Record<string, string[]> = {
      skip: ['15:01 enqueued', '15:02 skipped_overlap', '15:03 skipped_paused', '15:04 skipped_paused', '15:05 skipped_overlap'],
      buffer_one: ['15:01 enqueued', '15:02 enqueued', '15:03 skipped_paused', '15:04 skipped_paused', '15:05 enqueued'],
      replace: ['15:01 enqueued', '15:02 enqueued', '15:03 skipped_paused', '15:04 skipped_paused', '15:05 enqueued']
    }
    for (const [policy, list] of Object.entries(expected)) t.strictSame(outcomes(await c.ledger(`rjob_${policy}`, day('15:00'), day('15:06'))), list, policy)
    t.strictSame(brief(await c.executions('rjob_replace')), ['15:01 failed replaced', '15:02 failed replaced', '15:05 queued'])
    t.strictSame(brief(await c.executions('rjob_buffer_one')), ['15:01 succeeded', '15:02 running', '15:05 queued'])
    t.strictSame(((await c.history('rjob_skip')).json().data as Json[]).map((h) => `${h.at.slice(11, 19)} ${h.action}`),
      ['15:04:30 resumed', '15:02:30 paused', '15:00:00 created'])
  })
})
