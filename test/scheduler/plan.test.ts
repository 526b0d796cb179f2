// The pure planner: what a due schedule becomes at `now` (docs/contract.md §6), without a database.
import t from 'tap'
import { COALESCE_COUNT_CAP, planBatch, planSchedule, type DueSchedule } from '../../src/scheduler/plan.js'

const created = new Date('2026-03-01T00:00:00Z')

function due (overrides: Partial<DueSchedule> & { cronExpression: string, nextRunAt: Date }): DueSchedule {
  return { tenantId: 't', id: 'rjob_x', timezone: 'UTC', lastRunAt: null, evaluationError: null, createdAt: created, updatedAt: null, ...overrides }
}

const d = (s: string) => new Date(s)

t.test('an on-time schedule enqueues one execution and moves to the first occurrence after now', async (t) => {
  const plan = planSchedule(due({ cronExpression: '*/5 * * * *', nextRunAt: d('2026-03-24T15:00:00Z') }), d('2026-03-24T15:00:00Z'))
  t.strictSame(plan, {
    kind: 'fire',
    tenantId: 't',
    id: 'rjob_x',
    executions: [{ scheduledFor: d('2026-03-24T15:00:00Z'), coalescedCount: 1, coversUntil: d('2026-03-24T15:00:00Z'), blockedBy: null }],
    skips: [],
    replace: [],
    lastRunAt: d('2026-03-24T15:00:00Z'),
    nextRunAt: d('2026-03-24T15:05:00Z')
  })
})

t.test('a tick a fraction after the occurrence still counts it once', async (t) => {
  const plan = planSchedule(due({ cronExpression: '* * * * * *', nextRunAt: d('2026-03-24T15:00:00Z') }), d('2026-03-24T15:00:00.600Z'))
  t.match(plan, { kind: 'fire', executions: [{ coalescedCount: 1 }], nextRunAt: d('2026-03-24T15:00:01Z') })
})

t.test('occurrences missed while down coalesce into one execution that counts them', async (t) => {
  // Hourly at :00, stored next 10:00, now 13:30 → 10:00, 11:00, 12:00, 13:00 = 4 occurrences; next 14:00.
  const plan = planSchedule(due({ cronExpression: '0 * * * *', nextRunAt: d('2026-03-24T10:00:00Z') }), d('2026-03-24T13:30:00Z'))
  t.match(plan, { kind: 'fire', executions: [{ scheduledFor: d('2026-03-24T10:00:00Z'), coalescedCount: 4 }], lastRunAt: d('2026-03-24T10:00:00Z'), nextRunAt: d('2026-03-24T14:00:00Z') })
  // now exactly on an occurrence: it is due too, and next is strictly after.
  const onTheDot = planSchedule(due({ cronExpression: '0 * * * *', nextRunAt: d('2026-03-24T10:00:00Z') }), d('2026-03-24T13:00:00Z'))
  t.match(onTheDot, { executions: [{ coalescedCount: 4 }], nextRunAt: d('2026-03-24T14:00:00Z') })
})

t.test('the coalesced count is capped; next_run_at still comes from now', async (t) => {
  const plan = planSchedule(due({ cronExpression: '* * * * * *', nextRunAt: d('2026-03-24T00:00:00Z') }), d('2026-03-24T01:00:00Z'), { coalesceCap: 100 })
  t.match(plan, { kind: 'fire', executions: [{ coalescedCount: 100 }], nextRunAt: d('2026-03-24T01:00:01Z') })
  t.equal(COALESCE_COUNT_CAP, 100_000)
  // The real cap: two days of an every-second schedule.
  const big = planSchedule(due({ cronExpression: '* * * * * *', nextRunAt: d('2026-03-22T00:00:00Z') }), d('2026-03-24T00:00:00Z'))
  t.match(big, { executions: [{ coalescedCount: 100_000 }], nextRunAt: d('2026-03-24T00:00:01Z') })
})

t.test('a schedule that never fires again gets next_run_at null', async (t) => {
  // 30 February never comes: a row whose stored next_run_at is due fires once, then has no next occurrence.
  const plan = planSchedule(due({ cronExpression: '0 0 30 2 *', nextRunAt: d('2026-03-24T00:00:00Z') }), d('2026-03-24T00:00:00Z'))
  t.match(plan, { kind: 'fire', executions: [{ coalescedCount: 1 }], nextRunAt: null })
})

t.test('a schedule that cannot be evaluated fails alone and is retried in 60 s', async (t) => {
  const now = d('2026-03-24T15:00:00Z')
  const plans = planBatch([
    due({ id: 'a', cronExpression: '* * * * *', nextRunAt: now }),
    due({ id: 'broken_zone', cronExpression: '* * * * *', timezone: 'Mars/Olympus_Mons', nextRunAt: now }),
    due({ id: 'broken_cron', cronExpression: '61 * * * *', nextRunAt: now }),
    due({ id: 'b', cronExpression: '* * * * *', nextRunAt: now })
  ], now)
  t.strictSame(plans.map((p) => p.kind), ['fire', 'failed', 'failed', 'fire'])
  const failed = plans[1]!
  t.equal(failed.kind, 'failed')
  if (failed.kind === 'failed') {
    t.equal(failed.retryAt.toISOString(), '2026-03-24T15:01:00.000Z')
    t.match(failed.error, /Mars\/Olympus_Mons/)
  }
  t.match(plans[2], { kind: 'failed', error: /minute|61/i })
})

t.test('a recovering schedule catches up from its last known good point, never from the retry time', async (t) => {
  // Fired 10:00; evaluation failed at 11:00 (next_run_at became the retry time 11:01); works again at 13:30:
  // 11:00, 12:00 and 13:00 were missed → one execution for 11:00 counting 3.
  const recovering = due({
    cronExpression: '0 * * * *', nextRunAt: d('2026-03-24T11:01:00Z'), lastRunAt: d('2026-03-24T10:00:00Z'), evaluationError: 'RangeError: zone'
  })
  t.match(planSchedule(recovering, d('2026-03-24T13:30:00Z')), {
    kind: 'fire', executions: [{ scheduledFor: d('2026-03-24T11:00:00Z'), coalescedCount: 3 }], nextRunAt: d('2026-03-24T14:00:00Z')
  })
  // Never fired: the base is when it was saved.
  const neverFired = due({ cronExpression: '0 * * * *', nextRunAt: d('2026-03-01T00:01:00Z'), evaluationError: 'x', createdAt: d('2026-03-01T00:00:30Z') })
  t.match(planSchedule(neverFired, d('2026-03-01T02:10:00Z')), { kind: 'fire', executions: [{ scheduledFor: d('2026-03-01T01:00:00Z'), coalescedCount: 2 }] })
  // Nothing missed: it only moves on.
  const nothingMissed = due({ cronExpression: '0 0 * * *', nextRunAt: d('2026-03-24T10:01:00Z'), lastRunAt: d('2026-03-24T00:00:00Z'), evaluationError: 'x' })
  t.strictSame(planSchedule(nothingMissed, d('2026-03-24T10:01:00Z')), { kind: 'advance', tenantId: 't', id: 'rjob_x', nextRunAt: d('2026-03-25T00:00:00Z') })
})

t.test('H is seeded by the schedule id', async (t) => {
  const now = d('2026-03-24T00:00:00Z')
  const a = planSchedule(due({ id: 'rjob_a', cronExpression: 'H * * * *', nextRunAt: now }), now)
  const a2 = planSchedule(due({ id: 'rjob_a', cronExpression: 'H * * * *', nextRunAt: now }), now)
  t.strictSame(a, a2)
  t.equal(a.kind, 'fire')
  if (a.kind === 'fire') t.equal(a.nextRunAt!.getUTCSeconds(), 0)
})

t.test('misfire skip: the skipped range stops at ends_at, never covering an occurrence after it', async (t) => {
  // */10, threshold 300 s, ends_at 15:25, now 15:42: 15:10 and 15:20 are missed; 15:30 and 15:40 come after the end.
  const plan = planSchedule(due({
    cronExpression: '*/10 * * * *', nextRunAt: d('2026-03-24T15:10:00Z'), misfirePolicy: 'skip', misfireThresholdSeconds: 300, endsAt: d('2026-03-24T15:25:00Z')
  }), d('2026-03-24T15:42:00Z'))
  t.strictSame(plan, {
    kind: 'fire',
    tenantId: 't',
    id: 'rjob_x',
    executions: [],
    skips: [{ fromAt: d('2026-03-24T15:10:00Z'), untilAt: d('2026-03-24T15:25:00.001Z'), outcome: 'skipped_misfire' }],
    replace: [],
    lastRunAt: null,
    nextRunAt: null
  })
  // misfire all past its cap: the same bound.
  const all = planSchedule(due({
    cronExpression: '* * * * * *', nextRunAt: d('2026-03-24T15:00:01Z'), misfirePolicy: 'all', misfireThresholdSeconds: 60, endsAt: d('2026-03-24T15:17:00Z')
  }), d('2026-03-24T15:20:00Z'))
  t.equal(all.kind, 'fire')
  if (all.kind !== 'fire') return
  t.strictSame(all.skips.map((k) => [k.fromAt.toISOString(), k.untilAt.toISOString()]), [['2026-03-24T15:16:41.000Z', '2026-03-24T15:17:00.001Z']])
  t.equal(all.executions.length, 1000)
  t.equal(all.nextRunAt, null)
})
