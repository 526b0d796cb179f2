// Shutdown (SIGTERM: stop accepting, finish in-flight requests, within 10 s — src/main.ts): app.close() waits for the
// requests in flight, and only for them. Node's server.close() closes the keep-alive connections that have served a
// request, but not one that has sent nothing yet (a client connecting ahead, or fetch's pool after a request was
// aborted while its connection was being made): close() waited until that client let go, which the SDK's worker
// or any HTTP pool may not do for minutes. Once closing begins, a connection with no request in flight is closed,
// and one with a request is ended after its last answer.
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'

export function registerConnectionDrain (app: FastifyInstance): void {
  const requests = new Map<Socket, number>()
  let closing = false
  app.server.on('connection', (socket: Socket) => {
    if (closing) { socket.destroy(); return }
    requests.set(socket, 0)
    socket.once('close', () => requests.delete(socket))
  })
  app.server.on('request', (request, response) => {
    const socket = request.socket
    requests.set(socket, (requests.get(socket) ?? 0) + 1)
    response.once('close', () => {
      const left = (requests.get(socket) ?? 1) - 1
      requests.set(socket, left)
      // end(), not destroy(): the answer may still be on its way out.
      if (closing && left === 0) socket.end()
    })
  })
  app.addHook('preClose', async () => {
    closing = true
    for (const [socket, inFlight] of requests) if (inFlight === 0) socket.destroy()
  })
}
