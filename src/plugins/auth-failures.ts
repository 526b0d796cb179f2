// Failed authentication is limited per client address (docs/contract.md §10): after 30 failures within a minute, that
// address gets 429 `rate_limited` with Retry-After for the rest of that minute, valid token or not, before any
// token is looked at (so a blocked guesser costs no hashing and no query). API keys, ADMIN_TOKEN and
// METRICS_TOKEN share the count. The window opens at an address's first failure; the table is pruned of ended
// windows whenever it grows, so its size is bounded by the addresses failing within one minute.
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify'
import { ApiError } from '../errors.js'
import type { Clock } from '../time/clock.js'

export const AUTH_FAILURES_PER_MINUTE = 30
const WINDOW_MS = 60_000
const PRUNE_ABOVE = 10_000

declare module 'fastify' {
  interface FastifyInstance {
    authFailures: AuthFailureLimiter
  }
}

export class AuthFailureLimiter {
  readonly #windows = new Map<string, { start: number, count: number }>()

  constructor (private readonly clock: Clock, private readonly max = AUTH_FAILURES_PER_MINUTE) {}

  /** Throws 429 when `address` has used up its failures for this minute. */
  check (address: string): void {
    const window = this.#live(address)
    if (window === undefined || window.count < this.max) return
    const seconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - this.clock.now().getTime()) / 1000))
    throw Object.assign(new ApiError('rate_limited', `Too many failed authentications from this address; retry in ${seconds} s`), { retryAfterSeconds: seconds })
  }

  /** Counts one failure of `address`. */
  fail (address: string): void {
    const window = this.#live(address)
    if (window !== undefined) { window.count++; return }
    if (this.#windows.size >= PRUNE_ABOVE) this.#prune()
    this.#windows.set(address, { start: this.clock.now().getTime(), count: 1 })
  }

  #live (address: string) {
    const window = this.#windows.get(address)
    if (window === undefined) return undefined
    if (window.start + WINDOW_MS <= this.clock.now().getTime()) { this.#windows.delete(address); return undefined }
    return window
  }

  #prune (): void {
    const now = this.clock.now().getTime()
    for (const [address, window] of this.#windows) if (window.start + WINDOW_MS <= now) this.#windows.delete(address)
  }
}

/**
 * Wraps an authentication check as an onRequest hook: blocked addresses are refused first, and every 401 it throws
 * or rejects with is counted. A callback hook, and a check that decides at once may return nothing: every API
 * request runs one, and an async hook around an async check cost two promises per request (issue 12).
 */
export function limitedByAddress (check: (request: FastifyRequest) => Promise<void> | void): onRequestHookHandler {
  return (request, _reply, done) => {
    const limiter = request.server.authFailures
    const failed = (error: unknown): void => {
      if (error instanceof ApiError && error.code === 'unauthorized') limiter.fail(request.ip)
      done(error as Error)
    }
    let pending: Promise<void> | void
    try {
      limiter.check(request.ip)
      pending = check(request)
    } catch (error) {
      failed(error)
      return
    }
    if (pending === undefined) done()
    else pending.then(() => { done() }, failed)
  }
}

export function registerAuthFailureLimit (app: FastifyInstance, clock: Clock): void {
  app.decorate('authFailures', new AuthFailureLimiter(clock))
}
