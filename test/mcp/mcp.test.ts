// POST /api/mcp as a protocol (CONTRACT §7): initialize, ping, tools/list with the REST JSON Schemas, tools/call
// results and isError results, and the JSON-RPC errors the contract fixes (-32602, -32600, -32700).
import t from 'tap'
import { TOOLS } from '../../src/mcp/tools.js'
import { withoutIds } from '../../src/schemas/common.js'
import { CreateSeriesBody, SeriesResponse } from '../../src/series/schemas.js'
import { eachApp } from '../helpers/app.js'
import { MCP_HEADERS, mcp, seriesTenant } from '../series/fixtures.js'

const TOOL_NAMES = ['job_series.list', 'job_series.get', 'job_series.create', 'job_series.update', 'job_series.end', 'job_series.preview', 'jobs.list', 'jobs.get', 'jobs.update']

t.test('initialize, ping and tools/list', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const { rpc } = mcp(app, tenant.headers)
    const init = await rpc({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } })
    t.equal(init.status, 200)
    t.match(init.headers['content-type'], /^application\/json/)
    t.equal(init.headers['mcp-session-id'], undefined, 'stateless: no session')
    t.match(init.body, { jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'recurring-jobs' } } })
    t.ok(init.headers['x-request-id'], 'the reply went through Fastify (request id header)')

    const initialized = await rpc({ jsonrpc: '2.0', method: 'notifications/initialized' })
    t.strictSame([initialized.status, initialized.body], [202, undefined], 'a notification is accepted without a body')

    t.strictSame((await rpc({ jsonrpc: '2.0', id: 'p', method: 'ping' })).body, { jsonrpc: '2.0', id: 'p', result: {} })

    const list = await rpc({ jsonrpc: '2.0', id: 2, method: 'tools/list' })
    const tools = list.body.result.tools
    t.strictSame(tools.map((tool: any) => tool.name), TOOL_NAMES)
    const create = tools.find((tool: any) => tool.name === 'job_series.create')
    t.strictSame(create.inputSchema, JSON.parse(JSON.stringify(withoutIds(CreateSeriesBody))), 'the same JSON Schema the REST route validates with')
    t.strictSame(create.outputSchema, JSON.parse(JSON.stringify(withoutIds(SeriesResponse))))
    t.strictSame(create.inputSchema.required, ['title', 'rrule', 'timezone', 'dtstart'])
    const update = tools.find((tool: any) => tool.name === 'job_series.update')
    t.strictSame(update.inputSchema.required, ['id'])
    t.ok(update.inputSchema.properties.preserve_exceptions)
    for (const tool of tools) {
      t.equal(tool.inputSchema.type, 'object', `${tool.name} input is an object schema`)
      t.match(tool.description, /Scope: (read|write):(job_series|jobs)\./)
    }
    t.equal(TOOLS.length, tools.length)
  })
})

t.test('tools/call results and errors', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const { rpc, tool } = mcp(app, tenant.headers)

    const unknown = await rpc({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'job_series.delete', arguments: {} } })
    t.equal(unknown.status, 200)
    t.equal(unknown.body.id, 7)
    t.equal(unknown.body.error.code, -32602, 'unknown tool: invalid params')
    t.match(unknown.body.error.message, /job_series.delete/)

    const notFound = await tool('job_series.get', { id: '00000000-0000-4000-8000-000000000000' })
    t.strictSame(notFound.envelope.result, {
      isError: true,
      content: [{ type: 'text', text: JSON.stringify({ error: { code: 'not_found', message: 'Job series 00000000-0000-4000-8000-000000000000 not found' } }) }]
    })
    const missingArgument = await tool('job_series.get', {})
    t.strictSame(missingArgument.value, { error: { code: 'invalid_input', message: 'Invalid arguments: id is required', details: [{ field: 'id', message: 'is required' }] } })
    const noArguments = await rpc({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'jobs.list' } })
    t.equal(noArguments.body.result.isError, undefined, 'arguments may be omitted when none are required')
    t.equal(noArguments.body.result.structuredContent.count, 0)
    const illTyped = await tool('job_series.get', { id: 42 })
    t.equal(illTyped.value.error.code, 'invalid_input')

    const ok = await tool('job_series.create', { title: 'T', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24', unknown_argument: true })
    t.equal(ok.isError, false)
    t.strictSame(Object.keys(ok.envelope.result).sort(), ['content', 'structuredContent'])
    t.strictSame(ok.envelope.result.content, [{ type: 'text', text: JSON.stringify(ok.value) }])

    const batch = await rpc([{ jsonrpc: '2.0', id: 'a', method: 'ping' }, { jsonrpc: '2.0', id: 'b', method: 'tools/call', params: { name: 'jobs.list', arguments: {} } }])
    t.equal(batch.status, 200)
    t.strictSame(batch.body.map((m: any) => m.id).sort(), ['a', 'b'])

    const method = await rpc({ jsonrpc: '2.0', id: 9, method: 'resources/read', params: { uri: 'x' } })
    t.equal(method.body.error.code, -32601, 'an unknown method is method-not-found')
  })
})

t.test('malformed requests: -32700 for unparsable JSON, -32600 for JSON that is not JSON-RPC; 401 without a key', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const post = (payload: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/api/mcp', headers: { ...MCP_HEADERS, ...tenant.headers, ...headers }, payload })

    for (const payload of ['{"jsonrpc": "2.0", "id": 1, "method": ', 'not json', '']) {
      const res = await post(payload)
      t.equal(res.statusCode, 400, JSON.stringify(payload))
      t.strictSame(res.json(), { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the body is not valid JSON' } })
    }
    const invalid: Array<[unknown, string | number | null]> = [
      [{ id: 1, method: 'ping' }, 1],
      [{ jsonrpc: '1.0', id: 2, method: 'ping' }, 2],
      [{ jsonrpc: '2.0', id: 3 }, 3],
      [{ jsonrpc: '2.0', id: 4, method: 5 }, 4],
      [{ jsonrpc: '2.0', id: 5, method: 'tools/list', params: [1] }, 5],
      [{ jsonrpc: '2.0', id: { x: 1 }, method: 'ping' }, null],
      [[], null],
      [[{ jsonrpc: '2.0', id: 1, method: 'ping' }, 'x'], null],
      ['just a string', null],
      [42, null]
    ]
    for (const [message, id] of invalid) {
      const res = await post(JSON.stringify(message))
      t.equal(res.statusCode, 400, JSON.stringify(message))
      t.equal(res.json().error.code, -32600, JSON.stringify(message))
      t.equal(res.json().id, id)
    }

    // Clients that only accept JSON are served (we always answer JSON); one that accepts neither gets 406.
    const jsonOnly = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }), { accept: 'application/json' })
    t.equal(jsonOnly.statusCode, 200)
    const html = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }), { accept: 'text/html' })
    t.equal(html.statusCode, 406)
    t.equal(html.json().error.code, -32000)

    const noKey = await app.inject({ method: 'POST', url: '/api/mcp', headers: MCP_HEADERS, payload: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) })
    t.strictSame([noKey.statusCode, noKey.json().error.code, noKey.headers['www-authenticate']], [401, 'unauthorized', 'Bearer'])
    const textBody = await post('{"jsonrpc":"2.0","id":1,"method":"ping"}', { 'content-type': 'text/plain' })
    t.equal(textBody.statusCode, 415)
  })
})
