// tools/call of a known tool answered without the SDK Server (issue 12): the route calls the tool itself, where the
// SDK added only zod parses of the request and of the result. What a client reads must not change: each answer is,
// byte for byte, the one the SDK writes for the same call (a batch of one goes through the SDK's own transport,
// which answers it with that call's response alone), and every result is one the SDK's result schema takes as it is.
import t from 'tap'
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { directToolCall } from '../../src/mcp/route.js'
import { eachApp } from '../helpers/app.js'
import { keyFor, MCP_HEADERS, referenceSeries, seriesTenant } from '../series/fixtures.js'

t.test('the calls taken directly: a known tool, params with name and arguments only', async (t) => {
  const call = (params: unknown, id: unknown = 1) => directToolCall({ jsonrpc: '2.0', id, method: 'tools/call', params } as never)
  t.equal(call({ name: 'jobs.list', arguments: {} })?.tool.name, 'jobs.list')
  t.strictSame({ ...call({ name: 'jobs.get', arguments: { id: 'x' } }, 'a'), tool: undefined }, { tool: undefined, id: 'a', args: { id: 'x' } })
  t.equal(call({ name: 'jobs.list' })?.args, undefined, 'no arguments')
  t.equal(call({ name: 'no.such.tool', arguments: {} }), undefined, 'an unknown tool is the SDK\'s -32602')
  t.equal(call({ name: 'jobs.list', arguments: {}, task: { ttl: 1 } }), undefined, 'more params: the SDK decides')
  t.equal(call({ name: 'jobs.list', arguments: [] }), undefined)
  t.equal(call(undefined), undefined)
  t.equal(directToolCall({ jsonrpc: '2.0', id: 1, method: 'tools/list' } as never), undefined)
})

t.test('direct answers are the SDK\'s answers, byte for byte', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const readOnly = await keyFor(app, tenant, 'user', ['read:jobs'])
    const post = (payload: unknown, headers: Record<string, string> = tenant.headers) =>
      app.inject({ method: 'POST', url: '/api/mcp', headers: { ...MCP_HEADERS, ...headers }, payload: JSON.stringify(payload) })
    const request = (id: number | string, name: string, args?: unknown) =>
      ({ jsonrpc: '2.0', id, method: 'tools/call', params: args === undefined ? { name } : { name, arguments: args } })

    const created = JSON.parse((await post(request(1, 'job_series.create', referenceSeries(tenant, { dtstart: '2026-03-02' })))).body)
    t.equal(created.result.isError, undefined, 'the series is created')
    const seriesId = created.result.structuredContent.id as string
    const jobs = JSON.parse((await post(request(2, 'jobs.list', { seriesId }))).body).result.structuredContent.data
    t.ok(jobs.length > 0, 'the series has jobs')

    const cases: Array<[string, unknown, Record<string, string>?]> = [
      ['jobs.list', { seriesId }],
      ['jobs.list', undefined],
      ['jobs.list', { page: 2, unknown_field: true }],
      ['jobs.get', { id: jobs[0].id }],
      ['job_series.get', { id: seriesId }],
      ['job_series.list', {}],
      ['job_series.preview', { rrule: 'FREQ=WEEKLY;BYDAY=MO', timezone: 'America/New_York', dtstart: '2026-03-02', count: 3 }],
      ['job_series.get', { id: '00000000-0000-4000-8000-000000000000' }], // not_found
      ['jobs.get', { id: 'not-a-uuid' }], // invalid_input
      ['jobs.list', { status: 'nope', page: 0 }], // invalid_input, two issues
      ['jobs.update', { id: jobs[0].id, title: 'x' }, readOnly.headers] // insufficient_scope
    ]
    for (const [i, [name, args, headers]] of cases.entries()) {
      const label = `${name} ${JSON.stringify(args)}${headers === undefined ? '' : ' (read-only key)'}`
      const id = i % 2 === 0 ? i : `call-"${i}"`
      const direct = await post(request(id, name, args), headers)
      const viaSdk = await post([request(id, name, args)], headers)
      t.equal(direct.statusCode, 200, label)
      // The SDK answers a batch of one with that one response, not an array.
      t.equal(direct.body, viaSdk.body, `${label}: the SDK's bytes`)
      const result = JSON.parse(direct.body).result
      const parsed = CallToolResultSchema.safeParse(result)
      t.ok(parsed.success, `${label}: a result the SDK's schema takes`)
      t.strictSame(parsed.data, result, `${label}: and takes unchanged`)
    }
  })
})
