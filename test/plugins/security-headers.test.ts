// Security headers (issue 12): the service asks helmet for its headers once and writes them per request, instead of
// running @fastify/helmet per request. Every response carries exactly what @fastify/helmet (contentSecurityPolicy
// off) answers with: a health check, a 401 before any route work, a 404 and an API answer.
import helmet from '@fastify/helmet'
import Fastify from 'fastify'
import t from 'tap'
import { helmetHeaders } from '../../src/plugins/security-headers.js'
import { eachApp } from '../helpers/app.js'
import { seriesTenant } from '../series/fixtures.js'

async function fastifyHelmetHeaders (): Promise<Record<string, unknown>> {
  const reference = Fastify()
  await reference.register(helmet, { global: true, contentSecurityPolicy: false })
  reference.get('/', async () => ({ ok: true }))
  const res = await reference.inject({ method: 'GET', url: '/' })
  await reference.close()
  const { 'content-type': _type, 'content-length': _length, date: _date, connection: _connection, ...rest } = res.headers
  return rest
}

t.test('the headers computed once are what @fastify/helmet sets, in its order', async (t) => {
  const expected = await fastifyHelmetHeaders()
  const { set, removed } = helmetHeaders()
  t.strictSame(set.map(([name]) => name.toLowerCase()), Object.keys(expected))
  t.strictSame(Object.fromEntries(set.map(([name, value]) => [name.toLowerCase(), value])), expected)
  t.strictSame(removed, ['X-Powered-By'])
  t.ok(expected['x-content-type-options'] === 'nosniff' && expected['strict-transport-security'] !== undefined, 'the headers a user relies on are among them')
})

t.test('every response carries the headers', async (t) => {
  const expected = await fastifyHelmetHeaders()
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const answers = {
      health: await app.inject({ method: 'GET', url: '/healthz' }),
      unauthorized: await app.inject({ method: 'GET', url: '/v1/recurring/rjob_x' }),
      missing: await app.inject({ method: 'GET', url: '/no/such/route' }),
      preview: await app.inject({ method: 'POST', url: '/v1/preview/cron', headers: { ...tenant.headers, 'content-type': 'application/json' }, payload: { cron_expression: '0 3 * * *' } })
    }
    t.strictSame(Object.entries(answers).map(([name, res]) => [name, res.statusCode]), [['health', 200], ['unauthorized', 401], ['missing', 404], ['preview', 200]])
    for (const [name, res] of Object.entries(answers)) {
      for (const [header, value] of Object.entries(expected)) t.equal(res.headers[header], value, `${name}: ${header}`)
      t.equal(res.headers['x-powered-by'], undefined)
      t.ok(res.headers['x-request-id'], `${name}: x-request-id`)
    }
  })
})
