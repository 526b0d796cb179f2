// The bytes of a plain tools/call answer (issue 12): the route writes the tool's result once and reuses its text
// for structuredContent, and its Servers stay connected between requests. What a client reads must be what
// JSON.stringify of the SDK's answer was: {result: {content: [{type: 'text', text}], structuredContent}, jsonrpc, id},
// in that order, each concurrent request answered with its own result.
import t, { type Test } from 'tap'
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'
import { answerBytes } from '../../src/mcp/route.js'
import { eachApp } from '../helpers/app.js'
import { MCP_HEADERS, referenceSeries, seriesTenant } from '../series/fixtures.js'

/** What JSON.stringify wrote for the SDK's answer to a tool result `structured`. */
const sdkAnswer = (id: string | number, structured: unknown) =>
  JSON.stringify({ result: { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured }, jsonrpc: '2.0', id })

/** The answer's bytes as text, and checked to be the UTF-8 bytes of that text. */
function answerText (t: Test, ...args: Parameters<typeof answerBytes>): string {
  const bytes = answerBytes(...args)
  const text = bytes.toString('utf8')
  t.equal(bytes.toString('hex'), Buffer.from(text).toString('hex'), 'the bytes are UTF-8')
  return text
}

t.test('answerBytes: the UTF-8 bytes of JSON.stringify of the answer, reused text or not', async (t) => {
  const results: unknown[] = [
    { data: [{ id: 'a"b', title: 'line\nbreak \\ tab\t', n: 1.5, none: null }], count: 1, page: 1, limit: 20 },
    { data: [{ id: 'x', title: 'ünïcode € 𝄞 \u2028' }], count: 1 },
    { data: [{ id: 'x', title: 'a lone surrogate \uD800 and \uDC00' }], count: 1 },
    { data: [], count: 0 }
  ]
  // The SDK answers with its zod copy of the result: equal values, other objects.
  const answer = (id: string | number, result: Record<string, unknown>) => ({ result, jsonrpc: '2.0', id }) as unknown as JSONRPCMessage
  for (const structured of results) {
    const text = JSON.stringify(structured)
    const answered = { structured: structured as Record<string, unknown>, text }
    const copy = () => ({ content: [{ type: 'text', text }], structuredContent: { ...(structured as object) } })
    for (const id of [7, 'req-"1"', 'ünï-id']) {
      t.equal(answerText(t, answer(id, copy()), answered), JSON.stringify(answer(id, copy())), `${text.slice(0, 40)}, id ${JSON.stringify(id)}`)
      t.equal(answerText(t, answer(id, copy()), answered), sdkAnswer(id, structured))
    }
    const other = { ...copy(), structuredContent: { ...(structured as object), count: 2 } }
    t.equal(answerText(t, answer(1, other), answered), JSON.stringify(answer(1, other)), 'another structuredContent is written as it is')
    const extra = { ...copy(), _meta: { x: 1 } }
    t.equal(answerText(t, answer(1, extra), answered), JSON.stringify(answer(1, extra)), 'a result with more fields')
    t.equal(answerText(t, answer(1, copy()), undefined), JSON.stringify(answer(1, copy())), 'no tool answered')
  }
  const answered = { structured: { a: 1 }, text: '{"a":1}' }
  const withError = { isError: true, content: [{ type: 'text', text: '{"error":{}}' }] }
  t.equal(answerText(t, answer(1, withError), answered), JSON.stringify(answer(1, withError)))
  const error = { jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'Unknown tool: x' } } as JSONRPCMessage
  t.equal(answerText(t, error, answered), JSON.stringify(error))
})

t.test('tools/call answers over HTTP: the SDK answer bytes, one result per concurrent request', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const post = (id: number | string, name: string, args: unknown) => app.inject({
      method: 'POST', url: '/api/mcp', headers: { ...MCP_HEADERS, ...tenant.headers }, payload: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } })
    })
    const created = await post(1, 'job_series.create', referenceSeries(tenant))
    const createdBody = JSON.parse(created.body)
    t.equal(created.body, sdkAnswer(1, createdBody.result.structuredContent))
    const id = createdBody.result.structuredContent.id as string

    const calls = Array.from({ length: 24 }, (_, i) => i % 3 === 0
      ? post(`s${i}`, 'job_series.get', { id })
      : i % 3 === 1 ? post(i, 'jobs.list', { page: 1 + (i % 2) }) : post(i, 'job_series.get', { id: '00000000-0000-4000-8000-000000000000' }))
    const answers = await Promise.all(calls)
    answers.forEach((res, i) => {
      const body = JSON.parse(res.body)
      t.equal(body.id, i % 3 === 0 ? `s${i}` : i, `answer ${i} carries its own id`)
      if (i % 3 === 2) {
        t.equal(body.result.isError, true)
        t.equal(res.body, JSON.stringify(body), 'an error result as JSON.stringify wrote it')
        return
      }
      t.equal(res.body, sdkAnswer(body.id, body.result.structuredContent), `answer ${i}: the SDK answer's bytes`)
      if (i % 3 === 0) t.equal(body.result.structuredContent.id, id)
      else t.equal(body.result.structuredContent.page, 1 + (i % 2), `answer ${i}: its own page`)
    })
  })
})
