// The Worker (docs/contract.md §11): registers its schedules, long-polls claims up to `concurrency`, runs each execution's
// handler with a heartbeat every third of timeout_seconds, and acknowledges (complete / fail) in batches — a
// batch leaves as soon as the previous one is answered, so several ready acknowledgements share one request. A
// handler's slot frees when it returns, not when its acknowledgement is answered (stop() still waits for that).
// Network errors and 503/429 are retried with jittered backoff until they succeed: an acknowledgement is never
// dropped, only made moot when the lease is gone (409), in which case the handler's signal aborts. Every request
// has a deadline (requestTimeoutMs; a claim's is its long-poll wait plus that margin), so one sent on a connection
// that went silent fails and is retried instead of waiting forever. Time and fetch are injectable
// (WorkerInternals) so the loop is testable without sleeping.
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { createClient, type Execution, type RecurringJobsClient } from './client.js'

export interface HandlerContext<Payload = Record<string, unknown>> {
  readonly execution: Execution
  readonly payload: Payload
  /** Aborts when the lease is lost (a heartbeat answered 409) or stop() ran out of grace. */
  readonly signal: AbortSignal
  /** Extends the lease now (besides the automatic heartbeats). */
  heartbeat (): Promise<void>
}

export type Handler = (ctx: HandlerContext<any>) => unknown

export interface ScheduleDefinition {
  job_type: string
  cron_expression: string
  timezone?: string
  queue?: string
  payload?: Record<string, unknown>
  max_attempts?: number
  timeout_seconds?: number
}

/** pino-style: (data, message). */
export interface WorkerLogger {
  debug? (data: object, message: string): void
  info? (data: object, message: string): void
  warn? (data: object, message: string): void
  error? (data: object, message: string): void
}

export interface WorkerOptions {
  baseUrl: string
  token: string
  workerId?: string
  queues?: string[]
  concurrency?: number
  handlers: Record<string, Handler>
  schedules?: ScheduleDefinition[]
  pollSeconds?: number
  logger?: WorkerLogger
  /**
   * How long a request may take before it counts as a network error and is retried (default 30 s). A claim may
   * take its long-poll wait (pollSeconds) plus this.
   */
  requestTimeoutMs?: number
}

export interface StopOptions { graceMs?: number }

/** The clock the loop sleeps on (the service's ManualClock fits). */
export interface WorkerClock {
  now (): Date
  sleep (ms: number, signal?: AbortSignal): Promise<void>
}

/** Seams for tests; not part of the §11 options. */
export interface WorkerInternals {
  fetch?: typeof fetch
  clock?: WorkerClock
  random?: () => number
  /** First retry delay; doubles per failure up to maxRetryMs, times [0.5, 1]. */
  retryBaseMs?: number
  maxRetryMs?: number
}

export interface WorkerEvents {
  claimed: [Execution]
  completed: [Execution]
  failed: [Execution, string]
  released: [Execution]
  error: [Error]
}

/** The most a thrown error's message and stack may take in last_error. */
export const MAX_ERROR_BYTES = 4096
const MAX_BATCH = 500
const MAX_CLAIM = 100
const RETRY_STATUSES = new Set([429, 502, 503, 504])
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000

/** A request that outlived its deadline (retried like any network error). */
export class RequestTimeoutError extends Error {
  constructor (what: string, ms: number) {
    super(`${what} got no answer within ${ms} ms`)
    this.name = 'RequestTimeoutError'
  }
}

const systemClock: WorkerClock = {
  now: () => new Date(),
  sleep: (ms, signal) => new Promise((resolve) => {
    if (signal?.aborted === true) { resolve(); return }
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve() }
    const timer = setTimeout(done, Math.max(0, ms))
    signal?.addEventListener('abort', done, { once: true })
  })
}

type ItemResult = { id: string, ok: true, execution: Execution } | { id: string, ok: false, error: { code: string, message: string } }

interface Job {
  execution: Execution
  readonly abort: AbortController
  readonly stopHeartbeats: AbortController
  /** The lease is gone (409 on a heartbeat) or was given back: the handler's result is dropped. */
  settled: boolean
  finished: Promise<void>
}

/** A thrown value as last_error: message, then stack, at most MAX_ERROR_BYTES of UTF-8. */
export function describeError (error: unknown): string {
  let text: string
  if (error instanceof Error) {
    const stack = error.stack ?? ''
    text = stack.includes(error.message) ? stack : `${error.message}\n${stack}`
  } else {
    text = String(error)
  }
  if (text.trim() === '') text = 'error'
  return truncateUtf8(text, MAX_ERROR_BYTES)
}

function truncateUtf8 (text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  let out = Buffer.from(text).subarray(0, maxBytes).toString('utf8')
  // A cut through a multi-byte character decodes as U+FFFD; drop it.
  while (Buffer.byteLength(out) > maxBytes || out.endsWith('\uFFFD')) out = out.slice(0, -1)
  return out
}

class RetryableError extends Error {}

const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true

/**
 * Sends items in batches of at most MAX_BATCH: the first item leaves at once, the ones that arrive while a
 * batch is in flight leave together with the next.
 */
class Batcher<Item extends { id: string }> {
  #queue: Array<{ item: Item, resolve: (r: ItemResult) => void, reject: (e: unknown) => void }> = []
  #inFlight: Promise<void> | null = null

  constructor (private readonly send: (items: Item[]) => Promise<ItemResult[]>) {}

  add (item: Item): Promise<ItemResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject })
      this.#inFlight ??= this.#drain()
    })
  }

  /** Resolves when everything added so far has been answered. */
  async idle (): Promise<void> {
    while (this.#inFlight !== null) await this.#inFlight
  }

  async #drain (): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH)
        try {
          const results = await this.send(batch.map((b) => b.item))
          batch.forEach((b, i) => {
            const r = results[i]
            if (r === undefined) b.reject(new Error(`no result for ${b.item.id}`))
            else b.resolve(r)
          })
        } catch (error) {
          for (const b of batch) b.reject(error)
        }
      }
    } finally {
      this.#inFlight = null
    }
  }
}

export class Worker extends EventEmitter<WorkerEvents> {
  readonly workerId: string
  readonly #options: Required<Pick<WorkerOptions, 'queues' | 'concurrency' | 'pollSeconds' | 'requestTimeoutMs'>> & WorkerOptions
  readonly #api: RecurringJobsClient
  readonly #clock: WorkerClock
  readonly #random: () => number
  readonly #retryBaseMs: number
  readonly #maxRetryMs: number
  readonly #running = new Map<string, Job>()
  readonly #completes: Batcher<{ id: string, result?: unknown }>
  readonly #fails: Batcher<{ id: string, error: string }>
  readonly #heartbeats: Batcher<{ id: string }>
  /** Completes and fails sent (or waiting in their Batcher) for handlers that have returned, until answered. */
  readonly #acknowledging = new Set<Promise<void>>()
  #stopping = false
  #started = false
  #claimAbort = new AbortController()
  /** Aborts retry sleeps of requests that stop() gives up on (the claim). */
  #loop: Promise<void> | null = null
  #slotFreed: (() => void) | null = null

  constructor (options: WorkerOptions, internals: WorkerInternals = {}) {
    super()
    const concurrency = options.concurrency ?? 1
    const pollSeconds = options.pollSeconds ?? 20
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError('concurrency must be a positive integer')
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    if (!Number.isInteger(pollSeconds) || pollSeconds < 0 || pollSeconds > 30) throw new TypeError('pollSeconds must be an integer from 0 to 30')
    if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0) throw new TypeError('requestTimeoutMs must be a positive number')
    this.#options = { ...options, queues: options.queues ?? ['default'], concurrency, pollSeconds, requestTimeoutMs }
    this.workerId = options.workerId ?? `worker-${randomUUID()}`
    this.#clock = internals.clock ?? systemClock
    this.#random = internals.random ?? Math.random
    this.#retryBaseMs = internals.retryBaseMs ?? 250
    this.#maxRetryMs = internals.maxRetryMs ?? 10_000
    this.#api = createClient({ baseUrl: options.baseUrl, token: options.token, ...(internals.fetch === undefined ? {} : { fetch: internals.fetch }) })
    const workerId = this.workerId
    this.#completes = new Batcher((items) => this.#batch('complete', (signal) => this.#api.POST('/v1/executions/complete', { body: { worker_id: workerId, items }, signal })))
    this.#fails = new Batcher((items) => this.#batch('fail', (signal) => this.#api.POST('/v1/executions/fail', { body: { worker_id: workerId, items }, signal })))
    this.#heartbeats = new Batcher((items) => this.#batch('heartbeat', (signal) => this.#api.POST('/v1/executions/heartbeat', { body: { worker_id: workerId, ids: items.map((i) => i.id) }, signal })))
  }

  /** Executions whose handler is running now. */
  get active (): number { return this.#running.size }

  /** Registers the schedules (POST /v1/workers/register), then starts claiming; resolves once claiming. */
  async start (): Promise<void> {
    if (this.#started) throw new Error('worker already started')
    this.#started = true
    const schedules = this.#options.schedules ?? []
    if (schedules.length > 0) {
      const { error, response } = await this.#request('register', (signal) => this.#api.POST('/v1/workers/register', {
        body: { worker_id: this.workerId, queues: this.#options.queues, job_types: Object.keys(this.#options.handlers), recurring: schedules as never },
        signal
      }))
      if (error !== undefined) throw new Error(`registering schedules answered ${response.status}: ${JSON.stringify(error)}`)
    }
    this.#loop = this.#claimLoop()
  }

  /**
   * Stops claiming, lets running handlers finish within graceMs, then aborts the rest (their signal) and releases
   * them. Resolves when this worker holds no lease and every acknowledgement has been answered.
   */
  async stop ({ graceMs = 10_000 }: StopOptions = {}): Promise<void> {
    if (this.#stopping) { await this.#loop; return }
    this.#stopping = true
    this.#claimAbort.abort()
    this.#slotFreed?.()
    await this.#loop
    const grace = new AbortController()
    const handlersDone = Promise.all([...this.#running.values()].map((j) => j.finished))
    await Promise.race([handlersDone, this.#clock.sleep(graceMs, grace.signal)])
    grace.abort()
    await Promise.all([...this.#running.values()].map(async (job) => {
      if (job.settled) return
      job.settled = true
      job.stopHeartbeats.abort()
      job.abort.abort(new Error('the worker is stopping'))
      await this.#release(job)
    }))
    while (this.#acknowledging.size > 0) await Promise.all(this.#acknowledging)
    await Promise.all([this.#completes.idle(), this.#fails.idle(), this.#heartbeats.idle()])
  }

  async #claimLoop (): Promise<void> {
    const { queues, concurrency, pollSeconds, requestTimeoutMs } = this.#options
    let failures = 0
    while (!this.#stopping) {
      const free = concurrency - this.#running.size
      if (free <= 0) {
        await new Promise<void>((resolve) => { this.#slotFreed = resolve })
        this.#slotFreed = null
        continue
      }
      let claimed: Execution[]
      try {
        const { data, error, response } = await this.#request('claim', (signal) => this.#api.POST('/v1/executions/claim', {
          body: { worker_id: this.workerId, queues, limit: Math.min(free, MAX_CLAIM), wait_seconds: pollSeconds },
          signal
        }), { signal: this.#claimAbort.signal, timeoutMs: pollSeconds * 1000 + requestTimeoutMs })
        if (data === undefined) throw new Error(`claim answered ${response.status}: ${JSON.stringify(error)}`)
        claimed = data.data
        failures = 0
      } catch (error) {
        if (this.#stopping) return
        // Not retryable by #request (401, 403, 400…): report it and try again later rather than spin.
        this.#report(error, 'claim failed')
        await this.#clock.sleep(this.#retryDelayMs(++failures), this.#claimAbort.signal)
        continue
      }
      for (const execution of claimed) this.#run(execution)
    }
  }

  #run (execution: Execution): void {
    const job: Job = { execution, abort: new AbortController(), stopHeartbeats: new AbortController(), settled: false, finished: Promise.resolve() }
    this.#running.set(execution.id, job)
    this.emit('claimed', execution)
    job.finished = this.#handle(job).catch((error: unknown) => this.#report(error, 'handling an execution failed')).finally(() => {
      this.#running.delete(execution.id)
      this.#slotFreed?.()
    })
  }

  async #handle (job: Job): Promise<void> {
    const { execution } = job
    const heartbeats = this.#heartbeatLoop(job)
    const handler = Object.hasOwn(this.#options.handlers, execution.job_type) ? this.#options.handlers[execution.job_type] : undefined
    let outcome: { ok: true, result: unknown } | { ok: false, error: string }
    if (handler === undefined) {
      outcome = { ok: false, error: `no handler for ${execution.job_type}` }
    } else {
      try {
        const result = await handler({
          execution,
          payload: execution.payload,
          signal: job.abort.signal,
          heartbeat: () => this.#heartbeat(job)
        })
        outcome = { ok: true, result }
      } catch (error) {
        outcome = { ok: false, error: describeError(error) }
      }
    }
    job.stopHeartbeats.abort()
    await heartbeats
    if (job.settled) return // lease lost or released: the result is dropped
    job.settled = true
    // The slot frees as soon as this returns: the acknowledgement waits in its Batcher (stop() waits for it there)
    // while the claim loop fills the slot, so a handler's throughput is not bounded by the acknowledgement's round trip.
    const acknowledged = this.#acknowledge(execution, outcome).catch((error: unknown) => this.#report(error, 'acknowledging an execution failed'))
    this.#acknowledging.add(acknowledged)
    // eslint-disable-next-line no-void -- removes itself; errors were reported above
    void acknowledged.finally(() => this.#acknowledging.delete(acknowledged))
  }

  async #acknowledge (execution: Execution, outcome: { ok: true, result: unknown } | { ok: false, error: string }): Promise<void> {
    if (outcome.ok) {
      const r = await this.#completes.add(outcome.result === undefined ? { id: execution.id } : { id: execution.id, result: outcome.result })
      if (r.ok) this.emit('completed', r.execution)
      else this.#report(new Error(`complete of ${execution.id} answered ${r.error.code}: ${r.error.message}`), 'result dropped')
    } else {
      const r = await this.#fails.add({ id: execution.id, error: outcome.error })
      if (r.ok) this.emit('failed', r.execution, outcome.error)
      else this.#report(new Error(`fail of ${execution.id} answered ${r.error.code}: ${r.error.message}`), 'failure dropped')
    }
  }

  /** Heartbeats at a third of timeout_seconds until the handler ends. */
  async #heartbeatLoop (job: Job): Promise<void> {
    const intervalMs = Math.max(1, job.execution.timeout_seconds) * 1000 / 3
    const stop = job.stopHeartbeats.signal
    while (!stop.aborted) {
      await this.#clock.sleep(intervalMs, stop)
      if (stop.aborted) return
      await this.#heartbeat(job).catch((error: unknown) => this.#report(error, 'heartbeat failed'))
    }
  }

  async #heartbeat (job: Job): Promise<void> {
    if (job.settled) return
    const r = await this.#heartbeats.add({ id: job.execution.id })
    if (r.ok) {
      job.execution = r.execution
      return
    }
    // docs/contract.md §11: a 409 on heartbeat aborts the handler's signal and drops its result.
    if (!job.settled) {
      job.settled = true
      job.stopHeartbeats.abort()
      job.abort.abort(new Error(`lease lost: ${r.error.message}`))
      this.#log('warn', { executionId: job.execution.id, code: r.error.code }, 'lease lost; the handler is aborted and its result dropped')
    }
  }

  async #release (job: Job): Promise<void> {
    const { data, error, response } = await this.#request('release', (signal) => this.#api.POST('/v1/executions/{id}/release', {
      params: { path: { id: job.execution.id } }, body: { worker_id: this.workerId }, signal
    }))
    if (data !== undefined) this.emit('released', data)
    // 409/404: the lease had already gone (expired); nothing is held either way.
    else this.#report(new Error(`release of ${job.execution.id} answered ${response.status}: ${JSON.stringify(error)}`), 'release refused')
  }

  async #batch (what: string, call: (signal: AbortSignal) => Promise<{ data?: { results: ItemResult[] }, error?: unknown, response: Response }>): Promise<ItemResult[]> {
    const { data, error, response } = await this.#request(what, call)
    if (data === undefined) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(error)}`)
    return data.results
  }

  /**
   * One request, retried with jittered backoff on network errors (a missed deadline among them) and 429/502/503/504
   * until it is answered. Each attempt gets `timeoutMs` (requestTimeoutMs by default), reading the body included;
   * `signal` gives up altogether (stop()).
   */
  async #request<R extends { response: Response }> (what: string, call: (signal: AbortSignal) => Promise<R>,
    { signal, timeoutMs = this.#options.requestTimeoutMs }: { signal?: AbortSignal, timeoutMs?: number } = {}): Promise<R> {
    for (let failures = 1; ; failures++) {
      let error: unknown
      try {
        const r = await this.#attempt(what, call, timeoutMs, signal)
        if (!RETRY_STATUSES.has(r.response.status)) return r
        error = new RetryableError(`${what} answered ${r.response.status}`)
      } catch (caught) {
        if (isAborted(signal)) throw caught
        error = caught
      }
      const delayMs = this.#retryDelayMs(failures)
      this.#log('warn', { err: error, attempt: failures, retryInMs: delayMs }, `${what} failed; retrying`)
      if (failures === 1) this.#report(error, `${what} failed; retrying`)
      await this.#clock.sleep(delayMs, signal)
      if (isAborted(signal)) throw error
    }
  }

  /** One try of a request: aborted when `signal` aborts, and rejected with RequestTimeoutError after `timeoutMs`. */
  async #attempt<R> (what: string, call: (signal: AbortSignal) => Promise<R>, timeoutMs: number, signal: AbortSignal | undefined): Promise<R> {
    const abort = new AbortController()
    const ended = new AbortController()
    const giveUp = () => abort.abort(signal?.reason)
    signal?.addEventListener('abort', giveUp, { once: true })
    if (signal?.aborted === true) giveUp()
    // eslint-disable-next-line no-void -- the sleep never rejects; its only effect is the abort
    void this.#clock.sleep(timeoutMs, ended.signal).then(() => { if (!ended.signal.aborted) abort.abort(new RequestTimeoutError(what, timeoutMs)) })
    try {
      return await call(abort.signal)
    } catch (error) {
      // fetch rejects with the signal's reason, or with its own error about the abort: name the deadline either way.
      throw abort.signal.reason instanceof RequestTimeoutError ? abort.signal.reason : error
    } finally {
      ended.abort()
      signal?.removeEventListener('abort', giveUp)
    }
  }

  #retryDelayMs (failures: number): number {
    const base = Math.min(this.#retryBaseMs * 2 ** Math.min(failures - 1, 20), this.#maxRetryMs)
    return Math.round(base * (0.5 + 0.5 * this.#random()))
  }

  #report (error: unknown, message: string): void {
    const err = error instanceof Error ? error : new Error(String(error))
    this.#log('error', { err }, message)
    // An EventEmitter throws an 'error' nobody listens to; the worker must not die of a report.
    if (this.listenerCount('error') > 0) this.emit('error', err)
  }

  #log (level: keyof WorkerLogger, data: object, message: string): void {
    this.#options.logger?.[level]?.(data, message)
  }
}
