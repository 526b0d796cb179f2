// No bad input reaches a 5xx (CONTRACT §10): U+0000, unpaired surrogates, non-finite numbers and deep nesting are
// refused with 400 naming the field, on REST, admin and MCP alike, and ids are canonical uuids only.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { adminHeaders, createTenant } from '../helpers/keys.js'
import { mcp, referenceSeries, seriesTenant } from '../series/fixtures.js'

const json = { 'content-type': 'application/json' }

function send (app: FastifyInstance, method: 'POST' | 'PUT' | 'PATCH', url: string, headers: Record<string, string>, raw: string) {
  return app.inject({ method, url, headers: { ...headers, ...json }, payload: raw })
}

const VALID = '"job_type": "crm.sync", "cron_expression": "0 * * * *"'

t.test('REST bodies: U+0000, lone surrogates, 1e400 and deep nesting answer 400 naming the field', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    const cases: Array<[string, string, unknown]> = [
      ['NUL in job_type', '{"job_type": "crm\\u0000sync", "cron_expression": "0 * * * *"}',
        { code: 'invalid_request', message: 'Invalid body: job_type must not contain U+0000', details: [{ field: 'job_type', message: 'must not contain U+0000' }] }],
      ['NUL in queue', `{${VALID}, "queue": "\\u0000"}`,
        { code: 'invalid_request', message: 'Invalid body: queue must not contain U+0000', details: [{ field: 'queue', message: 'must not contain U+0000' }] }],
      ['NUL in a payload key', `{${VALID}, "payload": {"a\\u0000": 1}}`,
        { code: 'invalid_request', message: 'Invalid body: payload."a\\u0000" key must not contain U+0000', details: [{ field: 'payload."a\\u0000"', message: 'key must not contain U+0000' }] }],
      ['lone surrogate in a payload value', `{${VALID}, "payload": {"a": ["ok", "\\ud800"]}}`,
        { code: 'invalid_request', message: 'Invalid body: payload.a.1 must not contain an unpaired surrogate', details: [{ field: 'payload.a.1', message: 'must not contain an unpaired surrogate' }] }],
      ['1e400 in the payload', `{${VALID}, "payload": {"n": 1e400}}`,
        { code: 'invalid_request', message: 'Invalid body: payload.n must be a finite number (a double)', details: [{ field: 'payload.n', message: 'must be a finite number (a double)' }] }],
      ['two problems at once', '{"job_type": "\\u0000", "cron_expression": "\\udc00"}',
        { code: 'invalid_request', message: 'Invalid body: job_type must not contain U+0000; cron_expression must not contain an unpaired surrogate', details: [{ field: 'job_type', message: 'must not contain U+0000' }, { field: 'cron_expression', message: 'must not contain an unpaired surrogate' }] }]
    ]
    for (const [name, raw, error] of cases) {
      const res = await send(app, 'PUT', '/v1/recurring/rjob_text', tenant.headers, raw)
      t.equal(res.statusCode, 400, name)
      t.strictSame(res.json(), { error }, name)
    }
    const deep = `{${VALID}, "payload": {"d": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}`
    const res = await send(app, 'PUT', '/v1/recurring/rjob_text', tenant.headers, deep)
    t.equal(res.statusCode, 400, 'a payload nested 10,000 deep')
    const depthIssue = res.json().error.details[0]
    t.strictSame([res.json().error.code, depthIssue.message], ['invalid_request', 'nests deeper than 64 levels'])
    t.match(depthIssue.field, /^payload\.d(\.0)+$/)
    const ok = await send(app, 'PUT', '/v1/recurring/rjob_text', tenant.headers, `{${VALID}, "payload": {"text": "caf\\u00e9 \\ud83d\\ude00", "n": 1e300}}`)
    t.equal(ok.statusCode, 200, 'paired surrogates and large finite numbers are fine')
    t.strictSame(ok.json().payload, { text: 'café 😀', n: 1e300 })
    t.equal((await app.inject({ method: 'GET', url: '/v1/recurring', headers: tenant.headers })).json().data.length, 1, 'nothing else was stored')
  })
})

t.test('query strings and path parameters with %00 answer 400', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    const filter = await app.inject({ method: 'GET', url: '/v1/executions?recurring_id=%00', headers: tenant.headers })
    t.equal(filter.statusCode, 400)
    t.strictSame(filter.json(), { error: { code: 'invalid_request', message: 'Invalid querystring: recurring_id must not contain U+0000', details: [{ field: 'recurring_id', message: 'must not contain U+0000' }] } })
    const path = await app.inject({ method: 'GET', url: '/v1/recurring/a%00b', headers: tenant.headers })
    t.equal(path.statusCode, 400)
    t.strictSame(path.json(), { error: { code: 'invalid_request', message: 'Invalid params: id must not contain U+0000', details: [{ field: 'id', message: 'must not contain U+0000' }] } })
    const jobs = await app.inject({ method: 'GET', url: '/v1/jobs?status=%00', headers: tenant.headers })
    t.equal(jobs.statusCode, 400)
    t.equal(jobs.json().error.code, 'invalid_input', 'the series side answers invalid_input')
  })
})

t.test('series, jobs and admin bodies refuse U+0000; ids are canonical uuids', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const body = JSON.stringify(referenceSeries(tenant, { title: 'Lawn\u0000' }))
    const series = await send(app, 'POST', '/v1/job_series', tenant.headers, body)
    t.equal(series.statusCode, 400)
    t.strictSame(series.json(), { error: { code: 'invalid_input', message: 'Invalid body: title must not contain U+0000', details: [{ field: 'title', message: 'must not contain U+0000' }] } })
    const lineItem = await send(app, 'POST', '/v1/job_series', tenant.headers, JSON.stringify(referenceSeries(tenant, { line_items: [{ description: '\ud800', unit_price: 1, quantity: 1 }] })))
    t.strictSame(lineItem.json().error.details, [{ field: 'line_items.0.description', message: 'must not contain an unpaired surrogate' }])
    const urn = await send(app, 'POST', '/v1/job_series', tenant.headers, JSON.stringify(referenceSeries(tenant, { customer_id: `urn:uuid:${tenant.customerId}` })))
    t.equal(urn.statusCode, 400, 'urn:uuid: ids are refused')
    t.equal(urn.json().error.code, 'invalid_input')
    t.strictSame(urn.json().error.details.map((d: any) => d.field), ['customer_id'])
    const braces = await send(app, 'POST', '/v1/job_series', tenant.headers, JSON.stringify(referenceSeries(tenant, { assigned_user_ids: [`{${tenant.memberId}}`] })))
    t.equal(braces.statusCode, 400, 'braced ids are refused')

    const admin = await send(app, 'POST', '/admin/v1/tenants', adminHeaders, '{"name": "Acme\\u0000"}')
    t.equal(admin.statusCode, 400)
    t.strictSame(admin.json(), { error: { code: 'invalid_request', message: 'Invalid body: name must not contain U+0000', details: [{ field: 'name', message: 'must not contain U+0000' }] } })
    const member = await send(app, 'POST', `/admin/v1/tenants/urn:uuid:${tenant.tenantId}/members`, adminHeaders, '{"name": "Dana"}')
    t.equal(member.statusCode, 400, 'a urn:uuid: tenant id is refused')
    t.equal(member.json().error.code, 'invalid_request')
    const revoke = await app.inject({ method: 'DELETE', url: `/admin/v1/api_keys/{${tenant.keyId}}`, headers: adminHeaders })
    t.equal(revoke.statusCode, 400, 'a braced key id is refused')
  })
})

t.test('a worker reporting a result or error with U+0000 gets 400 and keeps its lease', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    t.equal((await send(app, 'PUT', '/v1/recurring/rjob_w', tenant.headers, `{${VALID}}`)).statusCode, 200)
    t.equal((await app.inject({ method: 'POST', url: '/v1/recurring/rjob_w/trigger', headers: tenant.headers })).statusCode, 201)
    const claimed = await app.inject({ method: 'POST', url: '/v1/executions/claim', headers: tenant.headers, payload: { worker_id: 'w1' } })
    const id = claimed.json().data[0].id as string
    const complete = await send(app, 'POST', `/v1/executions/${id}/complete`, tenant.headers, '{"worker_id": "w1", "result": {"out\\u0000": "x", "log": "a\\u0000b"}}')
    t.equal(complete.statusCode, 400)
    t.strictSame(complete.json(), {
      error: {
        code: 'invalid_request',
        message: 'Invalid body: result."out\\u0000" key must not contain U+0000; result.log must not contain U+0000',
        details: [{ field: 'result."out\\u0000"', message: 'key must not contain U+0000' }, { field: 'result.log', message: 'must not contain U+0000' }]
      }
    })
    const fail = await send(app, 'POST', `/v1/executions/${id}/fail`, tenant.headers, '{"worker_id": "w1", "error": "boom\\u0000"}')
    t.equal(fail.statusCode, 400)
    t.strictSame(fail.json().error.details, [{ field: 'error', message: 'must not contain U+0000' }])
    const claim = await send(app, 'POST', '/v1/executions/claim', tenant.headers, '{"worker_id": "w\\u0000", "queues": ["default", "\\ud800"]}')
    t.strictSame(claim.json().error.details, [{ field: 'worker_id', message: 'must not contain U+0000' }, { field: 'queues.1', message: 'must not contain an unpaired surrogate' }])
    const retry = await send(app, 'POST', `/v1/executions/${id}/complete`, tenant.headers, '{"worker_id": "w1", "result": {"log": "a b"}}')
    t.equal(retry.statusCode, 200, 'the lease is still held: the worker reports again')
    t.equal(retry.json().status, 'succeeded')
  })
})

t.test('MCP arguments with U+0000, lone surrogates or 1e400 are invalid_input tool errors listing every field', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const raw = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'job_series.create', arguments: referenceSeries(tenant, { title: 'a\u0000', description: '\udfff' }) } })
      .replace('"customer_id"', '"flat_price": 1e400, "customer_id"')
    const res = await app.inject({ method: 'POST', url: '/api/mcp', headers: { ...tenant.headers, ...json, accept: 'application/json' }, payload: raw })
    t.equal(res.statusCode, 200)
    const result = res.json().result
    t.equal(result.isError, true)
    t.strictSame(JSON.parse(result.content[0].text), {
      error: {
        code: 'invalid_input',
        message: 'Invalid arguments: title must not contain U+0000; flat_price must be a finite number (a double); description must not contain an unpaired surrogate',
        details: [
          { field: 'title', message: 'must not contain U+0000' },
          { field: 'flat_price', message: 'must be a finite number (a double)' },
          { field: 'description', message: 'must not contain an unpaired surrogate' }
        ]
      }
    })
    const { tool } = mcp(app, tenant.headers)
    const urn = await tool('job_series.get', { id: 'urn:uuid:cccccccc-0000-0000-0000-000000000003' })
    t.equal(urn.isError, true)
    t.equal(urn.value.error.code, 'not_found', 'a non-canonical id is simply not found')
  })
})
