// The MCP transport rules of docs/contract.md §10: GET and DELETE answer 405 with Allow: POST (a stateless server offers
// no SSE stream); a foreign Origin answers 403; params of the wrong shape are -32602 naming the problem; the
// unknown-tool message says it once; every tool has a title and annotations.
import t from 'tap'
import { TOOLS } from '../../src/mcp/tools.js'
import { eachApp } from '../helpers/app.js'
import { MCP_HEADERS, mcp, seriesTenant } from '../series/fixtures.js'

t.test('GET and DELETE /api/mcp answer 405 with Allow: POST', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/mcp', headers: { ...tenant.headers, accept: 'text/event-stream' } })
      t.equal(res.statusCode, 405, method)
      t.equal(res.headers.allow, 'POST', method)
      t.strictSame(res.json(), { jsonrpc: '2.0', id: null, error: { code: -32000, message: `Method not allowed: ${method} /api/mcp; this stateless server answers POST only (no SSE stream, no session to delete)` } })
    }
  })
})

t.test('a request whose Origin is not in MCP_ALLOWED_ORIGINS answers 403', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const ping = (origin?: string) => app.inject({
      method: 'POST',
      url: '/api/mcp',
      headers: { ...MCP_HEADERS, ...tenant.headers, ...(origin === undefined ? {} : { origin }) },
      payload: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })
    })
    const foreign = await ping('https://evil.example')
    t.equal(foreign.statusCode, 403)
    t.strictSame(foreign.json(), { error: { code: 'origin_not_allowed', message: 'Origin https://evil.example is not allowed to call /api/mcp (MCP_ALLOWED_ORIGINS)' } })
    t.equal((await ping('https://app.example')).statusCode, 200, 'a listed origin passes')
    t.equal((await ping()).statusCode, 200, 'no Origin (not a browser) passes')
  }, { env: { MCP_ALLOWED_ORIGINS: 'https://app.example, http://localhost:6274' } })
})

t.test('params of the wrong shape answer -32602 naming the problem; the unknown-tool message has one prefix', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const { rpc } = mcp(app, tenant.headers)
    const cases: Array<[unknown, string]> = [
      [{ method: 'tools/call', params: {} }, 'Invalid params: name must be a string'],
      [{ method: 'tools/call', params: { name: 7, arguments: [] } }, 'Invalid params: name must be a string; arguments must be an object'],
      [{ method: 'tools/call', params: { name: 'jobs.list', arguments: 'x' } }, 'Invalid params: arguments must be an object'],
      [{ method: 'initialize', params: { protocolVersion: 1 } }, 'Invalid params: protocolVersion must be a string; capabilities must be an object; clientInfo must be an object'],
      [{ method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x' } } }, 'Invalid params: clientInfo.version must be a string'],
      [{ method: 'tools/list', params: { cursor: 5 } }, 'Invalid params: cursor must be a string']
    ]
    for (const [message, text] of cases) {
      const res = await rpc({ jsonrpc: '2.0', id: 3, ...(message as object) })
      t.equal(res.status, 200, text)
      t.strictSame(res.body, { jsonrpc: '2.0', id: 3, error: { code: -32602, message: text } }, text)
    }
    const unknown = await rpc({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'job_series.delete', arguments: {} } })
    t.strictSame(unknown.body, { jsonrpc: '2.0', id: 4, error: { code: -32602, message: 'Unknown tool: job_series.delete' } })
  })
})

t.test('every tool has a title and annotations; job_series.update does not advertise dtstart', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const { rpc } = mcp(app, tenant.headers)
    const tools = (await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).body.result.tools as any[]
    t.equal(tools.length, TOOLS.length)
    for (const tool of tools) {
      t.type(tool.title, 'string', `${tool.name} has a title`)
      t.strictSame(Object.keys(tool.annotations).sort(), ['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint', 'title'], tool.name)
      t.equal(tool.annotations.openWorldHint, false, tool.name)
      const reads = tool.name.endsWith('.list') || tool.name.endsWith('.get') || tool.name.endsWith('.preview')
      t.equal(tool.annotations.readOnlyHint, reads, `${tool.name} readOnlyHint`)
      if (reads) t.equal(tool.annotations.destructiveHint, false, `${tool.name} is not destructive`)
    }
    const byName = new Map(tools.map((tool) => [tool.name, tool]))
    t.strictSame(byName.get('job_series.list').annotations, { title: 'List job series', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false })
    t.strictSame(byName.get('job_series.end').annotations, { title: 'End a job series', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false })
    t.strictSame(byName.get('job_series.create').annotations, { title: 'Create a job series', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false })
    t.notOk('dtstart' in byName.get('job_series.update').inputSchema.properties, 'update does not offer dtstart')

    const { tool } = mcp(app, tenant.headers)
    const withDtstart = await tool('job_series.update', { id: '00000000-0000-4000-8000-000000000000', dtstart: '2026-01-01' })
    t.equal(withDtstart.value.error.code, 'invalid_input', 'a dtstart argument is still refused')
    const two = await tool('job_series.create', { title: 5, rrule: 'FREQ=DAILY', timezone: 'UTC' })
    t.strictSame(two.value.error.details, [{ field: 'dtstart', message: 'is required' }, { field: 'title', message: 'must be string' }], 'every problem at once')
  })
})
