// Fastify's own failures answer in the contract's error shape (docs/contract.md §4), as do authentication failures.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'

t.test('Fastify failures are mapped into the error shape', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const unknown = await app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' })
    t.equal(unknown.statusCode, 404)
    t.strictSame(unknown.json(), { error: { code: 'not_found', message: 'Route GET /v1/nothing-here not found' } })

    const badJson = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' }, payload: '{"name": ' })
    t.equal(badJson.statusCode, 400)
    t.strictSame(badJson.json(), { error: { code: 'invalid_request', message: 'Request body is not valid JSON' } })

    const wrongType = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'text/plain' }, payload: 'name=x' })
    t.equal(wrongType.statusCode, 415)
    t.strictSame(wrongType.json(), { error: { code: 'unsupported_media_type', message: 'Request body must be JSON (Content-Type: application/json)' } })

    const big = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024) }) })
    t.equal(big.statusCode, 413)
    t.strictSame(big.json(), { error: { code: 'payload_too_large', message: 'Request body is larger than 1 MiB' } })

    const invalid = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: { authorization: 'Bearer test-admin-token-0123456789' }, payload: { name: 42 } })
    t.equal(invalid.statusCode, 400)
    t.strictSame(invalid.json(), { error: { code: 'invalid_request', message: 'Invalid body: name must be string', details: [{ field: 'name', message: 'must be string' }] } })

    const missing = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: { authorization: 'Bearer test-admin-token-0123456789' }, payload: {} })
    t.strictSame(missing.json(), { error: { code: 'invalid_request', message: 'Invalid body: name is required', details: [{ field: 'name', message: 'is required' }] } })

    const emptyBody = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' }, payload: '' })
    t.equal(emptyBody.statusCode, 400)
    t.equal(emptyBody.json().error.code, 'invalid_request')

    t.match(unknown.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'every response carries a request id')
    const traced = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } })
    t.equal(traced.headers['x-request-id'], 'trace-123', 'a caller-supplied request id is kept')
  })
})

t.test('authentication failures answer 401 unauthorized with WWW-Authenticate: Bearer', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    const expected = { error: { code: 'unauthorized', message: 'A valid API key is required: send Authorization: Bearer <token>' } }
    const cases: Array<[string, Record<string, string>]> = [
      ['no header', {}],
      ['not bearer', { authorization: `Basic ${tenant.token}` }],
      ['malformed token', { authorization: 'Bearer hello' }],
      ['unknown token', { authorization: `Bearer zoop_uk_${'A'.repeat(43)}` }],
      ['wrong prefix for the key', { authorization: `Bearer ${tenant.token.replace('zoop_uk_', 'zoop_tk_')}` }]
    ]
    for (const [name, headers] of cases) {
      const res = await app.inject({ method: 'GET', url: '/v1/me', headers })
      t.equal(res.statusCode, 401, name)
      t.strictSame(res.json(), expected, name)
      t.equal(res.headers['www-authenticate'], 'Bearer', name)
    }
    const ok = await app.inject({ method: 'GET', url: '/v1/me', headers: tenant.headers })
    t.equal(ok.statusCode, 200)
    t.strictSame(ok.json(), { tenant_id: tenant.tenantId, key_id: tenant.keyId, kind: 'user', user_id: tenant.memberId, scopes: ['read:recurring', 'write:recurring', 'work:executions', 'read:job_series', 'write:job_series', 'read:jobs', 'write:jobs'] })
  })
})

t.test('rate limit: a fixed one-minute window per key, 429 rate_limited with Retry-After', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const a = await createTenant(app)
    const b = await createTenant(app)
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'GET', url: '/v1/me', headers: a.headers })
      t.equal(res.statusCode, 200, `request ${i + 1} of 3 passes`)
    }
    const limited = await app.inject({ method: 'GET', url: '/v1/me', headers: a.headers })
    t.equal(limited.statusCode, 429)
    t.equal(limited.json().error.code, 'rate_limited')
    t.match(limited.json().error.message, /^Rate limit of 3 requests per minute exceeded; retry in \d+ s$/)
    const retryAfter = Number(limited.headers['retry-after'])
    t.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After is within the minute (${retryAfter})`)
    const other = await app.inject({ method: 'GET', url: '/v1/me', headers: b.headers })
    t.equal(other.statusCode, 200, 'another key has its own budget')
    const health = await app.inject({ method: 'GET', url: '/healthz' })
    t.equal(health.statusCode, 200, 'operations routes are not rate limited')
  }, { env: { RATE_LIMIT_PER_MINUTE: '3' } })
})

t.test('operations: /healthz, /readyz, /metrics', async (t) => {
  await eachApp(t, async (t, { app }) => {
    t.strictSame((await app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' })
    const ready = await app.inject({ method: 'GET', url: '/readyz' })
    t.equal(ready.statusCode, 200)
    t.strictSame(ready.json(), { status: 'ok' })

    const denied = await app.inject({ method: 'GET', url: '/metrics' })
    t.equal(denied.statusCode, 401, '/metrics asks for METRICS_TOKEN when it is set')
    t.equal(denied.json().error.code, 'unauthorized')
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-secret' } })
    t.equal(metrics.statusCode, 200)
    t.match(metrics.headers['content-type'], /^text\/plain/)
    t.match(metrics.body, /http_request_duration_seconds_count\{method="GET",route="\/readyz",status_code="200"\} 1/)
  }, { env: { METRICS_TOKEN: 'metrics-secret' } })
})

t.test('a nullable field of the wrong type is explained once, by its own type', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    const res = await app.inject({
      method: 'POST',
      url: '/v1/job_series',
      headers: tenant.headers,
      payload: { title: 'Lawn', rrule: 'FREQ=WEEKLY;BYDAY=MO', timezone: 'America/Los_Angeles', dtstart: '2026-07-07', flat_price: 'eighty' }
    })
    t.equal(res.statusCode, 400)
    t.strictSame(res.json().error.details, [{ field: 'flat_price', message: 'must be number or null' }])
    t.equal(res.json().error.code, 'invalid_input')
  })
})
