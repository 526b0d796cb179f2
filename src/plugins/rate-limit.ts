// The per-key rate limit (docs/contract.md §9, §10 "Abuse"): every API request that reaches its handler counts
// against its key (or, without one, its address) in fixed one-minute windows of the service clock, shared by every
// instance on one PostgreSQL database (plugins/rate-limit-store.ts keeps the count). Every counted answer says
//   X-RateLimit-Limit: the limit, X-RateLimit-Remaining: what is left, X-RateLimit-Reset: seconds to the window's end
// and a refused one is 429 `rate_limited` with Retry-After (the same seconds) and those headers, remaining 0.
//
// The count is taken in a preHandler hook, after validation: a request refused 401, 403 or 400 is not counted and
// carries no limit headers. These are the answers @fastify/rate-limit gave with our store; its hook was an async
// function awaiting the key, the store's callback and the check, four promises per request for a count that is
// nearly always known at once (issue 12). This hook is a callback one, and waits only when the store must lease.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import { ApiError } from '../errors.js'
import type { Counted, SharedRateLimitStore } from './rate-limit-store.js'

const RATE_LIMIT_WINDOW_MS = 60_000

export interface RateLimitOptions {
  /** Requests a key may make per window. */
  max: number
  store: SharedRateLimitStore
  /** Whom a request counts against. */
  keyOf: (request: FastifyRequest) => string
}

function answer (reply: FastifyReply, { current, ttl }: Counted, max: number): ApiError | undefined {
  const reset = Math.ceil(ttl / 1000)
  const refused = current > max
  reply.header('x-ratelimit-limit', max)
  reply.header('x-ratelimit-remaining', refused ? 0 : max - current)
  reply.header('x-ratelimit-reset', reset)
  if (!refused) return undefined
  reply.header('retry-after', reset)
  return new ApiError('rate_limited', `Rate limit of ${max} requests per minute exceeded; retry in ${Math.max(1, reset)} s`)
}

/** Counts every request of `app`'s routes before its handler runs (a preHandler hook of that context). */
export function registerRateLimit (app: FastifyInstance, { max, store, keyOf }: RateLimitOptions): void {
  const hook: preHandlerHookHandler = (request, reply, done) => {
    let counted: Counted | Promise<Counted>
    try {
      counted = store.take(keyOf(request), RATE_LIMIT_WINDOW_MS, max)
    } catch (error) {
      done(error as Error)
      return
    }
    if (counted instanceof Promise) counted.then((c) => { done(answer(reply, c, max)) }, done)
    else done(answer(reply, counted, max))
  }
  app.addHook('preHandler', hook)
}
