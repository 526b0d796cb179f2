// Shutdown (SIGTERM: stop accepting, finish in-flight requests, within 10 s — src/main.ts): app.close() waits for the
// requests in flight, and only for them. Node's server.close() closes the keep-alive connections that have served a
// request, but not one that has sent nothing yet (a client connecting ahead, or fetch's pool after a request was
// aborted while its connection was being made): close() waited until that client let go, which the SDK's worker
// or any HTTP pool may not do for minutes. Once closing begins, a connection with no request in flight is closed,
// and one with a request is ended after its last answer.
import type { ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'

// Requests in flight on a socket, and the socket of a response, kept on the objects themselves: a request costs two
// property writes and one listener, where a Map of sockets and a once() wrapper per response cost more (issue 12).
const IN_FLIGHT = Symbol('requests in flight')
const SOCKET = Symbol('socket of the response')
type Counted = Socket & { [IN_FLIGHT]?: number }

export function registerConnectionDrain (app: FastifyInstance): void {
  const sockets = new Set<Counted>()
  let closing = false
  // 'close' comes once per response, answered or aborted; the response is dropped after it, and its listener too.
  function answered (this: ServerResponse & { [SOCKET]?: Counted }): void {
    const socket = this[SOCKET]!
    const left = (socket[IN_FLIGHT] ?? 1) - 1
    socket[IN_FLIGHT] = left
    // end(), not destroy(): the answer may still be on its way out.
    if (closing && left === 0) socket.end()
  }
  app.server.on('connection', (socket: Counted) => {
    if (closing) { socket.destroy(); return }
    socket[IN_FLIGHT] = 0
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  app.server.on('request', (request, response: ServerResponse & { [SOCKET]?: Counted }) => {
    const socket: Counted = request.socket
    socket[IN_FLIGHT] = (socket[IN_FLIGHT] ?? 0) + 1
    response[SOCKET] = socket
    response.on('close', answered)
  })
  app.addHook('preClose', async () => {
    closing = true
    for (const socket of sockets) if (socket[IN_FLIGHT] === 0) socket.destroy()
  })
}
