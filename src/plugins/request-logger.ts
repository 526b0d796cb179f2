// Each request's logger (request.log) is pino's child of the app's logger with the request id bound. Fastify made that
// child for every request, serializing its bindings at once; most requests never write a line at the configured level
// (LOG_LEVEL=warn logs no request that succeeds), so the child was made and dropped (0.5 µs of a preview's 29, issue
// 12). Here request.log stands in for the child and makes it on the first line it writes: the same lines, the same
// bindings, the same redaction, only never made for nothing.
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, LogFn } from 'pino'

/** The app's logger as Fastify builds it from our options: pino. */
type PinoLogger = FastifyBaseLogger & { isLevelEnabled (level: LevelWithSilentOrString): boolean }

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const

class RequestLogger {
  readonly #parent: PinoLogger
  readonly #bindings: Bindings
  #child: FastifyBaseLogger | undefined

  constructor (parent: PinoLogger, bindings: Bindings) {
    this.#parent = parent
    this.#bindings = bindings
  }

  /** pino's child: made once, on first use. */
  get logger (): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings)
    return this.#child
  }

  get level (): string { return (this.#child ?? this.#parent).level }
  set level (level: string) { this.logger.level = level }

  isLevelEnabled (level: LevelWithSilentOrString): boolean {
    return this.#child === undefined ? this.#parent.isLevelEnabled(level) : (this.#child as PinoLogger).isLevelEnabled(level)
  }

  silent (): void {}

  child (bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options)
  }
}

interface RequestLogger extends Record<typeof LEVELS[number], LogFn> {}

for (const level of LEVELS) {
  // A level the app does not log is not written, and needs no child: pino's own method would do nothing.
  RequestLogger.prototype[level] = function (this: RequestLogger, ...args: Parameters<LogFn>) {
    if (this.isLevelEnabled(level)) this.logger[level](...args)
  } as LogFn
}

/** Fastify's childLoggerFactory option: request.log made on its first line (a route's own level or serializers: at once). */
export const requestLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (logger, bindings, options) {
  if (Object.keys(options).length > 0 || typeof (logger as Partial<PinoLogger>).isLevelEnabled !== 'function') return logger.child(bindings, options)
  return new RequestLogger(logger as PinoLogger, bindings) as unknown as FastifyBaseLogger
}
