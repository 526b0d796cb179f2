// docs/contract.md §10 "database faults": while PostgreSQL stops answering (a network path that swallows everything, or a
// frozen server), every API request answers 503 within 2 s and /readyz within 1 s; when it answers again,
// requests resume within 5 s and the scheduler is woken. Each fault prints what it costs (t.comment).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase, type Database } from '../../src/db/connect.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { ManualClock } from '../../src/time/clock.js'
import { ADMIN_TOKEN } from '../helpers/app.js'
import { openTestDb, postgresUrl } from '../helpers/db.js'
import { createTenant, type Tenant } from '../helpers/keys.js'

const config = loadConfig({ SCHEDULER: 'off', LOG_LEVEL: 'silent', ADMIN_TOKEN })
const seconds = (ms: number) => (ms / 1000).toFixed(2)

/** A TCP proxy that can stop forwarding: sockets stay open, bytes go nowhere, new connections are held. */
function blackholeProxy (targetPort: number) {
  let forwarding = true
  const pairs = new Set<{ client: Socket, upstream: Socket }>()
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    const pair = { client, upstream }
    pairs.add(pair)
    client.on('data', (d) => { if (forwarding) upstream.write(d) })
    upstream.on('data', (d) => { if (forwarding) client.write(d) })
    const drop = () => { client.destroy(); upstream.destroy(); pairs.delete(pair) }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
  })
  return {
    server,
    async listen (): Promise<number> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return (server.address() as { port: number }).port
    },
    stop () { forwarding = false },
    resume () { forwarding = true },
    async close () {
      for (const { client, upstream } of pairs) { client.destroy(); upstream.destroy() }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

async function timed (fn: () => Promise<{ statusCode: number }>): Promise<{ status: number, ms: number }> {
  const started = performance.now()
  const res = await fn()
  return { status: res.statusCode, ms: performance.now() - started }
}

/** The fault's figures: while down (API and /readyz), then time until requests succeed again. */
async function exercise (t: Test, name: string, app: FastifyInstance, database: Database, tenant: Tenant,
  fault: { start: () => void | Promise<void>, end: () => void | Promise<void> }): Promise<void> {
  let restored = 0
  database.onRestored?.(() => { restored++ })
  t.equal((await app.inject({ method: 'GET', url: '/v1/recurring?limit=1', headers: tenant.headers })).statusCode, 200)
  await fault.start()
  const first = await timed(() => app.inject({ method: 'GET', url: '/v1/recurring?limit=1', headers: tenant.headers }))
  const ready = await timed(() => app.inject({ method: 'GET', url: '/readyz' }))
  const later = await Promise.all(Array.from({ length: 5 }, () => timed(() => app.inject({ method: 'GET', url: '/v1/recurring?limit=1', headers: tenant.headers }))))
  const readyLater = await timed(() => app.inject({ method: 'GET', url: '/readyz' }))
  t.equal(first.status, 503, 'the first request after the fault answers 503')
  t.ok(first.ms <= 2_000, `within 2 s (${seconds(first.ms)} s)`)
  t.equal(ready.status, 503)
  t.ok(ready.ms <= 1_000 && readyLater.ms <= 1_000, `/readyz within 1 s (${seconds(ready.ms)} s, then ${seconds(readyLater.ms)} s)`)
  t.strictSame(later.map((r) => r.status), [503, 503, 503, 503, 503])
  const worst = Math.max(...later.map((r) => r.ms))
  t.ok(worst <= 2_000, `requests during the fault answer 503 within 2 s (slowest ${seconds(worst)} s)`)

  await fault.end()
  const back = performance.now()
  let status = 0
  while (status !== 200 && performance.now() - back < 10_000) {
    status = (await app.inject({ method: 'GET', url: '/v1/recurring?limit=1', headers: tenant.headers })).statusCode
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const resumeMs = performance.now() - back
  t.equal(status, 200, 'requests succeed again')
  t.ok(resumeMs <= 5_000, `within 5 s of the database's return (${seconds(resumeMs)} s)`)
  t.ok(restored >= 1, 'the restored signal that wakes the scheduler fired')
  t.comment(`${name}: first request 503 after ${seconds(first.ms)} s, /readyz 503 after ${seconds(ready.ms)} s, ` +
    `later requests 503 within ${seconds(worst)} s; requests resume ${seconds(resumeMs)} s after the database returns`)
}

t.test('a network path that stops forwarding: 503 within 2 s, back within 5 s', {
  skip: postgresUrl === undefined && 'needs a PostgreSQL server (TEST_DATABASE_URL)'
}, async (t) => {
  const db = await openTestDb(t, 'postgres')
  const target = new URL(db.url!)
  const proxy = blackholeProxy(Number(target.port || 5432))
  const port = await proxy.listen()
  t.teardown(() => proxy.close())
  const viaProxy = new URL(db.url!)
  viaProxy.host = `127.0.0.1:${port}`
  const database = await openDatabase({ url: viaProxy.toString(), max: 4 })
  t.teardown(() => database.close())
  const app = await buildApp({ config, database, clock: new ManualClock('2026-03-24T15:00:00Z') }, { logger: false })
  t.teardown(() => app.close())
  await exercise(t, 'proxy stops forwarding', app, database, await createTenant(app), { start: () => proxy.stop(), end: () => proxy.resume() })
})

/** A PostgreSQL server of this test's own, in a temporary directory, as the postgres user when we are root. */
function startOwnServer (t: Test): { url: string, freeze: () => void, thaw: () => void } | null {
  let bindir: string
  try { bindir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim() } catch { return null }
  const dir = mkdtempSync(join(tmpdir(), 'rj-frozen-'))
  const asPostgres: { uid?: number, gid?: number } = {}
  if (process.getuid?.() === 0) {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))
    if (line === undefined) return null
    const [, , uid, gid] = line.split(':')
    asPostgres.uid = Number(uid); asPostgres.gid = Number(gid)
    chownSync(dir, asPostgres.uid, asPostgres.gid)
  }
  execFileSync(join(bindir, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync'], { ...asPostgres, stdio: 'ignore' })
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const server: ChildProcess = spawn(join(bindir, 'postgres'), ['-D', join(dir, 'data'), '-p', String(port), '-k', dir,
    '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'], { ...asPostgres, stdio: 'ignore' })
  const processes = () => [server.pid!, ...execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.pid)], { encoding: 'utf8' })
    .split('\n').map((s) => Number(s.trim())).filter((n) => n > 0)]
  let frozen: number[] = []
  t.teardown(() => {
    for (const pid of frozen) { try { process.kill(pid, 'SIGCONT') } catch {} }
    server.kill('SIGINT')
    return new Promise<void>((resolve) => { server.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve() }) })
  })
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    freeze () { frozen = processes(); for (const pid of frozen) process.kill(pid, 'SIGSTOP') },
    thaw () { for (const pid of frozen) process.kill(pid, 'SIGCONT'); frozen = [] }
  }
}

t.test('a frozen server (SIGSTOP of every process): 503 within 2 s, back within 5 s', async (t) => {
  const server = startOwnServer(t)
  if (server === null) { t.comment('skipped: needs the PostgreSQL server binaries (pg_config --bindir)'); return }
  let database: Database | undefined
  for (let attempt = 0; database === undefined; attempt++) {
    try {
      const candidate = await openDatabase({ url: server.url, max: 4 })
      await migrateDatabase(candidate, server.url)
      database = candidate
    } catch (error) {
      if (attempt > 40) throw error
      await new Promise((resolve) => setTimeout(resolve, 250)) // the server is starting
    }
  }
  t.teardown(() => database!.close())
  const app = await buildApp({ config, database, clock: new ManualClock('2026-03-24T15:00:00Z') }, { logger: false })
  t.teardown(() => app.close())
  await exercise(t, 'frozen server', app, database, await createTenant(app), { start: () => server.freeze(), end: () => server.thaw() })
})
