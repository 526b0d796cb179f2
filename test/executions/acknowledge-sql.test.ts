// The acknowledgement statements of store.ts apply lifecycle.ts's transitions to a set in SQL; this keeps the two
// equal: each statement leaves the row exactly as the lifecycle patch says, and touches no row whose lease the
// worker does not hold.
import t from 'tap'
import * as lifecycle from '../../src/executions/lifecycle.js'
import * as store from '../../src/executions/store.js'
import type { Execution } from '../../src/executions/store.js'
import { executions, tenants } from '../../src/db/tables.js'
import { eachDatabase } from '../helpers/db.js'
import { insertSchedule } from '../helpers/schedules.js'

const now = new Date('2026-03-24T15:00:00.250Z')
const later = new Date('2026-03-24T15:00:10.500Z')

function applied (row: Execution, patch: lifecycle.ExecutionPatch): Execution {
  return { ...row, ...patch } as Execution
}

t.test('heartbeat, complete, fail and release statements equal the lifecycle transitions', async (t) => {
  await eachDatabase(t, async (t, { database }) => {
    const { db } = database
    const [tenant] = await db.insert(tenants).values({ name: 'Acme' }).returning()
    const tenantId = tenant!.id
    await insertSchedule(db, tenantId, { id: 'rjob_a', cron: '0 * * * *', maxAttempts: 2, timeoutSeconds: 30 }, now)
    const claimOne = async (): Promise<Execution> => {
      const inserted = await db.transaction((tx) => store.insertManualExecution(tx, tenantId, 'rjob_a', now))
      const [row] = await store.claimExecutions(db, { tenantId, workerId: 'w1', queues: ['default'], limit: 1, now })
      t.equal(row?.id, inserted?.id)
      return row!
    }
    const target = { tenantId, workerId: 'w1', now: later }

    const a = await claimOne()
    t.strictSame(await store.extendLeases(db, target, [a.id]), [applied(a, lifecycle.heartbeat(a, later))], 'heartbeat')
    const [done] = await store.completeLeased(db, target, new Map([[a.id, { rows: 3 }]]))
    t.strictSame(done, applied(a, { ...lifecycle.heartbeat(a, later), ...lifecycle.complete(later, { rows: 3 }) }), 'complete')

    const b = await claimOne()
    const [retried] = await store.failLeased(db, target, new Map([[b.id, { error: 'boom', random: 0.25 }]]))
    t.strictSame(retried, applied(b, lifecycle.fail(b, 'boom', later, 0.25)), 'fail with attempts left')

    const c = await claimOne()
    const [released] = await store.releaseLeased(db, target, [c.id])
    t.strictSame(released, applied(c, lifecycle.release(c, later)), 'release')

    await insertSchedule(db, tenantId, { id: 'rjob_once', cron: '0 * * * *', queue: 'once', maxAttempts: 1, timeoutSeconds: 30 }, now)
    await db.transaction((tx) => store.insertManualExecution(tx, tenantId, 'rjob_once', now))
    const [d] = await store.claimExecutions(db, { tenantId, workerId: 'w1', queues: ['once'], limit: 1, now })
    const [final] = await store.failLeased(db, target, new Map([[d!.id, { error: 'again', random: 0.9 }]]))
    t.strictSame(final, applied(d!, lifecycle.fail(d!, 'again', later, 0.9)), 'fail on the last attempt')

    const e = await claimOne()
    t.strictSame(await store.completeLeased(db, { ...target, workerId: 'w2' }, new Map([[e.id, null]])), [], 'another worker changes nothing')
    t.strictSame(await store.extendLeases(db, { ...target, now: new Date('2026-03-24T16:00:00Z') }, [e.id]), [], 'an expired lease changes nothing')
    t.strictSame(await store.releaseLeased(db, target, [c.id]), [], 'a queued execution has no lease to release')
  })
})

t.test('unfinishedExecutions selects exactly lifecycle.isUnfinishedAt', async (t) => {
  await eachDatabase(t, async (t, { database }) => {
    const { db } = database
    const [tenant] = await db.insert(tenants).values({ name: 'Acme' }).returning()
    const tenantId = tenant!.id
    await insertSchedule(db, tenantId, { id: 'rjob_a', cron: '0 * * * *' }, now)
    const at = (s: number) => new Date(now.getTime() + s * 1000)
    // Every status, and running ones with the lease live, ending now, or run out, with and without attempts left.
    const states: Array<Partial<lifecycle.ExecutionPatch> & { status: lifecycle.ExecutionStatus, maxAttempts: number }> = [
      { status: 'queued', attempt: 1, maxAttempts: 1 },
      { status: 'succeeded', attempt: 1, maxAttempts: 1 },
      { status: 'failed', attempt: 1, maxAttempts: 1 },
      { status: 'running', attempt: 1, maxAttempts: 1, leaseExpiresAt: at(5) },
      { status: 'running', attempt: 1, maxAttempts: 1, leaseExpiresAt: at(0) },
      { status: 'running', attempt: 1, maxAttempts: 1, leaseExpiresAt: at(-5) },
      { status: 'running', attempt: 1, maxAttempts: 2, leaseExpiresAt: at(-5) },
      { status: 'running', attempt: 2, maxAttempts: 2, leaseExpiresAt: at(-5) }
    ]
    const job = { tenantId, recurringId: 'rjob_a', jobType: 'a', queue: 'default', payload: {}, maxAttempts: 1, timeoutSeconds: 30 }
    const rows = await db.insert(executions).values(states.map((s, i) => ({
      ...lifecycle.enqueue({ ...job, maxAttempts: s.maxAttempts }, { trigger: 'manual', scheduledFor: at(-60 + i), coalescedCount: 1 }, at(-60)), ...s
    }))).returning()
    const selected = (await store.unfinishedExecutions(db, [{ tenantId, recurringId: 'rjob_a' }], now)).get(`${tenantId} rjob_a`) ?? []
    t.strictSame(selected, rows.filter((r) => lifecycle.isUnfinishedAt(r, now)).map((r) => r.id))
    t.strictSame(rows.map((r) => lifecycle.isUnfinishedAt(r, now)), [true, false, false, true, true, false, true, false])
  })
})
