// The SDK's default transport (clients/typescript/src/transport.ts): node:http on a keep-alive agent behind the typed
// client, answering what fetch would — status, headers, parsed bodies, errors, aborts, redirects — against a plain
// node:http server that records what it was sent.
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { createClient } from '../../clients/typescript/src/index.js'
import { createTransport, LeanRequest } from '../../clients/typescript/src/transport.js'

interface Seen { method: string, url: string, headers: http.IncomingHttpHeaders, body: string, socket: number }

async function server (t: Test, answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const seen: Seen[] = []
  const sockets = new Map<object, number>()
  const s = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => { body += chunk })
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1)
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, socket: sockets.get(req.socket)! })
      answer(req, res, body)
    })
  })
  s.listen(0, '127.0.0.1')
  await once(s, 'listening')
  t.teardown(() => { s.closeAllConnections(); s.close() })
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`
  return { url, seen, client: createClient({ baseUrl: url, token: 'zoop_tk_test' }) }
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body))
}

t.test('requests carry the method, path, query, token and JSON body; answers come back parsed, on one kept-alive connection', async (t) => {
  const { client, seen } = await server(t, (req, res, body) => {
    if (req.method === 'GET') json(res, 200, { data: [], next_cursor: null }, { 'x-request-id': 'r1', 'set-cookie': 'a=1' })
    else json(res, 200, { echoed: JSON.parse(body) })
  })
  const listed = await client.GET('/v1/executions', { params: { query: { status: 'queued', limit: 5 } } })
  t.strictSame(listed.data, { data: [], next_cursor: null })
  t.equal(listed.response.status, 200)
  t.equal(listed.response.headers.get('x-request-id'), 'r1')
  t.equal(listed.response.headers.get('content-type'), 'application/json; charset=utf-8')
  const claimed = await client.POST('/v1/executions/claim', { body: { worker_id: 'wé', limit: 2 } })
  t.strictSame(claimed.data, { echoed: { worker_id: 'wé', limit: 2 } })

  t.strictSame(seen.map((s) => [s.method, s.url, s.socket]), [
    ['GET', '/v1/executions?status=queued&limit=5', 1],
    ['POST', '/v1/executions/claim', 1]
  ])
  t.equal(seen[0]!.headers.authorization, 'Bearer zoop_tk_test')
  t.equal(seen[0]!.headers['content-type'], undefined, 'no body, no content type')
  t.equal(seen[1]!.headers['content-type'], 'application/json')
  t.equal(seen[1]!.headers['content-length'], String(Buffer.byteLength('{"worker_id":"wé","limit":2}')))
  t.equal(seen[1]!.headers.connection, 'keep-alive')
})

t.test('error statuses give the parsed error body (or its text), 204 gives no data', async (t) => {
  const { client } = await server(t, (req, res) => {
    if (req.url === '/v1/recurring/rjob_gone') json(res, 404, { error: { code: 'not_found', message: 'No recurring job rjob_gone' } })
    else if (req.url === '/v1/recurring/rjob_text') res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway')
    else res.writeHead(204).end()
  })
  const missing = await client.GET('/v1/recurring/{id}', { params: { path: { id: 'rjob_gone' } } })
  t.strictSame([missing.response.status, missing.data, missing.error], [404, undefined, { error: { code: 'not_found', message: 'No recurring job rjob_gone' } }])
  const text = await client.GET('/v1/recurring/{id}', { params: { path: { id: 'rjob_text' } } })
  t.strictSame([text.response.status, text.error], [502, 'bad gateway'])
  const deleted = await client.DELETE('/v1/recurring/{id}', { params: { path: { id: 'rjob_a' } } })
  t.strictSame([deleted.response.status, deleted.data, deleted.error], [204, undefined, undefined])
})

t.test('an aborted request rejects with the signal\'s reason and frees nothing it should not', async (t) => {
  const { client, seen } = await server(t, (req, res) => {
    if (req.url === '/v1/executions/slow') return // never answers
    json(res, 200, { ok: true })
  })
  const reason = new Error('deadline')
  const controller = new AbortController()
  const pending = client.GET('/v1/executions/{id}', { params: { path: { id: 'slow' } }, signal: controller.signal })
  while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
  controller.abort(reason)
  await t.rejects(pending, reason)
  await t.rejects(client.GET('/v1/me', { signal: AbortSignal.abort(reason) }), reason, 'already aborted: not sent')
  t.equal(seen.length, 1)
  const timedOut = await client.GET('/v1/executions/{id}', { params: { path: { id: 'slow' } }, signal: AbortSignal.timeout(50) }).catch((e: unknown) => e)
  t.equal((timedOut as DOMException).name, 'TimeoutError')
  t.strictSame((await client.GET('/v1/me')).data, { ok: true }, 'the client goes on working')
})

t.test('a refused connection and a response cut short are network errors (TypeError with the socket\'s error as cause)', async (t) => {
  const refused = createClient({ baseUrl: 'http://127.0.0.1:1', token: 't' })
  const error = await refused.GET('/v1/me').catch((e: unknown) => e)
  t.type(error, TypeError)
  t.equal(((error as TypeError).cause as NodeJS.ErrnoException).code, 'ECONNREFUSED')

  const { client } = await server(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
    res.write('{"data":')
    setTimeout(() => res.socket?.destroy(), 10)
  })
  const cut = await client.GET('/v1/me').catch((e: unknown) => e)
  t.type(cut, TypeError, 'a body shorter than its content-length')
})

t.test('redirects are followed as fetch follows them', async (t) => {
  const { client, seen } = await server(t, (req, res, body) => {
    if (req.url === '/v1/executions/claim') res.writeHead(307, { location: '/v2/claim' }).end()
    else if (req.url === '/v1/executions/complete') res.writeHead(303, { location: '/v2/done' }).end()
    else json(res, 200, { method: req.method, url: req.url, body })
  })
  const kept = await client.POST('/v1/executions/claim', { body: { worker_id: 'w' } })
  t.strictSame(kept.data, { method: 'POST', url: '/v2/claim', body: '{"worker_id":"w"}' }, '307 keeps the method and body')
  const seeOther = await client.POST('/v1/executions/complete', { body: { worker_id: 'w', items: [] } })
  t.strictSame(seeOther.data, { method: 'GET', url: '/v2/done', body: '' }, '303 turns into a GET without a body')
  t.equal(seen.at(-1)!.headers['content-type'], undefined)
})

t.test('a middleware may hand over a WHATWG Request of its own; it goes through the global fetch', async (t) => {
  const { client, seen } = await server(t, (req, res) => json(res, 200, { header: req.headers['x-added'] ?? null }))
  client.use({
    onRequest ({ request }) {
      const headers = new Headers(request.headers)
      headers.set('x-added', 'yes')
      return new Request(request.url, { method: request.method, headers })
    }
  })
  const { data } = await client.GET('/v1/me')
  t.strictSame(data, { header: 'yes' })
  t.equal(seen[0]!.headers.authorization, 'Bearer zoop_tk_test')
})

t.test('answers are Responses: each way of reading the body gives the bytes once, clone and bodyUsed as fetch has them', async (t) => {
  const body = JSON.stringify({ id: 'exe_1', note: 'é' })
  const { url } = await server(t, (_req, res) => json(res, 200, JSON.parse(body)))
  const transport = createTransport()
  t.teardown(() => transport.close())
  const read = async (how: (r: Response) => Promise<unknown>) => {
    const response = await transport.fetch(new LeanRequest(`${url}/v1/me`))
    t.ok(response instanceof Response)
    t.strictSame([response.status, response.ok, response.headers.get('content-type')], [200, true, 'application/json; charset=utf-8'])
    t.equal(response.bodyUsed, false)
    const copy = response.clone()
    const value = await how(response)
    t.equal(response.bodyUsed, true)
    await t.rejects(response.text(), TypeError, 'a body is read once')
    t.throws(() => response.clone(), TypeError, 'a read body cannot be cloned')
    t.equal(await copy.text(), body, 'the clone has its own copy')
    return value
  }
  t.equal(await read(async (r) => await r.text()), body)
  t.strictSame(await read(async (r) => await r.json()), JSON.parse(body))
  t.equal(Buffer.from(await read(async (r) => await r.arrayBuffer()) as ArrayBuffer).toString('utf8'), body)
  const blob = await read(async (r) => await r.blob()) as Blob
  t.equal(blob.type, 'application/json; charset=utf-8')
  t.equal(await blob.text(), body)
  t.equal(await read(async (r) => await new Response(r.body).text()), body, 'the body stream')
  t.equal(await read(async (r) => { t.type(r.body, ReadableStream); return await r.text() }), body, 'asking for the stream, then reading text')
  const { data } = await createClient({ baseUrl: url, token: 't' }).GET('/v1/me')
  t.strictSame(data, JSON.parse(body))
})

t.test('answer headers read as Headers read them: any case, repeated ones joined, set-cookie apart, iteration sorted', async (t) => {
  const { url } = await server(t, (_req, res) => {
    res.setHeader('X-Twice', ['a', 'b'])
    res.setHeader('Set-Cookie', ['k=1', 'l=2'])
    json(res, 200, {}, { 'X-Request-Id': 'r1' })
  })
  const transport = createTransport()
  t.teardown(() => transport.close())
  const answer = async () => await transport.fetch(new LeanRequest(`${url}/v1/me`))
  const plain = (await fetch(`${url}/v1/me`)).headers
  const headers = (await answer()).headers
  t.ok(headers instanceof Headers)
  t.equal(headers.get('x-twice'), 'a, b')
  t.equal(headers.get('X-REQUEST-ID'), 'r1')
  t.equal(headers.get('set-cookie'), plain.get('set-cookie'))
  t.equal(headers.get('absent'), null)
  t.strictSame(headers.getSetCookie(), ['k=1', 'l=2'])
  t.strictSame([...headers].filter(([k]) => k !== 'date'), [...plain].filter(([k]) => k !== 'date'), 'iterates as fetch\'s Headers')
  const other = (await answer()).headers
  t.equal(other.has('X-Twice'), true)
  other.set('x-twice', 'c')
  t.equal(other.get('x-twice'), 'c', 'a change is seen by get()')
  t.strictSame([...new Headers(other)].find(([k]) => k === 'x-twice'), ['x-twice', 'c'])
})
