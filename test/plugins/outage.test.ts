// docs/contract.md §4: a database outage answers 503 `unavailable`; the service keeps running and recovers when the
// database returns.
import { createServer, connect, type Server, type Socket } from 'node:net'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/connect.js'
import { ManualClock } from '../../src/time/clock.js'
import { openTestDb, postgresUrl } from '../helpers/db.js'
import { createTenant } from '../helpers/keys.js'

const config = loadConfig({ SCHEDULER: 'off', LOG_LEVEL: 'silent', ADMIN_TOKEN: 'test-admin-token-0123456789' })
const unavailable = { error: { code: 'unavailable', message: 'The database is unavailable; try again shortly' } }

t.test('with the database unreachable, API and readiness answer 503 unavailable while /healthz stays up', async (t) => {
  const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nothing', max: 1 })
  t.teardown(() => database.close())
  const app = await buildApp({ config, database, clock: new ManualClock('2026-03-24T15:00:00Z') }, { logger: false })
  t.teardown(() => app.close())

  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 503)
  t.strictSame(ready.json(), unavailable)
  const api = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer zoop_uk_${'a'.repeat(43)}` } })
  t.equal(api.statusCode, 503)
  t.strictSame(api.json(), unavailable)
  t.notMatch(api.body, /ECONNREFUSED|127\.0\.0\.1|postgres/, 'no driver detail reaches the client')
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
})

t.test('an unexpected failure answers 500 internal and says nothing about its cause', async (t) => {
  const db = await openTestDb(t, 'pglite')
  const app = await buildApp({ config, database: db.database, clock: new ManualClock('2026-03-24T15:00:00Z') }, { logger: false })
  t.teardown(() => app.close())
  const tenant = await createTenant(app)
  await db.database.close() // every query now fails with an error that is not a connection outage
  const res = await app.inject({ method: 'GET', url: '/v1/recurring?limit=1', headers: tenant.headers })
  t.equal(res.statusCode, 500)
  t.strictSame(res.json(), { error: { code: 'internal', message: 'An unexpected error occurred' } })
})

/** A TCP proxy in front of PostgreSQL that the test can cut and restore. */
function proxy (target: URL) {
  let server: Server | undefined
  const sockets = new Set<Socket>()
  let port = 0
  return {
    get port () { return port },
    async start () {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname)
        sockets.add(client).add(upstream)
        client.pipe(upstream).pipe(client)
        const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream) }
        client.on('error', drop).on('close', drop)
        upstream.on('error', drop).on('close', drop)
      })
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve))
      port = (server.address() as { port: number }).port
    },
    async stop () {
      for (const socket of sockets) socket.destroy()
      sockets.clear()
      await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve())
    }
  }
}

t.test('the service answers 503 while PostgreSQL is cut off and recovers when it returns', { skip: postgresUrl === undefined && 'needs a PostgreSQL server (TEST_DATABASE_URL)' }, async (t) => {
  const db = await openTestDb(t, 'postgres')
  const target = new URL(db.url!)
  const cut = proxy(target)
  await cut.start()
  t.teardown(() => cut.stop())
  const viaProxy = new URL(db.url!)
  viaProxy.host = `127.0.0.1:${cut.port}`
  const database = await openDatabase({ url: viaProxy.toString(), max: 2 })
  t.teardown(() => database.close())
  const app = await buildApp({ config, database, clock: new ManualClock('2026-03-24T15:00:00Z') }, { logger: false })
  t.teardown(() => app.close())

  const tenant = await createTenant(app)
  t.equal((await app.inject({ method: 'GET', url: '/v1/recurring?limit=1', headers: tenant.headers })).statusCode, 200)

  await cut.stop()
  const down = await app.inject({ method: 'GET', url: '/v1/recurring?limit=1', headers: tenant.headers })
  t.equal(down.statusCode, 503)
  t.strictSame(down.json(), unavailable)
  t.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 503)

  await cut.start()
  const back = performance.now()
  let recovered = 0
  // docs/contract.md §10: requests resume within 5 s of the database's return.
  while (recovered !== 200 && performance.now() - back < 5_000) {
    recovered = (await app.inject({ method: 'GET', url: '/v1/recurring?limit=1', headers: tenant.headers })).statusCode
    if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  t.comment(`cut connections: requests served again ${((performance.now() - back) / 1000).toFixed(2)} s after the database returned`)
  t.equal(recovered, 200, 'the same process serves again once the database is back')
  t.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200)
})
