// The security headers of every response (X-Content-Type-Options: nosniff and the rest), as helmet decides them with
// contentSecurityPolicy off (the dashboard sends its own CSP). helmet runs once, at start-up, against a recording
// response, and one onRequest hook writes what it set: @fastify/helmet ran helmet's whole middleware chain for
// every request (twelve closures and two hooks, 7 % of a preview's CPU in bench/api.ts). The headers stay helmet's:
// a new helmet release changes them here too. test/plugins/security-headers.test.ts compares them with
// @fastify/helmet's answer. The same hook writes X-Request-Id.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import helmet from 'helmet'

export interface SecurityHeaders {
  /** Name and value, in helmet's order. */
  readonly set: ReadonlyArray<readonly [string, string]>
  readonly removed: readonly string[]
}

/** What helmet's middleware does to a response (it only sets and removes headers, synchronously). */
export function helmetHeaders (): SecurityHeaders {
  const set: Array<[string, string]> = []
  const removed: string[] = []
  const recorder = {
    setHeader (name: string, value: unknown) { set.push([name, String(value)]) },
    removeHeader (name: string) { removed.push(name) }
  }
  let finished = false
  helmet({ contentSecurityPolicy: false })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error !== undefined) throw error instanceof Error ? error : new Error(String(error))
    finished = true
  })
  if (!finished) throw new Error('helmet did not finish synchronously; its headers cannot be computed once')
  return { set, removed }
}

/**
 * The headers every answer carries, written when the request arrives: helmet's, and X-Request-Id (the caller's, or
 * the one Fastify generated). One callback hook and no onSend hook: a route with no onSend hook skips Fastify's
 * onSend runner, and setting X-Request-Id in an onSend hook also cost a second hook per request (issue 12).
 * Written on the raw response, they reach every answer, a hijacked one included.
 */
export function registerResponseHeaders (app: FastifyInstance): void {
  const { set, removed } = helmetHeaders()
  app.addHook('onRequest', (request, reply, done) => {
    const res = reply.raw
    for (const [name, value] of set) res.setHeader(name, value)
    for (const name of removed) res.removeHeader(name)
    res.setHeader('x-request-id', request.id)
    done()
  })
}
