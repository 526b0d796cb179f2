// misfire_policy and misfire_threshold_seconds (docs/contract.md §12) at exact instants, with the scheduler driven by
// tickOnce on an injected clock, on both engines: the threshold to the second, the cap of `all`, starts_at, ends_at
// and max_runs inside a downtime, a disabled period, and an expired lease; the ledger (§13) names each outcome.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { MISFIRE_ALL_CAP } from '../../src/scheduler/plan.js'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { api, day, outcomes, setTime, tick } from './controls-client.js'

const POLICIES = ['coalesce', 'all', 'skip'] as const
const window = [day('15:00'), day('16:00')] as const

t.test('the threshold: an occurrence exactly misfire_threshold_seconds late is on time, one second more is missed', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    for (const policy of POLICIES) {
      await c.put(`rjob_${policy}`, { job_type: policy, cron_expression: '*/10 * * * *', misfire_policy: policy, misfire_threshold_seconds: 300 })
    }
    setTime(ctx.clock, '15:15:00'); await tick(ctx) //   15:10 is 300 s late: on time for every policy
    setTime(ctx.clock, '15:25:01'); await tick(ctx) //   15:20 is 301 s late: missed
    t.match(await c.executions('rjob_coalesce'), [
      { scheduled_for: day('15:10'), coalesced_count: 1, enqueued_at: day('15:15') },
      { scheduled_for: day('15:20'), coalesced_count: 1, covers_until: day('15:20'), enqueued_at: day('15:25:01') }
    ], 'coalesce: a single missed occurrence is an execution counting 1')
    t.strictSame(outcomes(await c.ledger('rjob_all', ...window)), ['15:10 enqueued', '15:20 enqueued', '15:30 upcoming', '15:40 upcoming', '15:50 upcoming'])
    t.strictSame(outcomes(await c.ledger('rjob_skip', ...window)), ['15:10 enqueued', '15:20 skipped_misfire', '15:30 upcoming', '15:40 upcoming', '15:50 upcoming'])
    for (const policy of POLICIES) t.match((await c.get(`rjob_${policy}`)).json(), { next_run_at: day('15:30'), runs_count: policy === 'skip' ? 1 : 2 })
  })
})

t.test(`all: at most ${MISFIRE_ALL_CAP} executions for missed occurrences, the rest skipped_misfire, the on-time ones each run`, async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_sec', { job_type: 'sec', cron_expression: '* * * * * *', misfire_policy: 'all', misfire_threshold_seconds: 60 })
    // Saved 15:00:00, down until 15:20:00: 1200 occurrences (15:00:01 … 15:20:00). On time: 15:19:00 … 15:20:00 (61).
    // Missed: 1139, of which the first 1000 run (15:00:01 … 15:16:40) and 139 are skipped (15:16:41 … 15:18:59).
    setTime(ctx.clock, '15:20:00'); await tick(ctx)
    const [counts] = await queryRows<{ n: number, first: string, last: string }>(ctx.db.database.db, sql`
      select count(*)::int as n, to_char(min(scheduled_for) at time zone 'UTC', 'HH24:MI:SS') as first,
             to_char(max(scheduled_for) at time zone 'UTC', 'HH24:MI:SS') as last from executions where recurring_id = 'rjob_sec'`)
    t.strictSame({ ...counts }, { n: 1061, first: '15:00:01', last: '15:20:00' })
    t.strictSame(outcomes(await c.ledger('rjob_sec', day('15:16:38'), day('15:16:43')), true),
      ['15:16:38 enqueued', '15:16:39 enqueued', '15:16:40 enqueued', '15:16:41 skipped_misfire', '15:16:42 skipped_misfire'])
    t.strictSame(outcomes(await c.ledger('rjob_sec', day('15:18:58'), day('15:19:02')), true),
      ['15:18:58 skipped_misfire', '15:18:59 skipped_misfire', '15:19:00 enqueued', '15:19:01 enqueued'])
    t.strictSame(outcomes(await c.ledger('rjob_sec', day('15:19:59'), day('15:20:03')), true),
      ['15:19:59 enqueued', '15:20:00 enqueued', '15:20:01 upcoming', '15:20:02 upcoming'])
    t.match((await c.get('rjob_sec')).json(), { runs_count: 1061, last_run_at: day('15:20:00'), next_run_at: day('15:20:01') })
  })
})

t.test('ends_at inside a downtime: nothing after it is run or skipped, it is after_end, and the schedule ends', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    for (const policy of POLICIES) {
      await c.put(`rjob_${policy}`, { job_type: policy, cron_expression: '*/10 * * * *', misfire_policy: policy, misfire_threshold_seconds: 300, ends_at: day('15:25') })
    }
    // Down until 15:42: 15:10 and 15:20 are missed; 15:30 and 15:40 would be, but come after ends_at.
    setTime(ctx.clock, '15:42'); await tick(ctx)
    const expected = {
      coalesce: ['15:10 enqueued', '15:20 coalesced', '15:30 after_end', '15:40 after_end', '15:50 after_end'],
      all: ['15:10 enqueued', '15:20 enqueued', '15:30 after_end', '15:40 after_end', '15:50 after_end'],
      skip: ['15:10 skipped_misfire', '15:20 skipped_misfire', '15:30 after_end', '15:40 after_end', '15:50 after_end']
    }
    for (const policy of POLICIES) {
      t.strictSame(outcomes(await c.ledger(`rjob_${policy}`, ...window)), expected[policy], policy)
      t.match((await c.get(`rjob_${policy}`)).json(), { state: 'ended', next_run_at: null }, policy)
    }
    const skips = await queryRows<{ until_at: string }>(ctx.db.database.db, sql`
      select to_char(until_at at time zone 'UTC', 'HH24:MI:SS.MS') as until_at from occurrence_skips where recurring_id = 'rjob_skip'`)
    t.strictSame(skips.map((s) => s.until_at), ['15:25:00.001'], 'the skipped range stops at ends_at')
  })
})

t.test('starts_at inside a downtime: earlier occurrences are before_start, later ones follow the policy', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    for (const policy of POLICIES) {
      await c.put(`rjob_${policy}`, { job_type: policy, cron_expression: '*/10 * * * *', misfire_policy: policy, misfire_threshold_seconds: 300, starts_at: day('15:25') })
    }
    setTime(ctx.clock, '15:42'); await tick(ctx) //      15:30 missed, 15:40 on time
    const expected = {
      coalesce: ['15:10 before_start', '15:20 before_start', '15:30 enqueued', '15:40 coalesced', '15:50 upcoming'],
      all: ['15:10 before_start', '15:20 before_start', '15:30 enqueued', '15:40 enqueued', '15:50 upcoming'],
      skip: ['15:10 before_start', '15:20 before_start', '15:30 skipped_misfire', '15:40 enqueued', '15:50 upcoming']
    }
    for (const policy of POLICIES) t.strictSame(outcomes(await c.ledger(`rjob_${policy}`, ...window)), expected[policy], policy)
  })
})

t.test('max_runs inside a downtime: the executions stop at max_runs, the rest are after_end', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    for (const policy of POLICIES) {
      await c.put(`rjob_${policy}`, { job_type: policy, cron_expression: '*/10 * * * *', misfire_policy: policy, misfire_threshold_seconds: 300, max_runs: 2 })
    }
    setTime(ctx.clock, '15:22'); await tick(ctx) //      15:10 missed, 15:20 on time
    setTime(ctx.clock, '15:52'); await tick(ctx) //      15:30, 15:40 missed, 15:50 on time
    const expected = {
      coalesce: ['15:10 enqueued', '15:20 coalesced', '15:30 enqueued', '15:40 coalesced', '15:50 coalesced'],
      all: ['15:10 enqueued', '15:20 enqueued', '15:30 after_end', '15:40 after_end', '15:50 after_end'],
      skip: ['15:10 skipped_misfire', '15:20 enqueued', '15:30 skipped_misfire', '15:40 skipped_misfire', '15:50 enqueued']
    }
    for (const policy of POLICIES) {
      t.strictSame(outcomes(await c.ledger(`rjob_${policy}`, ...window)), expected[policy], policy)
      t.match((await c.get(`rjob_${policy}`)).json(), { runs_count: 2, state: 'ended', next_run_at: null }, policy)
    }
  })
})

t.test('a disabled period is never caught up, whatever the policy; a downtime after the resume is', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    for (const policy of POLICIES) {
      await c.put(`rjob_${policy}`, { job_type: policy, cron_expression: '*/10 * * * *', misfire_policy: policy, misfire_threshold_seconds: 300 })
    }
    setTime(ctx.clock, '15:05')
    for (const policy of POLICIES) await c.patch(`rjob_${policy}`, { enabled: false, pause_note: 'maintenance' })
    setTime(ctx.clock, '15:25')
    for (const policy of POLICIES) t.match((await c.patch(`rjob_${policy}`, { enabled: true })).json(), { next_run_at: day('15:30'), pause_note: null })
    setTime(ctx.clock, '15:52'); await tick(ctx) //      down 15:25–15:52: 15:30 and 15:40 missed, 15:50 on time
    const expected = {
      coalesce: ['15:10 skipped_paused', '15:20 skipped_paused', '15:30 enqueued', '15:40 coalesced', '15:50 coalesced'],
      all: ['15:10 skipped_paused', '15:20 skipped_paused', '15:30 enqueued', '15:40 enqueued', '15:50 enqueued'],
      skip: ['15:10 skipped_paused', '15:20 skipped_paused', '15:30 skipped_misfire', '15:40 skipped_misfire', '15:50 enqueued']
    }
    for (const policy of POLICIES) t.strictSame(outcomes(await c.ledger(`rjob_${policy}`, ...window)), expected[policy], policy)
  })
})

t.test('misfire is judged when an occurrence is enqueued, never again: a late claim and an expired lease keep it', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const c = api(ctx.app, await createTenant(ctx.app))
    await c.put('rjob_late', { job_type: 'late', cron_expression: '*/10 * * * *', misfire_policy: 'skip', misfire_threshold_seconds: 60, timeout_seconds: 60 })
    setTime(ctx.clock, '15:10'); await tick(ctx)
    setTime(ctx.clock, '15:18') //                       claimed 8 minutes late; the lease runs out at 15:19
    t.equal((await c.claim()).length, 1)
    setTime(ctx.clock, '15:19:30'); await tick(ctx) //   expired: queued again (attempt 1 of 3), still the 15:10 execution
    setTime(ctx.clock, '15:20'); await tick(ctx) //      on time
    t.match(await c.executions('rjob_late'), [
      { scheduled_for: day('15:10'), status: 'queued', attempt: 1, last_error: 'timeout' },
      { scheduled_for: day('15:20'), status: 'queued', attempt: 0 }
    ])
    t.strictSame(outcomes(await c.ledger('rjob_late', day('15:00'), day('15:30'))), ['15:10 enqueued', '15:20 enqueued'])
  })
})
