// docs/contract.md §10: an instance that freezes (SIGSTOP) while holding due schedules in its open tick transaction delays
// their occurrences by at most 10 s on the other instances, and nothing is enqueued twice when it wakes up.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { tickOnce } from '../../src/scheduler/index.js'
import { ManualClock } from '../../src/time/clock.js'
import { openTestDb, postgresUrl } from '../helpers/db.js'
import { insertSchedule, insertTenant, readExecutions } from '../helpers/schedules.js'
import { childEnv } from '../helpers/child-env.js'

const holder = fileURLToPath(new URL('./fixtures/hold-tick.ts', import.meta.url))
const needsPostgres = { skip: postgresUrl === undefined && 'needs two processes on one database: a PostgreSQL server (TEST_DATABASE_URL)' }

t.test('a frozen instance holding due schedules delays them by at most 10 s on another instance', needsPostgres, async (t) => {
  const db = await openTestDb(t, 'postgres')
  const clock = new ManualClock('2026-03-24T15:00:00Z')
  const tenantId = await insertTenant(db.database.db)
  await insertSchedule(db.database.db, tenantId, { id: 'rjob_held', cron: '* * * * *', nextRunAt: '2026-03-24T14:59:00Z' }, clock.now())

  const child = spawn(process.execPath, ['--import', 'tsx', holder, db.url!, clock.now().toISOString()], { env: childEnv(process.env), stdio: ['pipe', 'pipe', 'inherit'] })
  t.teardown(() => { if (child.exitCode === null) { child.kill('SIGCONT'); child.kill('SIGKILL') } })
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
  t.equal((await lines.next()).value, 'locked 1', 'the other instance holds the due schedule in its tick transaction')
  child.kill('SIGSTOP')
  const frozenAt = performance.now()

  let enqueued = 0
  while (enqueued === 0 && performance.now() - frozenAt < 15_000) {
    enqueued = (await tickOnce({ database: db.database, clock, config: { executionRetentionDays: 14 } })).enqueued
    if (enqueued === 0) await new Promise((resolve) => setTimeout(resolve, 100)) // waiting for the server, not a scheduler
  }
  const delaySeconds = (performance.now() - frozenAt) / 1000
  t.comment(`a frozen tick holder delayed the occurrence by ${delaySeconds.toFixed(1)} s on the other instance`)
  t.equal(enqueued, 1, 'this instance enqueued the held occurrence')
  t.ok(delaySeconds <= 10, `within 10 s (took ${delaySeconds.toFixed(1)} s)`)

  child.kill('SIGCONT')
  child.stdin!.write('go\n')
  const answer = await Promise.race([lines.next(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000))])
  const outcome = answer?.value as string | undefined
  t.match(outcome, /^(failed|done 0)/, `the woken instance enqueues nothing (${outcome ?? 'no answer within 10 s'})`)
  child.kill('SIGKILL')
  const executions = await readExecutions(db.database.db, tenantId)
  t.strictSame(executions.map((e) => [e.recurring_id, e.scheduled_for]), [['rjob_held', '2026-03-24T14:59:00Z']], 'the occurrence exists exactly once')
})
