// The one-line reason start-up gives for a database it cannot reach (docs/contract.md §10 "Configuration"): the
// driver's error is found under Drizzle's "Failed query" wrapper and named by kind.
import t from 'tap'
import { unreachableReason } from '../../src/db/sql-errors.js'

const wrapped = (cause: object) => Object.assign(new Error('Failed query: select pg_advisory_lock($1)\nparams: 7208311401'), { cause })
const driver = (code: string, message: string) => Object.assign(new Error(message), { code })

t.test('each kind of unreachable database has its reason', async (t) => {
  t.equal(unreachableReason(wrapped(driver('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'))), 'host unreachable (connect ECONNREFUSED 127.0.0.1:1)')
  t.equal(unreachableReason(wrapped(driver('ENOTFOUND', 'getaddrinfo ENOTFOUND db.invalid'))), 'host unreachable (getaddrinfo ENOTFOUND db.invalid)')
  t.equal(unreachableReason(driver('CONNECT_TIMEOUT', 'no answer from 10.0.0.1:5432 within 3.0 s')), 'host unreachable (no answer from 10.0.0.1:5432 within 3.0 s)')
  t.equal(unreachableReason(wrapped(driver('28P01', 'password authentication failed for user "app"'))), 'authentication failed (password authentication failed for user "app")')
  t.equal(unreachableReason(wrapped(driver('28000', 'role "app" does not exist'))), 'authentication failed (role "app" does not exist)')
  t.equal(unreachableReason(wrapped(driver('3D000', 'database "app" does not exist'))), 'database does not exist (database "app" does not exist)')
  t.equal(unreachableReason(wrapped(driver('57P03', 'the database system is starting up'))), 'database is starting up (the database system is starting up)')
  // localhost tried over IPv6 and IPv4: Node reports both refusals in one AggregateError.
  const both = Object.assign(new AggregateError([driver('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), driver('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')], ''), {})
  t.equal(unreachableReason(wrapped(both)), 'host unreachable (connect ECONNREFUSED ::1:5432)')
  t.equal(unreachableReason(wrapped(driver('CONNECTION_CLOSED', 'write CONNECTION_CLOSED 127.0.0.1:5432'))), 'connection lost (write CONNECTION_CLOSED 127.0.0.1:5432)')
})

t.test('anything else is not a reason to retry', async (t) => {
  t.equal(unreachableReason(wrapped(driver('42P07', 'relation "tenants" already exists'))), null)
  t.equal(unreachableReason(new Error('boom')), null)
  t.equal(unreachableReason(undefined), null)
})
