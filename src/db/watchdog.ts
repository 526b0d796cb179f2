// Client-side deadlines for PostgreSQL (docs/contract.md §10 "database faults"). postgres.js waits for a server that
// stops answering (frozen, or a network path that swallows packets) for as long as it takes, and retries
// reconnects with a backoff that grows to 20 s. The watchdog owns the pool's sockets and keeps, per socket, how
// many requests await their ReadyForQuery. A socket waiting longer than STALL_MS makes it probe the server on a
// fresh connection: a server that answers is merely slow (the query goes on); one that does not is down. Down
// means: the waiting sockets are destroyed (their queries fail with CONNECTION_CLOSED), queries still queued for a
// connection are cancelled, and new queries fail at once with DATABASE_UNAVAILABLE (503) until a probe answers
// again; then `onRestored` listeners run (the scheduler loop wakes instead of finishing its backoff).
import { connect as netConnect, type Socket } from 'node:net'
import postgres from 'postgres'
import { isConnectionError } from './sql-errors.js'

/** A request unanswered this long makes the watchdog ask whether the server is alive. */
export const STALL_MS = 750
/** A probe (fresh connection + select 1) that takes longer means the server is not answering. */
export const PROBE_TIMEOUT_MS = 750
/** While down, the server is probed this often. */
export const DOWN_PROBE_INTERVAL_MS = 250
/** TCP connect, and separately the start-up handshake (postgres.js connect_timeout), give up after this. */
export const CONNECT_TIMEOUT_MS = 1_500
const CHECK_INTERVAL_MS = 100

export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE'
  constructor () { super('the database is not answering') }
}

/** A query of a transaction that has already failed for its caller (its connection closed, or the database went down). */
export class TransactionClosedError extends Error {
  readonly code = 'CONNECTION_CLOSED'
  constructor () { super('the transaction is over: its connection closed') }
}

/** Outstanding requests on one socket, from the message framing of the plaintext protocol. */
class WatchedSocket {
  /** Requests (start-up, Sync, simple Query) that still await ReadyForQuery. */
  outstanding = 0
  waitingSince = 0
  ready = false
  readonly #out = new Framer()
  readonly #in = new Framer()
  #started = false
  #opaque = false

  constructor (readonly socket: Socket) {}

  sent (chunk: Uint8Array): void {
    if (this.#opaque) return
    if (!this.#started) {
      this.#started = true
      // The first message has no type byte: a start-up message, or an SSLRequest after which the bytes are
      // encrypted and the framing is unreadable (then the socket is not watched; connects are still bounded).
      if (chunk.length >= 8 && Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).readUInt32BE(4) === 80877103) {
        this.#opaque = true
        return
      }
      this.#expect(1)
      return
    }
    let flushes = 0
    const requests = this.#out.count(chunk, (type) => {
      if (type === 0x48 /* H Flush: a Describe sent ahead of its Bind, answered without ReadyForQuery */) flushes++
      return type === 0x53 /* S Sync */ || type === 0x51 /* Q Query */
    })
    if (flushes > 0 && !this.#waiting()) this.waitingSince = performance.now()
    if (flushes > 0) this.flushPending = true
    this.#expect(requests)
  }

  /** A Flush was sent and nothing has come back since. */
  flushPending = false

  #waiting (): boolean { return this.outstanding > 0 || this.flushPending }

  received (chunk: Uint8Array): void {
    if (this.#opaque) return
    const ready = this.#in.count(chunk, (type) => type === 0x5a /* Z ReadyForQuery */)
    if (ready > 0) this.ready = true
    this.flushPending = false
    this.outstanding = Math.max(0, this.outstanding - ready)
    this.waitingSince = performance.now() // data came: the server is alive as of now
  }

  stalledFor (nowMs: number): number {
    return this.ready && this.#waiting() ? nowMs - this.waitingSince : 0
  }

  #expect (n: number): void {
    if (n <= 0) return
    if (!this.#waiting()) this.waitingSince = performance.now()
    this.outstanding += n
  }
}

/** Splits a byte stream into protocol messages (type byte + int32 length) and counts the matching types. It reads
 * the bytes in place: every chunk a query sends or receives passes through here (a 20-row answer is 20 DataRows). */
class Framer {
  /** A header split across chunks, and how many of its 5 bytes have come. */
  readonly #header = new Uint8Array(5)
  #have = 0
  #skip = 0

  count (chunk: Uint8Array, match: (type: number) => boolean): number {
    let found = 0
    let i = 0
    const end = chunk.length
    while (i < end) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, end - i)
        this.#skip -= n
        i += n
        continue
      }
      if (this.#have === 0 && end - i >= 5) {
        if (match(chunk[i]!)) found++
        this.#skip = lengthAt(chunk, i + 1) - 4
        i += 5
        continue
      }
      this.#header[this.#have++] = chunk[i++]!
      if (this.#have === 5) {
        if (match(this.#header[0]!)) found++
        this.#skip = lengthAt(this.#header, 1) - 4
        this.#have = 0
      }
    }
    return found
  }
}

/** The big-endian int32 at `at`. */
function lengthAt (bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
}

type PgOptions = { host: string[], port: number[], path?: string | false | undefined }
type Query = Promise<unknown> & { state?: unknown, cancel (): unknown, resolve: (x: unknown) => void, reject: (e: unknown) => void, abandoned?: boolean }

export class Watchdog {
  readonly #url: string
  readonly #sockets = new Set<WatchedSocket>()
  readonly #queued = new Set<Query>()
  readonly #restored = new Set<() => void>()
  #state: 'up' | 'probing' | 'down' = 'up'
  #nextProbeAt = 0
  #hostIndex = 0
  readonly #timer: NodeJS.Timeout

  constructor (url: string) {
    this.#url = url
    this.#timer = setInterval(() => { this.#check() }, CHECK_INTERVAL_MS)
    this.#timer.unref()
  }

  get down (): boolean { return this.#state === 'down' }

  onRestored (listener: () => void): void { this.#restored.add(listener) }

  close (): void { clearInterval(this.#timer) }

  /** The postgres.js `socket` option: a TCP connection with a deadline, watched while it lives. */
  readonly openSocket = async (options: PgOptions): Promise<Socket> => {
    const socket = await connectWithTimeout(options, this.#hostIndex++)
    const watched = new WatchedSocket(socket)
    this.#sockets.add(watched)
    socket.once('close', () => { this.#sockets.delete(watched) })
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean
    socket.write = ((chunk: Uint8Array, ...rest: unknown[]) => { watched.sent(chunk); return write(chunk, ...rest) }) as typeof socket.write
    socket.on('data', (chunk: Buffer) => { watched.received(chunk) })
    return socket
  }

  /**
   * Wraps a postgres.js client (or a transaction's) so each query fails fast while the database is down.
   * `ended` (a transaction's) tells when the transaction is over for its caller: its queries then fail at once.
   */
  guard<T extends postgres.Sql> (sql: T, ended?: () => boolean): T {
    const watchdog = this
    return new Proxy(sql, {
      get (target, property, receiver) {
        if (property === 'unsafe') {
          return (...args: unknown[]) => {
            if (ended?.() === true) throw new TransactionClosedError()
            if (watchdog.down) throw new DatabaseUnavailableError()
            return watchdog.#track((target.unsafe as (...a: unknown[]) => unknown)(...args) as Query)
          }
        }
        if (property === 'begin' || property === 'savepoint') {
          return (...args: unknown[]) => {
            if (ended?.() === true) return Promise.reject(new TransactionClosedError())
            if (watchdog.down) return Promise.reject(new DatabaseUnavailableError())
            const fn = args.pop() as (tx: postgres.Sql) => unknown
            let abandoned = false
            const isAbandoned = () => abandoned || ended?.() === true
            const run = (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[property]!(...args, (tx: postgres.Sql) => {
              // A transaction that only got its connection after we gave up on it must not run late.
              if (abandoned) throw new DatabaseUnavailableError()
              // postgres.js answers the end of this function with COMMIT or ROLLBACK on the transaction's
              // connection, and once the server has closed that connection (the transaction's promise has
              // rejected), 3.4.9 writes it to a socket it already dropped, from a setImmediate: the process dies
              // (porsager/postgres#1208). So the transaction's own queries fail at once after that (the guard's
              // `ended`), and its function is never seen to end: nothing more is written for a transaction that
              // is gone. Its caller has its answer already (the rejection); the closure waits to be collected.
              const held = (): Promise<never> => new Promise<never>(() => {})
              return Promise.resolve().then(() => fn(watchdog.guard(tx, isAbandoned))).then(
                (value) => isAbandoned() ? held() : value,
                (error: unknown) => isAbandoned() || isConnectionError(error) ? held() : Promise.reject(error))
            })
            return Promise.race([run, watchdog.#whenDown()]).catch((error: unknown) => {
              abandoned = true
              throw error
            })
          }
        }
        return Reflect.get(target, property, receiver)
      }
    })
  }

  #downWaiters = new Set<(error: Error) => void>()
  #whenDown (): Promise<never> {
    return new Promise((_resolve, reject) => { this.#downWaiters.add(reject) })
  }

  #track (query: Query): Query {
    this.#queued.add(query)
    const { resolve, reject } = query
    query.resolve = (value) => { this.#queued.delete(query); resolve(value) }
    query.reject = (error) => {
      this.#queued.delete(query)
      if (query.abandoned === true) { reject(new DatabaseUnavailableError()); return }
      if (isConnectionError(error)) this.#suspect()
      reject(error)
    }
    return query
  }

  #check (): void {
    const nowMs = performance.now()
    for (const watched of this.#sockets) {
      if (watched.stalledFor(nowMs) > STALL_MS) {
        if (this.#state === 'down') watched.socket.destroy()
        else this.#suspect()
      }
    }
    if (this.#state === 'down' && nowMs >= this.#nextProbeAt) this.#probeNow()
  }

  #suspect (): void {
    if (this.#state !== 'up' || performance.now() < this.#nextProbeAt) return
    this.#state = 'probing'
    this.#probeNow()
  }

  #probing = false
  #probeNow (): void {
    if (this.#probing) return
    this.#probing = true
    probe(this.#url).then((alive) => {
      this.#probing = false
      const wasDown = this.#state === 'down'
      if (alive) {
        this.#state = 'up'
        // A slow server is not probed again before a stall of the same length has passed.
        this.#nextProbeAt = performance.now() + STALL_MS
        if (wasDown) for (const listener of this.#restored) listener()
      } else {
        this.#nextProbeAt = performance.now() + DOWN_PROBE_INTERVAL_MS
        if (!wasDown) this.#trip()
      }
    }, () => { this.#probing = false })
  }

  #trip (): void {
    this.#state = 'down'
    for (const reject of this.#downWaiters) reject(new DatabaseUnavailableError())
    this.#downWaiters.clear()
    for (const watched of this.#sockets) if (watched.stalledFor(performance.now()) > 0) watched.socket.destroy()
    for (const query of this.#queued) {
      if (query.state != null) continue // on a socket: destroying it failed the query
      query.abandoned = true
      query.cancel() // still queued for a connection: removed from the queue, never sent
    }
  }
}

async function connectWithTimeout (options: PgOptions, index: number): Promise<Socket> {
  const i = index % Math.max(1, options.host.length)
  const host = options.host[i] ?? 'localhost'
  const port = options.port[i] ?? options.port[0] ?? 5432
  const socket = typeof options.path === 'string' && options.path !== '' ? netConnect(options.path) : netConnect(port, host)
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy()
      reject(Object.assign(new Error(`connecting to ${host}:${port} timed out`), { code: 'CONNECT_TIMEOUT' }))
    }, CONNECT_TIMEOUT_MS)
    socket.once('connect', () => { clearTimeout(timer); resolve() })
    socket.once('error', (error) => { clearTimeout(timer); reject(error) })
  })
  return Object.assign(socket, { host })
}

/** Whether the server answers `select 1` on a fresh connection within PROBE_TIMEOUT_MS. */
async function probe (url: string): Promise<boolean> {
  const client = postgres(url, {
    max: 1, onnotice: () => {}, fetch_types: false, connect_timeout: PROBE_TIMEOUT_MS / 1000, backoff: 0, socket: (o: PgOptions) => connectWithTimeout(o, 0)
  } as unknown as postgres.Options<Record<string, postgres.PostgresType>>)
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      client`select 1`,
      new Promise((_resolve, reject) => { timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS) })
    ])
    return true
  } catch {
    return false
  } finally {
    clearTimeout(timer)
    client.end({ timeout: 0 }).catch(() => {})
  }
}
