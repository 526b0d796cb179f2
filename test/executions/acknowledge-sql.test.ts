// The acknowledgement statements of store.ts apply lifecycle.ts's transitions to a set in SQL; this keeps the two
// equal: each statement leaves the row exactly as the lifecycle patch says, and touches no row whose lease the
// worker does not hold.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows, type Executor } from '../../src/db/connect.js'
import { at } from '../../src/db/instants.js'
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

t.test('unfinishedExecutions looks up many schedules at once, whatever characters their ids hold', async (t) => {
  await eachDatabase(t, async (t, { database }) => {
    const { db } = database
    const [acme, globex] = await db.insert(tenants).values([{ name: 'Acme' }, { name: 'Globex' }]).returning()
    // Quotes, backslashes, commas and braces: the ids travel inside array literals.
    const ids = ['rjob_a', 'rjob_"quoted"', 'rjob_back\\slash', 'rjob_{a,b}', 'rjob_ü NULL']
    const job = { recurringId: '', jobType: 'a', queue: 'default', payload: {}, maxAttempts: 1, timeoutSeconds: 30 }
    const rows = await db.insert(executions).values(ids.flatMap((id, i) => [acme!, globex!].map((tenant) =>
      lifecycle.enqueue({ ...job, tenantId: tenant.id, recurringId: id }, { trigger: 'manual', scheduledFor: new Date(now.getTime() - 1000 * i), coalescedCount: 1 }, now)))).returning()
    const asked = [...ids.map((id) => ({ tenantId: acme!.id, recurringId: id })), { tenantId: globex!.id, recurringId: 'rjob_{a,b}' }, { tenantId: acme!.id, recurringId: 'rjob_none' }]
    const found = await store.unfinishedExecutions(db, asked, now)
    const expected = new Map([...ids.map((id) => [`${acme!.id} ${id}`, rows.filter((r) => r.tenantId === acme!.id && r.recurringId === id).map((r) => r.id)] as const),
      [`${globex!.id} rjob_{a,b}`, rows.filter((r) => r.tenantId === globex!.id && r.recurringId === 'rjob_{a,b}').map((r) => r.id)]])
    t.strictSame(new Map([...found].sort()), new Map([...expected].sort()))
    t.equal(found.size, 6, 'one entry per schedule with unfinished executions; none for rjob_none')
  })
})

// The planner must not trade the primary key for an index on the other conditions: with statistics that lag a backlog
// (a bulk enqueue; a table of mostly finished rows), it took executions_active_idx for `tenant_id = …` and read the
// tenant's backlog for every acknowledgement (4,474 rows read for one complete behind 20,000 queued executions).
t.test('acknowledgements find their rows by primary key, whatever the backlog and the statistics', async (t) => {
  await eachDatabase(t, async (t, { database }) => {
    const { db } = database
    const [tenant] = await db.insert(tenants).values({ name: 'Acme' }).returning()
    const tenantId = tenant!.id
    await insertSchedule(db, tenantId, { id: 'rjob_a', cron: '0 * * * *', maxAttempts: 3, timeoutSeconds: 300 }, now)
    // A backlog inserted at once, never analyzed.
    await db.execute(sql`
      insert into executions (tenant_id, recurring_id, job_type, queue, payload, status, trigger, attempt, max_attempts,
                              timeout_seconds, scheduled_for, coalesced_count, enqueued_at, available_at)
      select ${tenantId}::uuid, 'rjob_a', 'crm.sync', 'default', '{}'::jsonb, 'queued', 'manual', 0, 3, 300,
             ${at(now)}, 1, ${at(now)}, ${at(now)} - make_interval(secs => 20000 - g)
      from generate_series(1, 20000) g`)
    const claimed = await store.claimExecutions(db, { tenantId, workerId: 'w1', queues: ['default'], limit: 50, now })
    const target = { tenantId, workerId: 'w1', now: later }
    const readByPrimaryKey = (what: string, plan: string) => {
      t.match(plan, /executions_pkey/, `${what}: read by primary key`, { plan })
      t.notMatch(plan, /executions_(active|claim|lease|tenant_seq|occurrence)/, `${what}: through no other index`, { plan })
    }
    // The claim is a prepared statement too: behind the 20,000-row backlog it reads its rows from the claim index, in
    // claim order, whichever plan the connection uses (before, it read and sorted all 20,000 for each claim).
    for (const mode of PLAN_MODES) {
      const plan = await preparedPlan(db, mode, '(uuid, text, text[], timestamptz, integer)', store.CLAIM_STATEMENT,
        store.claimParameters({ tenantId, workerId: 'w2', queues: ['default'], limit: 100, now: later }))
      t.match(plan, /Index Scan using executions_claim_idx on executions e/, `claim, ${mode}: queued rows read through the claim index`, { plan })
      t.notMatch(plan, /Sort Key: e\.available_at/, `claim, ${mode}: in its order, not sorted (a sort would read the whole backlog)`, { plan })
      t.notMatch(plan, /executions_(active|tenant_seq|lease)_idx|Seq Scan on executions e/, `claim, ${mode}: through no other index`, { plan })
    }
    for (const ids of [[claimed[0]!.id], claimed.map((e) => e.id)]) {
      const read = db.select().from(executions).where(store.tenantRows(tenantId, ids)).toSQL()
      readByPrimaryKey(`read of a missed acknowledgement, ${ids.length} id(s)`,
        (await queryRows<{ 'QUERY PLAN': string }>(db, sql.raw(`explain ${inline(read.sql, read.params)}`))).map((r) => r['QUERY PLAN']).join('\n'))
      // The acknowledgements are prepared statements: the plan planned with the values, and the generic plan a
      // connection settles on after five runs, are both by primary key.
      for (const kind of ['heartbeat', 'complete', 'fail', 'release'] as const) {
        for (const mode of PLAN_MODES) {
          const plan = await preparedPlan(db, mode, '(jsonb, uuid[], timestamptz)', store.acknowledgementStatement(kind), store.acknowledgementParameters(target, ids))
          readByPrimaryKey(`${kind}, ${ids.length} id(s), ${mode}`, plan)
        }
      }
    }
  })
})

/** The statement with its parameters written in (EXPLAIN takes no parameters on PGlite's simple protocol). */
function inline (text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => literalOf(params[Number(n) - 1]))
}

const literalOf = (value: unknown): string => value === null || value === undefined ? 'null' : `'${String(value).replaceAll("'", "''")}'`

const PLAN_MODES = ['force_custom_plan', 'force_generic_plan'] as const

/** The plan a prepared statement would run with these parameters under plan_cache_mode `mode` (the custom plan, or the generic one a connection settles on after five runs). */
async function preparedPlan (db: Executor, mode: typeof PLAN_MODES[number], types: string, statement: string, params: readonly unknown[]): Promise<string> {
  return await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local plan_cache_mode = ${mode}`))
    await tx.execute(sql.raw(`prepare plan_under_test ${types} as ${statement}`))
    const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql.raw(`explain execute plan_under_test (${params.map(literalOf).join(', ')})`))
    await tx.execute(sql.raw('deallocate plan_under_test'))
    return rows.map((r) => r['QUERY PLAN']).join('\n')
  })
}
