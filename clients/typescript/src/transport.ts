// The client's default transport: node:http(s) on a keep-alive agent, in place of the global fetch (undici). A
// worker's requests are small JSON round trips to one service, and for those fetch spends more CPU in the client
// than the request is worth (bench/workers.ts, per-item drain: 435 µs of client CPU per request with fetch, 140
// with this). The typed client stays openapi-fetch's: it builds a LeanRequest (openapi-fetch's `Request` option)
// instead of a WHATWG Request, and this transport answers with a real Response, so what callers read (status,
// headers, the parsed body) is what fetch would give.
//
// What differs from fetch: redirects are followed as fetch follows them (up to 20; 303, and 301/302 after a POST,
// become a GET without a body), no cookies or proxy variables are applied (Node's fetch applies neither), and
// Response.url is empty. A request that is not a LeanRequest (a middleware returned `new Request(…)`), or whose
// body is neither a string nor bytes, goes to the global fetch unchanged.
import http from 'node:http'
import https from 'node:https'

const LEAN = Symbol('recurring-jobs.LeanRequest')
const NO_BODY_STATUSES = new Set([204, 205, 304])
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 20

/**
 * What openapi-fetch needs of a Request (url, method, headers, body, signal), without building a WHATWG Request.
 * `instanceof LeanRequest` also holds for a global Request, so a middleware may still return `new Request(…)`.
 */
export class LeanRequest {
  readonly [LEAN] = true
  readonly url: string
  readonly method: string
  readonly headers: Headers
  readonly body: string | Uint8Array | null
  readonly signal: AbortSignal | null
  readonly redirect: NonNullable<RequestInit['redirect']>
  /** The body as given, when it is neither a string nor bytes (FormData, a stream…): such a request goes to fetch. */
  readonly #otherBody: RequestInit['body']

  constructor (input: string | URL, init: RequestInit = {}) {
    this.url = String(input)
    this.method = (init.method ?? 'GET').toUpperCase()
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers)
    const body = init.body ?? null
    const plain = body === null || typeof body === 'string' || body instanceof Uint8Array
    this.body = plain ? body : null
    this.#otherBody = plain ? null : body
    this.signal = init.signal ?? null
    this.redirect = init.redirect ?? 'follow'
  }

  static [Symbol.hasInstance] (value: unknown): boolean {
    return value instanceof Request || (typeof value === 'object' && value !== null && LEAN in value)
  }

  /** The same request as a WHATWG Request (for middleware that wants one, and for the fetch fallback). */
  toRequest (): Request {
    return new Request(this.url, {
      method: this.method,
      headers: this.headers,
      body: this.#otherBody ?? this.body,
      signal: this.signal,
      redirect: this.redirect,
      ...(this.#otherBody instanceof ReadableStream ? { duplex: 'half' } : {})
    } as RequestInit)
  }

  get plain (): boolean { return this.#otherBody === null }

  async text (): Promise<string> { return await this.toRequest().text() }
  async json (): Promise<unknown> { return await this.toRequest().json() }
  clone (): LeanRequest {
    return new LeanRequest(this.url, { method: this.method, headers: new Headers(this.headers), body: this.#otherBody ?? this.body, signal: this.signal, redirect: this.redirect })
  }
}

export interface Transport {
  fetch: (request: Request | LeanRequest) => Promise<Response>
  /** Closes the idle keep-alive connections (they do not keep the process alive meanwhile). */
  close: () => void
}

export function createTransport (): Transport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true })
  }
  const send = async (request: LeanRequest): Promise<Response> => {
    let url = new URL(request.url)
    let method = request.method
    let body = request.body
    const headers = request.headers
    for (let redirects = 0; ; redirects++) {
      let response: Response
      try {
        response = await exchange(url, method, headers, body, request.signal, agents)
      } catch (error) {
        // A kept-alive connection the server closed just as it was reused: fetch sends an idempotent request again.
        if (!(error instanceof StaleConnectionError) || !IDEMPOTENT.has(method)) throw error instanceof StaleConnectionError ? error.cause : error
        response = await exchange(url, method, headers, body, request.signal, agents)
      }
      const location = response.headers.get('location')
      if (request.redirect === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === null) return response
      if (request.redirect === 'error') throw new TypeError(`redirect to ${location} refused (redirect: 'error')`)
      if (redirects === MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects from ${request.url}`)
      url = new URL(location, url)
      if (response.status === 303 ? method !== 'HEAD' : (response.status <= 302 && method === 'POST')) {
        method = 'GET'
        body = null
        headers.delete('content-type')
      }
    }
  }
  return {
    fetch: async (request) => {
      if (!(LEAN in request)) return await fetch(request)
      const lean = request as LeanRequest
      return lean.plain ? await send(lean) : await fetch(lean.toRequest())
    },
    close: () => { agents['http:'].destroy(); agents['https:'].destroy() }
  }
}

function exchange (url: URL, method: string, headers: Headers, body: string | Uint8Array | null, signal: AbortSignal | null,
  agents: { 'http:': http.Agent, 'https:': https.Agent }): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) { reject(signal.reason); return }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') { reject(new TypeError(`unsupported protocol ${url.protocol}`)); return }
    const outgoing: Record<string, string> = {}
    for (const [name, value] of headers) outgoing[name] = value
    if (body !== null) outgoing['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength)
    else if (method === 'POST' || method === 'PUT' || method === 'PATCH') outgoing['content-length'] = '0'
    const request = (url.protocol === 'https:' ? https : http).request(url, { method, headers: outgoing, agent: agents[url.protocol] })
    const onAbort = () => request.destroy(signal!.reason instanceof Error ? signal!.reason : new DOMException('This operation was aborted', 'AbortError'))
    signal?.addEventListener('abort', onAbort, { once: true })
    const settle = (error: Error | null, response?: Response) => {
      signal?.removeEventListener('abort', onAbort)
      if (error === null) resolve(response!)
      else if (signal?.aborted === true) reject(signal.reason)
      else if (request.reusedSocket && !answered && (error as NodeJS.ErrnoException).code === 'ECONNRESET') reject(new StaleConnectionError(networkError(error, url)))
      else reject(networkError(error, url))
    }
    let answered = false
    request.on('error', (error) => settle(error))
    request.on('response', (incoming) => {
      answered = true
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('error', (error) => settle(error))
      incoming.on('close', () => { if (!incoming.complete) settle(new Error('the connection closed before the response ended')) })
      incoming.on('end', () => {
        const status = incoming.statusCode ?? 0
        const responseHeaders = new ReceivedHeaders(incoming.rawHeaders) as unknown as Headers
        const content = NO_BODY_STATUSES.has(status) || method === 'HEAD' ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
        try {
          settle(null, new BufferedResponse(content, status, incoming.statusMessage ?? '', responseHeaders) as unknown as Response)
        } catch (error) {
          settle(error as Error) // a status Response refuses (outside 200–599)
        }
      })
    })
    request.end(body ?? undefined)
  })
}

/**
 * The headers of an answer as Node received them, copied into the Headers only when something other than get()
 * asks: openapi-fetch (and most callers) only get() a header or two, and appending each of an answer's twenty-odd
 * headers (every one validated) cost more than the rest of reading them.
 */
interface HeaderMethods {
  get (name: string): string | null
  has (name: string): boolean
  set (name: string, value: string): void
  append (name: string, value: string): void
  delete (name: string): void
  getSetCookie (): string[]
  forEach (callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void
  entries (): IterableIterator<[string, string]>
  keys (): IterableIterator<string>
  values (): IterableIterator<string>
  [Symbol.iterator] (): IterableIterator<[string, string]>
}
// Headers' own type declares its methods as properties, which a subclass may not redefine (see ResponseBase).
const HeadersBase = Headers as unknown as new () => HeaderMethods

class ReceivedHeaders extends HeadersBase {
  #raw: string[] | null

  constructor (raw: string[]) {
    super()
    this.#raw = raw
  }

  override get (name: string): string | null {
    const raw = this.#raw
    if (raw === null) return super.get(name)
    const wanted = name.toLowerCase()
    let value: string | null = null
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i]!.toLowerCase() !== wanted) continue
      // As Headers does: values of a repeated header joined with ", " (set-cookie's too, for get()).
      value = value === null ? raw[i + 1]!.trim() : `${value}, ${raw[i + 1]!.trim()}`
    }
    return value
  }

  override has (name: string): boolean { this.#fill(); return super.has(name) }
  override set (name: string, value: string): void { this.#fill(); super.set(name, value) }
  override append (name: string, value: string): void { this.#fill(); super.append(name, value) }
  override delete (name: string): void { this.#fill(); super.delete(name) }
  override getSetCookie (): string[] { this.#fill(); return super.getSetCookie() }
  override forEach (callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void { this.#fill(); super.forEach(callback, thisArg) }
  override entries (): IterableIterator<[string, string]> { this.#fill(); return super.entries() }
  override keys (): IterableIterator<string> { this.#fill(); return super.keys() }
  override values (): IterableIterator<string> { this.#fill(); return super.values() }
  override [Symbol.iterator] (): IterableIterator<[string, string]> { this.#fill(); return super[Symbol.iterator]() }

  #fill (): void {
    const raw = this.#raw
    if (raw === null) return
    this.#raw = null
    for (let i = 0; i < raw.length; i += 2) super.append(raw[i]!, raw[i + 1]!)
  }
}

/**
 * A Response whose body is already in memory: built without a body stream (a Response made with its body spends
 * most of its construction setting up a ReadableStream that the reader then drains), its text, json, arrayBuffer,
 * blob and bytes read the buffer. Asking for `body` makes it a plain Response from then on (every read goes
 * through that one), so streams, bodyUsed and clone behave as a Response's.
 */
// Response's own type declares these members as properties, which a subclass may not redefine as methods: the base is
// typed by what the subclass uses of it.
const ResponseBase = Response as unknown as new (body: null, init: ResponseInit) => { readonly status: number, readonly statusText: string }

class BufferedResponse extends ResponseBase {
  readonly #content: Buffer | null
  readonly #headers: Headers
  #used = false
  /** The plain Response this became when its body stream was asked for. */
  #plain: Response | undefined

  constructor (content: Buffer | null, status: number, statusText: string, headers: Headers) {
    super(null, { status, statusText })
    this.#content = content
    this.#headers = headers
  }

  get headers (): Headers { return this.#headers }
  get bodyUsed (): boolean { return this.#plain?.bodyUsed ?? this.#used }
  get body (): ReadableStream<Uint8Array> | null {
    if (this.#plain === undefined && this.#content === null) return null
    this.#plain ??= new Response(this.#used || this.#content === null ? null : new Uint8Array(this.#content), { status: this.status, statusText: this.statusText, headers: this.#headers })
    return this.#plain.body
  }

  async text (): Promise<string> { return this.#plain !== undefined ? await this.#plain.text() : this.#take().toString('utf8') }
  async json (): Promise<any> { return this.#plain !== undefined ? await this.#plain.json() : JSON.parse(this.#take().toString('utf8')) }
  async arrayBuffer (): Promise<ArrayBuffer> { return this.#plain !== undefined ? await this.#plain.arrayBuffer() : new Uint8Array(this.#take()).buffer }
  async bytes (): Promise<Uint8Array> { return this.#plain !== undefined ? new Uint8Array(await this.#plain.arrayBuffer()) : new Uint8Array(this.#take()) }
  async blob (): Promise<Blob> {
    return this.#plain !== undefined ? await this.#plain.blob() : new Blob([new Uint8Array(this.#take())], { type: this.#headers.get('content-type') ?? '' })
  }

  async formData (): Promise<FormData> {
    return this.#plain !== undefined ? await this.#plain.formData() : await new Response(new Uint8Array(this.#take()), { headers: this.#headers }).formData()
  }

  clone (): Response {
    if (this.#plain !== undefined) return this.#plain.clone()
    if (this.#used) throw new TypeError('Response.clone: the body has already been read')
    return new BufferedResponse(this.#content, this.status, this.statusText, new Headers(this.#headers)) as unknown as Response
  }

  #take (): Buffer {
    if (this.#used) throw new TypeError('Body is unusable: the body has already been read')
    this.#used = true
    return this.#content ?? EMPTY
  }
}

const EMPTY = Buffer.alloc(0)

class StaleConnectionError extends Error {
  constructor (override readonly cause: Error) { super(cause.message) }
}

/** Fetch's shape of a network error: a TypeError whose cause is the socket's error. */
function networkError (error: Error, url: URL): Error {
  return new TypeError(`request to ${url.origin} failed: ${error.message}`, { cause: error })
}
