// What every response and every log line may show (docs/contract.md §10): scopes are judged before the body (403 before
// 400) on every route of the OpenAPI document, every response says nosniff, the response that shows a token is
// never cached, and error logs carry no SQL parameters, payloads or tokens.
import { readFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { sql } from 'drizzle-orm'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { openApiPath } from '../../src/cli/write-openapi.js'
import { loadConfig } from '../../src/config.js'
import { ManualClock } from '../../src/time/clock.js'
import { ADMIN_TOKEN, eachApp } from '../helpers/app.js'
import { openTestDb } from '../helpers/db.js'
import { adminHeaders, createKey, createTenant } from '../helpers/keys.js'

const UUID = '00000000-0000-4000-8000-000000000000'
// Routes any valid key may call, and those the key below holds the scope for.
const OPEN = new Set(['/v1/me', '/v1/preview/cron', '/v1/preview/rrule', '/v1/jobs', '/v1/jobs/{id}'])

t.test('scopes are checked before the body and the query on every scoped route', async (t) => {
  const doc = JSON.parse(readFileSync(openApiPath, 'utf8'))
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    const readJobs = await createKey(app, tenant.tenantId, { kind: 'user', userId: tenant.memberId, scopes: ['read:jobs'] })
    let checked = 0
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      if (!path.startsWith('/v1/') || OPEN.has(path)) continue
      for (const method of Object.keys(item)) {
        const url = path.replace(/\{[^}]+\}/g, UUID) + '?limit=0&status=%00'
        const hasBody = method !== 'get' && method !== 'delete'
        const res = await app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: { ...readJobs.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          ...(hasBody ? { payload: '{"worker_id": "\\u0000", "title": 42, "payload": "x", "cron_expression": 7' } : {})
        })
        t.equal(res.statusCode, 403, `${method.toUpperCase()} ${path}`)
        t.equal(res.json().error.code, 'insufficient_scope', `${method.toUpperCase()} ${path}`)
        checked++
      }
    }
    t.ok(checked >= 19, `${checked} scoped routes checked`)
  })
})

t.test('nosniff on every response; no-store on the response that shows a token', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    const answers = [
      await app.inject({ method: 'GET', url: '/healthz' }),
      await app.inject({ method: 'GET', url: '/v1/me', headers: tenant.headers }),
      await app.inject({ method: 'GET', url: '/v1/me' }),
      await app.inject({ method: 'GET', url: '/v1/nowhere' }),
      await app.inject({ method: 'GET', url: '/v1/recurring/%E0%A4%A', headers: tenant.headers }),
      await app.inject({ method: 'GET', url: '/openapi.json' })
    ]
    for (const res of answers) t.equal(res.headers['x-content-type-options'], 'nosniff', `${res.statusCode} ${res.raw.req.url}`)
    const key = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${tenant.tenantId}/api_keys`, headers: adminHeaders, payload: { kind: 'tenant' } })
    t.equal(key.statusCode, 201)
    t.equal(key.headers['cache-control'], 'no-store')
  })
})

t.test('an error log carries neither the SQL parameters nor the token', async (t) => {
  const lines: string[] = []
  const stream = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const db = await openTestDb(t, 'pglite')
  const app = await buildApp({
    config: loadConfig({ SCHEDULER: 'off', ADMIN_TOKEN }),
    database: db.database,
    clock: new ManualClock('2026-03-24T15:00:00Z')
  }, { logger: { level: 'info', stream } })
  // A query that fails with a value in its parameters, as a store bug would.
  app.get('/boom', async () => db.database.db.execute(sql`select ${'secret-payload-value'}::int as n`))
  t.teardown(() => app.close())
  await app.ready()
  const res = await app.inject({ method: 'GET', url: '/boom', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  t.equal(res.statusCode, 500)
  t.strictSame(res.json(), { error: { code: 'internal', message: 'An unexpected error occurred' } })
  const log = lines.join('')
  t.match(log, /unhandled error/, 'the failure is logged')
  t.match(log, /select \$1::int as n/, 'with the SQL text and its placeholders')
  t.notMatch(log, /secret-payload-value/, 'but not the parameter')
  t.notMatch(log, new RegExp(ADMIN_TOKEN), 'nor the token')
})
