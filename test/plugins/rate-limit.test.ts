// RATE_LIMIT_PER_MINUTE holds for a key across every instance sharing one PostgreSQL database (docs/contract.md §10
// "Abuse", at most 10 % over a minute), in fixed one-minute windows of the service's one clock: a refused request
// answers 429 `rate_limited` with Retry-After = the seconds left in that window.
import type { FastifyInstance } from 'fastify'
import postgres from 'postgres'
import t from 'tap'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { openTestDb, postgresUrl } from '../helpers/db.js'
import { createTenant } from '../helpers/keys.js'

const LIMIT = 50
const env = { RATE_LIMIT_PER_MINUTE: String(LIMIT) }
// 20 s into a minute: a refused request is told to come back in 40 s.
const NOW = '2026-03-24T15:00:20Z'

interface Tally { ok: number, limited: number, other: number[], retryAfter: Set<string> }

function tally (responses: Array<{ statusCode: number, headers: Record<string, unknown>, json: () => any }>): Tally {
  const result: Tally = { ok: 0, limited: 0, other: [], retryAfter: new Set() }
  for (const res of responses) {
    if (res.statusCode === 200) result.ok++
    else if (res.statusCode === 429 && res.json().error.code === 'rate_limited') {
      result.limited++
      result.retryAfter.add(String(res.headers['retry-after']))
    } else result.other.push(res.statusCode)
  }
  return result
}

async function roundRobin (apps: FastifyInstance[], count: number, authorization: string) {
  const responses = []
  for (let i = 0; i < count; i++) {
    responses.push(await apps[i % apps.length]!.inject({ method: 'GET', url: '/v1/me', headers: { authorization } }))
  }
  return tally(responses)
}

t.test('[pglite] one instance allows exactly RATE_LIMIT_PER_MINUTE requests a minute', async (t) => {
  const { app, clock } = await buildTestApp(t, 'pglite', { env, now: NOW })
  const tenant = await createTenant(app)
  const first = await roundRobin([app], 200, tenant.headers.authorization)
  t.strictSame(first, { ok: LIMIT, limited: 200 - LIMIT, other: [], retryAfter: new Set(['40']) })
  clock.advance(40_000)
  const next = await roundRobin([app], 10, tenant.headers.authorization)
  t.equal(next.ok, 10, 'the next minute starts afresh')
})

t.test('[pglite] every answer states the limit, what is left and when the window ends; a refused one says when to retry', async (t) => {
  const { app } = await buildTestApp(t, 'pglite', { env, now: NOW })
  const tenant = await createTenant(app)
  const ask = () => app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: tenant.headers.authorization } })
  const limits = (res: { headers: Record<string, unknown> }) => ({
    limit: res.headers['x-ratelimit-limit'],
    remaining: res.headers['x-ratelimit-remaining'],
    reset: res.headers['x-ratelimit-reset'],
    retryAfter: res.headers['retry-after']
  })
  const first = await ask()
  t.equal(first.statusCode, 200)
  t.strictSame(limits(first), { limit: '50', remaining: '49', reset: '40', retryAfter: undefined })
  for (let i = 2; i < LIMIT; i++) await ask()
  const last = await ask()
  t.equal(last.statusCode, 200)
  t.strictSame(limits(last), { limit: '50', remaining: '0', reset: '40', retryAfter: undefined })
  const refused = await ask()
  t.equal(refused.statusCode, 429)
  t.strictSame(limits(refused), { limit: '50', remaining: '0', reset: '40', retryAfter: '40' })
  t.equal(refused.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(refused.json(), { error: { code: 'rate_limited', message: 'Rate limit of 50 requests per minute exceeded; retry in 40 s' } })
})

t.test('[postgres] three instances on one database share one allowance per key', { skip: postgresUrl === undefined && 'TEST_DATABASE_URL is not set' }, async (t) => {
  const db = await openTestDb(t, 'postgres')
  const instances: TestApp[] = []
  for (let i = 0; i < 3; i++) instances.push(await buildTestApp(t, 'postgres', { db, env, now: NOW }))
  const apps = instances.map((i) => i.app)
  const tenant = await createTenant(apps[0]!)
  const other = await createTenant(apps[0]!)

  const sequential = await roundRobin(apps, 200, tenant.headers.authorization)
  t.equal(sequential.ok, LIMIT, `200 requests round-robin over 3 instances: exactly ${LIMIT} pass (${sequential.ok})`)
  t.equal(sequential.limited, 200 - sequential.ok, 'the rest are 429 rate_limited')
  t.strictSame(sequential.other, [])
  t.strictSame(sequential.retryAfter, new Set(['40']), 'Retry-After is the rest of the window on every instance')

  // The same burst all at once: concurrent requests on one instance wait for one lease instead of each asking.
  const burst = tally(await Promise.all(Array.from({ length: 200 }, (_, i) =>
    apps[i % 3]!.inject({ method: 'GET', url: '/v1/me', headers: other.headers }))))
  t.ok(burst.ok <= LIMIT * 1.1 && burst.ok >= LIMIT * 0.9, `a concurrent burst passes ${burst.ok} (within 10 % of ${LIMIT})`)
  t.equal(burst.ok + burst.limited, 200)

  for (const instance of instances) instance.clock.advance(40_000)
  const next = await roundRobin(apps, 30, tenant.headers.authorization)
  t.equal(next.ok, 30, 'the next minute starts afresh on every instance')
})

t.test('[postgres] ended windows are pruned; a failing shared count fails open to a per-instance count, never 500', { skip: postgresUrl === undefined && 'TEST_DATABASE_URL is not set' }, async (t) => {
  const db = await openTestDb(t, 'postgres')
  const sql = postgres(db.url!, { max: 1, onnotice: () => {} })
  t.teardown(() => sql.end({ timeout: 5 }))
  const { app, clock } = await buildTestApp(t, 'postgres', { db, env, now: NOW })
  const tenant = await createTenant(app)
  const windows = async () => (await sql<Array<{ w: string }>>`select to_char(window_start at time zone 'UTC', 'HH24:MI') as w from rate_limit_windows order by 1`).map((r) => r.w)

  t.equal((await roundRobin([app], 1, tenant.headers.authorization)).ok, 1)
  clock.advance(60_000)
  t.equal((await roundRobin([app], 1, tenant.headers.authorization)).ok, 1)
  clock.advance(60_000)
  t.equal((await roundRobin([app], 1, tenant.headers.authorization)).ok, 1)
  await new Promise((resolve) => setTimeout(resolve, 200)) // the prune runs beside the request
  t.strictSame(await windows(), ['15:01', '15:02'], 'a new window drops the ones before the window just ended')

  clock.advance(60_000)
  await sql`drop table rate_limit_windows`
  const outage = await roundRobin([app], 60, tenant.headers.authorization)
  t.strictSame(outage, { ok: LIMIT, limited: 60 - LIMIT, other: [], retryAfter: new Set(['40']) }, 'counted on the instance alone, no 500')
})
