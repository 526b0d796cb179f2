// Errors raised before routing answer in the contract's error shape too (CONTRACT §4, §10): bad percent-encoding,
// a URL over the limit (414), headers too large (431), malformed HTTP (400).
import { connect } from 'node:net'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'

/** Sends raw bytes to the listening app and returns the status line and the body of its answer. */
async function raw (port: number, request: string): Promise<{ status: number, headers: string, body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk) => { data += chunk })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n')
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body })
    })
    socket.write(request)
  })
}

t.test('bad percent-encoding and URLs over the limit answer in the error shape', async (t) => {
  const { app } = await buildTestApp(t, 'pglite')
  const tenant = await createTenant(app)
  const bad = await app.inject({ method: 'GET', url: '/v1/recurring/%E0%A4%A', headers: tenant.headers })
  t.equal(bad.statusCode, 400)
  t.strictSame(bad.json(), { error: { code: 'invalid_request', message: 'The URL is not valid: bad percent-encoding' } })
  t.ok(bad.headers['x-request-id'])

  const long = await app.inject({ method: 'GET', url: `/v1/recurring/${'a'.repeat(2000)}`, headers: tenant.headers })
  t.equal(long.statusCode, 414)
  t.strictSame(long.json(), { error: { code: 'invalid_request', message: 'The URL is too long: a path segment is over 1024 characters' } })
  const longQuery = await app.inject({ method: 'GET', url: `/v1/recurring?cursor=${'a'.repeat(9000)}`, headers: tenant.headers })
  t.equal(longQuery.statusCode, 414)
  t.strictSame(longQuery.json(), { error: { code: 'invalid_request', message: 'The URL is too long: over 8192 characters' } })
  const fine = await app.inject({ method: 'GET', url: `/v1/recurring/${'a'.repeat(200)}`, headers: tenant.headers })
  t.equal(fine.statusCode, 404, 'a 200-character id is looked up as usual')
})

t.test('headers too large (431) and malformed HTTP (400) answer in the error shape', async (t) => {
  const { app } = await buildTestApp(t, 'pglite')
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = (app.server.address() as { port: number }).port

  const huge = await raw(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
  t.equal(huge.status, 431)
  t.match(huge.headers, /content-type: application\/json/i)
  t.strictSame(JSON.parse(huge.body), { error: { code: 'invalid_request', message: 'The request headers are too large' } })

  const garbage = await raw(port, 'GET /healthz HTTP/1.1\r\nHost x\r\n\r\n')
  t.equal(garbage.status, 400)
  t.strictSame(JSON.parse(garbage.body), { error: { code: 'invalid_request', message: 'The request is not valid HTTP' } })

  const ok = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  t.equal(ok.status, 200, 'the server still answers')
})
