// The typed REST client: every operation of the service's OpenAPI document, by path (openapi-fetch), with the
// API key sent on each request. Types come from openapi.ts, generated from the document.
import createFetchClient, { type Client } from 'openapi-fetch'
import type { components, paths } from './openapi.js'

export type { paths, components }
export type RecurringJobsClient = Client<paths>
export type Execution = paths['/v1/executions/{id}']['get']['responses'][200]['content']['application/json']

export interface ClientOptions {
  /** Where the service listens, e.g. http://127.0.0.1:8080 */
  baseUrl: string
  /** An API key (`zoop_uk_…` or `zoop_tk_…`), sent as `Authorization: Bearer <token>`. */
  token: string
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch
}

export function createClient (options: ClientOptions): RecurringJobsClient {
  const fetchImpl = options.fetch ?? globalThis.fetch
  return createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${options.token}` },
    fetch: (request: Request) => fetchImpl(request)
  })
}
