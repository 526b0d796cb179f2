// docs/contract.md §10: a transaction whose connection the server closed (a frozen instance's, ended by
// idle_in_transaction_session_timeout; a terminated backend) fails with a connection error, and the process lives
// on. postgres.js 3.4.9 writes the next statement of such a transaction (or its own ROLLBACK) to a socket it has
// already dropped, from a setImmediate, which kills the process (porsager/postgres#1208); db/watchdog.ts keeps
// those writes from happening.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { childEnv } from '../helpers/child-env.js'
import { openTestDb, postgresUrl } from '../helpers/db.js'

const fixture = fileURLToPath(new URL('./fixtures/closed-transaction.ts', import.meta.url))

t.test('a transaction whose connection was closed fails with a connection error, and the process lives on', {
  skip: postgresUrl === undefined && 'needs a PostgreSQL server (TEST_DATABASE_URL)'
}, async (t) => {
  const db = await openTestDb(t, 'postgres')
  const child = spawnSync(process.execPath, ['--import', 'tsx', fixture, db.url!], { env: childEnv(process.env), encoding: 'utf8', timeout: 60_000 })
  t.equal(child.status, 0, 'exits 0', { stderr: child.stderr })
  t.strictSame(child.stdout.trim().split('\n'), ['rejected CONNECTION_CLOSED', 'query CONNECTION_CLOSED', 'alive'])
})
