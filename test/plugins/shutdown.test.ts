// app.close() (SIGTERM, docs/contract.md §1: stop within 10 s) waits for requests in flight, not for connections that
// have none. Node's server.close() closes only keep-alive connections that have served a request: one that was opened
// and has sent nothing yet (a client connecting ahead, or a request aborted while its connection was being made)
// kept close() waiting until the client gave up — over a minute with fetch's pool.
import { once } from 'node:events'
import { connect, type AddressInfo, type Socket } from 'node:net'
import t from 'tap'
import { ADMIN_TOKEN, buildTestApp } from '../helpers/app.js'

async function within<T> (ms: number, promise: Promise<T>): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([promise, new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), ms) })])
  } finally {
    clearTimeout(timer)
  }
}

t.test('app.close() closes connections with no request in flight and waits for the ones with one', async (t) => {
  const ctx = await buildTestApp(t, 'pglite')
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const port = (ctx.app.server.address() as AddressInfo).port
  const open = async (): Promise<Socket> => {
    const socket = connect(port, '127.0.0.1')
    t.teardown(() => { socket.destroy() })
    await once(socket, 'connect')
    return socket
  }
  const silent = await open()
  const used = await open()
  used.write('GET /healthz HTTP/1.1\r\nhost: test\r\n\r\n')
  await once(used, 'data') // answered; the connection stays open (keep-alive)
  // A request in flight: its body arrives in two parts, the second after close() has begun.
  const body = JSON.stringify({ name: 'Late' })
  const busy = await open()
  busy.write(`POST /admin/v1/tenants HTTP/1.1\r\nhost: test\r\nauthorization: Bearer ${ADMIN_TOKEN}\r\n` +
    `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 5)}`)
  await new Promise((resolve) => setTimeout(resolve, 50))

  const closing = ctx.app.close()
  const silentClosed = once(silent, 'close')
  const usedClosed = once(used, 'close')
  t.not(await within(2_000, silentClosed), 'late', 'the connection that sent nothing is closed')
  t.not(await within(2_000, usedClosed), 'late', 'the idle keep-alive connection is closed')
  t.equal(await within(200, closing), 'late', 'close() still waits for the request in flight')
  let answer = ''
  busy.on('data', (chunk: Buffer) => { answer += chunk.toString() })
  busy.write(body.slice(5))
  t.not(await within(2_000, closing), 'late', 'and resolves once it is answered')
  t.match(answer, /^HTTP\/1.1 201/, 'the request in flight got its answer')
})
