// What an error log may carry (docs/contract.md §10): never SQL parameters, payloads, results or tokens. Drizzle's query
// errors put the parameters in their message ("Failed query: … params: …") and in `params`; PostgreSQL errors
// echo the offending value in their message ('invalid input syntax for type uuid: "…"') and in `detail`
// ("Key (id)=(…) already exists"). The serializer keeps what an operator needs — the error's type, code, the SQL
// text with its placeholders, the stack frames — and drops the rest.

interface LoggedError {
  [key: string]: unknown
  type: string
  message: string
  stack: string
  code?: string
  cause?: LoggedError
}

function redactMessage (message: string): string {
  const withoutParams = message.replace(/\nparams:[\s\S]*$/, '')
  return withoutParams.replace(/(: )"[\s\S]*"$/, '$1"…"')
}

function framesOf (stack: unknown): string {
  if (typeof stack !== 'string') return ''
  // The first lines of a stack repeat the message (and with it the parameters); the frames start at "    at ".
  return stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n')
}

/** Pino's `err` serializer. */
export function errorForLog (error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'a non-Error value was thrown', stack: '' }
  const e = error as Error & { code?: unknown }
  const logged: LoggedError = { type: e.name, message: redactMessage(e.message), stack: framesOf(e.stack) }
  if (typeof e.code === 'string') logged.code = e.code
  if (e.cause !== undefined && depth < 3) logged.cause = errorForLog(e.cause, depth + 1)
  return logged
}

/** The logger options every app gets: the error serializer above, and no Authorization header ever. */
export const LOG_SERIALIZERS = { err: errorForLog }
export const LOG_REDACT = { paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token'], censor: '[redacted]' }
