// The typed REST client: every operation of the service's OpenAPI document, by path (openapi-fetch), with the
// API key sent on each request. Types come from openapi.ts, generated from the document. Requests go through
// transport.ts (node:http keep-alive) unless a fetch is given.
import createFetchClient, { type Client } from 'openapi-fetch'
import type { components, paths } from './openapi.js'
import { createTransport, LeanRequest } from './transport.js'

export type { paths, components }
export type RecurringJobsClient = Client<paths>
export type Execution = paths['/v1/executions/{id}']['get']['responses'][200]['content']['application/json']

export interface ClientOptions {
  /** Where the service listens, e.g. http://127.0.0.1:8080 */
  baseUrl: string
  /** An API key (`zoop_uk_…` or `zoop_tk_…`), sent as `Authorization: Bearer <token>`. */
  token: string
  /**
   * A fetch to use instead of the built-in node:http transport (tests, proxies, other runtimes). It receives
   * WHATWG Requests, as with openapi-fetch on its own.
   */
  fetch?: typeof fetch
}

export function createClient (options: ClientOptions): RecurringJobsClient {
  const common = { baseUrl: options.baseUrl.replace(/\/+$/, ''), headers: { authorization: `Bearer ${options.token}` } }
  const fetchImpl = options.fetch
  if (fetchImpl !== undefined) return createFetchClient<paths>({ ...common, fetch: (request: Request) => fetchImpl(request) })
  const transport = createTransport()
  return createFetchClient<paths>({
    ...common,
    Request: LeanRequest as unknown as typeof Request,
    fetch: transport.fetch as (request: Request) => Promise<Response>
  })
}
