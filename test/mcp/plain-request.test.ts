import { test } from 'tap'
import { isInitializeRequest, isJSONRPCRequest, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js'
import { isPlainJsonRpcRequest } from '../../src/mcp/route.js'

// A message taken without zod must be one zod takes, unchanged: a JSON-RPC request, not initialize, whose parsed
// copy has the same keys and values. Messages it declines still go through zod (and answer as before).
test('messages taken without zod are requests zod takes unchanged', async (t) => {
  const messages: unknown[] = [
    { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'jobs.list', arguments: {} } },
    { jsonrpc: '2.0', id: 'a', method: 'tools/list' },
    { jsonrpc: '2.0', id: 0, method: 'ping', params: {} },
    { jsonrpc: '2.0', id: -7, method: 'tools/call', params: { name: 'jobs.get', arguments: { id: 'x' }, extra: [1, { a: null }] } },
    { jsonrpc: '2.0', id: 2 ** 53 - 1, method: 'tools/list' },
    { jsonrpc: '2.0', id: 2 ** 53 + 2, method: 'tools/list' },
    { jsonrpc: '2.0', id: 1.5, method: 'tools/list' },
    { jsonrpc: '2.0', id: null, method: 'tools/list' },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } } },
    { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { _meta: { progressToken: 1 }, name: 'jobs.list' } },
    { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { _meta: 'x', name: 'jobs.list' } },
    { jsonrpc: '2.0', id: 1, method: 'tools/call', params: [] },
    { jsonrpc: '2.0', id: 1, method: 'tools/call', params: null },
    { jsonrpc: '2.0', id: 1, method: 'tools/call', extra: true },
    { jsonrpc: '1.0', id: 1, method: 'tools/list' },
    { jsonrpc: '2.0', id: 1, method: 3 },
    { jsonrpc: '2.0', id: 1, result: {} },
    [{ jsonrpc: '2.0', id: 1, method: 'tools/list' }],
    'tools/list',
    null
  ]
  let taken = 0
  for (const message of messages) {
    const label = JSON.stringify(message)
    if (!isPlainJsonRpcRequest(message)) continue
    taken++
    const parsed = JSONRPCMessageSchema.safeParse(message)
    t.ok(parsed.success, `zod takes ${label}`)
    if (!parsed.success) continue
    t.ok(isJSONRPCRequest(parsed.data), `a request: ${label}`)
    t.notOk(isInitializeRequest(parsed.data), `not initialize: ${label}`)
    t.strictSame(parsed.data, message, `unchanged: ${label}`)
    t.same(Object.keys(parsed.data), Object.keys(message as object), `same keys in the same order: ${label}`)
  }
  t.equal(taken, 5, 'the five plain requests are taken without zod')
})
