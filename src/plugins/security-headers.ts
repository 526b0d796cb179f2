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
 * The headers every answer carries, set when the request arrives: helmet's, and X-Request-Id (the caller's, or the
 * one Fastify generated). One callback hook and no onSend hook: a route with no onSend hook skips Fastify's onSend
 * runner. They go into the reply's own headers, which Fastify hands Node in one writeHead: set one by one on the raw
 * response, Node checked each twice and merged the reply's into them (issue 12). Fastify keeps them through its
 * error handling, so a 401, a 404 or a 500 carries them too. What helmet removes (X-Powered-By) nothing here sets.
 */
export function registerResponseHeaders (app: FastifyInstance): void {
  const headers = Object.fromEntries(helmetHeaders().set.map(([name, value]) => [name.toLowerCase(), value]))
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers)
    reply.header('x-request-id', request.id)
    done()
  })
}
