// CONTRACT §10: every enumerated column carries a CHECK constraint, so no writer (a bug, a hand-written SQL fix, a
// second service) can store a value outside its set; and the due index covers exactly the rows the tick reads.
import { sql, type SQL } from 'drizzle-orm'
import t from 'tap'
import { queryRows, type Executor } from '../../src/db/connect.js'
import { eachDatabase } from '../helpers/db.js'

const TENANT = '00000000-0000-4000-8000-000000000001'
const MEMBER = '00000000-0000-4000-8000-000000000002'
const SERIES = '00000000-0000-4000-8000-000000000003'

/** The SQLSTATE a statement fails with, or null when it succeeds (run in a savepoint so the test goes on). */
async function sqlState (db: Executor, statement: SQL): Promise<string | null> {
  try {
    await db.transaction(async (tx) => { await tx.execute(statement) })
    return null
  } catch (error) {
    for (let e: any = error; e != null; e = e.cause) if (typeof e.code === 'string' && /^\d{5}$|^[0-9A-Z]{5}$/.test(e.code)) return e.code
    throw error
  }
}

function execution (column: 'status' | 'trigger', value: string): SQL {
  const status = column === 'status' ? value : 'queued'
  const trigger = column === 'trigger' ? value : 'manual'
  return sql`insert into executions (tenant_id, recurring_id, job_type, queue, payload, status, trigger, max_attempts,
    timeout_seconds, scheduled_for, enqueued_at, available_at)
    values (${TENANT}, 'rjob_x', 'X', 'default', '{}'::jsonb, ${status}, ${trigger}, 3, 60, now(), now(), now())`
}

function job (column: 'status' | 'cancel_reason', value: string): SQL {
  const status = column === 'status' ? value : 'cancelled'
  const reason = column === 'cancel_reason' ? value : null
  return sql`insert into jobs (tenant_id, title, status, cancel_reason, scheduled_start, total)
    values (${TENANT}, 'Visit', ${status}, ${reason}, now(), 0)`
}

// Without a user: api_keys_kind_user only lets a 'user' key carry one, so the bad kind meets no other check.
function apiKey (kind: string): SQL {
  return sql`insert into api_keys (tenant_id, kind, user_id, scopes, token_hash)
    values (${TENANT}, ${kind}, null, array['read:recurring'], ${`hash-${kind}-${Math.random()}`})`
}

t.test('a raw insert of a value outside an enumerated set is refused by the database', async (t) => {
  await eachDatabase(t, async (t, { database }) => {
    const db = database.db
    await db.execute(sql`insert into tenants (id, name) values (${TENANT}, 'Acme')`)
    await db.execute(sql`insert into team_members (id, tenant_id, name) values (${MEMBER}, ${TENANT}, 'Dana')`)
    await db.execute(sql`insert into job_series (id, tenant_id, title, rrule, timezone, dtstart)
      values (${SERIES}, ${TENANT}, 'Weekly', 'FREQ=WEEKLY', 'UTC', '2026-03-24')`)

    const cases: Array<[string, SQL, SQL]> = [
      ['executions.status', execution('status', 'queued'), execution('status', 'paused')],
      ['executions.status (letter case)', execution('status', 'running'), execution('status', 'Running')],
      ['executions.trigger', execution('trigger', 'schedule'), execution('trigger', 'cron')],
      ['jobs.status', job('status', 'done'), job('status', 'archived')],
      ['jobs.cancel_reason', job('cancel_reason', 'series_ended'), job('cancel_reason', 'admin')],
      ['api_keys.kind', apiKey('tenant'), apiKey('robot')]
    ]
    for (const [name, good, bad] of cases) {
      t.equal(await sqlState(db, good), null, `${name}: a value of the set is stored`)
      t.equal(await sqlState(db, bad), '23514', `${name}: a value outside the set fails with check_violation`)
    }
    t.equal(await sqlState(db, sql`update executions set status = 'lost'`), '23514', 'an UPDATE is checked too')
  })
})

t.test('the due index covers only enabled schedules with a next run', async (t) => {
  await eachDatabase(t, async (t, { database }) => {
    const [row] = await queryRows<{ def: string }>(database.db,
      sql`select pg_get_indexdef('recurring_jobs_due_idx'::regclass) as def`)
    t.match(row?.def, /WHERE \(enabled AND \(next_run_at IS NOT NULL\)\)/)
  })
})
