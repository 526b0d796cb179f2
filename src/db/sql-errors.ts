// Classifies database errors: connection failures become 503 `unavailable`, unique violations become the
// contract's conflict codes by constraint name. Drizzle wraps driver errors, so the cause chain is searched.

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'DATABASE_UNAVAILABLE',
  '57P01', '57P02', '57P03' // admin_shutdown, crash_shutdown, cannot_connect_now
])

function * causes (error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    yield current as Record<string, unknown>
    const next = (current as { cause?: unknown }).cause
    if (next === current) return
    current = next
  }
}

/** True when the database cannot be reached (or is shutting down): the request may succeed later. */
export function isConnectionError (error: unknown): boolean {
  for (const e of causes(error)) {
    const code = e.code
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true
    if (Array.isArray(e.errors) && e.errors.some((inner) => isConnectionError(inner))) return true
  }
  return false
}

/** The constraint name of a unique violation (SQLSTATE 23505), or null for anything else. */
export function uniqueViolation (error: unknown): string | null {
  for (const e of causes(error)) {
    if (e.code === '23505') {
      const name = e.constraint_name ?? e.constraint
      return typeof name === 'string' ? name : ''
    }
  }
  return null
}

/** SQLSTATE 40001/40P01: the transaction lost a race and may simply be retried. */
export function isSerializationFailure (error: unknown): boolean {
  for (const e of causes(error)) {
    if (e.code === '40001' || e.code === '40P01') return true
  }
  return false
}

const UNREACHABLE_HOST = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'CONNECT_TIMEOUT'])

/**
 * Why the database could not be reached at start-up, as one line (docs/contract.md §10 "Configuration"): "host
 * unreachable", "authentication failed", "database does not exist" or "database is starting up", with the driver's
 * own words in parentheses. Null when the error is something else (a failing migration, a bug): not worth a retry.
 */
export function unreachableReason (error: unknown): string | null {
  for (const e of causes(error)) {
    const code = e.code
    const detail = typeof e.message === 'string' && e.message !== '' ? e.message : String(code)
    if (code === '3D000') return `database does not exist (${detail})`
    if (code === '28P01' || code === '28000') return `authentication failed (${detail})`
    if (code === '57P03') return `database is starting up (${detail})`
    if (typeof code === 'string' && UNREACHABLE_HOST.has(code)) return `host unreachable (${detail})`
    if (Array.isArray(e.errors)) {
      for (const inner of e.errors) {
        const reason = unreachableReason(inner)
        if (reason !== null) return reason
      }
    }
  }
  return isConnectionError(error) ? `connection lost (${innermostMessage(error)})` : null
}

function innermostMessage (error: unknown): string {
  let message = ''
  for (const e of causes(error)) if (typeof e.message === 'string' && e.message !== '') message = e.message
  return message
}
