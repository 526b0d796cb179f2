// Shared TypeBox pieces. The error body has an $id so swagger emits it once, as the `Error` component, and every
// error response of every route points at it.
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox'
import { ERROR_CODES, STATUS, type ErrorCode } from '../errors.js'

export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.Unsafe<ErrorCode>({ type: 'string', enum: [...ERROR_CODES], description: 'machine-readable error code (docs/contract.md §4)', examples: ['invalid_request'] }),
    message: Type.String({ description: 'text for a person' }),
    details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() })))
  })
}, {
  $id: 'Error',
  title: 'Error',
  description: 'Every error answers with this shape.',
  examples: [{ error: { code: 'invalid_request', message: 'body/job_type must be string', details: [{ field: 'job_type', message: 'must be string' }] } }]
})

/** The component every error response points at. */
export const ERROR_COMPONENT = 'Error'
const ErrorRef = Type.Unsafe<{ error: { code: string, message: string } }>(Type.Ref(ERROR_COMPONENT))

/** One message per code for the OpenAPI examples; a code without one (added later) shows a generic text. */
const EXAMPLE_MESSAGE: Partial<Record<ErrorCode, { message: string, details?: Array<{ field: string, message: string }> }>> = {
  invalid_request: { message: 'body/job_type must be string', details: [{ field: 'job_type', message: 'must be string' }] },
  invalid_cron_expression: { message: 'Invalid cron expression "61 * * * *": Minutes: 61 is out of range 0–59', details: [{ field: 'cron_expression', message: 'Minutes: 61 is out of range 0–59' }] },
  invalid_timezone: { message: '"Mars/Olympus_Mons" is not a recognized IANA time zone', details: [{ field: 'timezone', message: 'is not a recognized IANA time zone (e.g. America/New_York)' }] },
  invalid_input: { message: 'title: must NOT have fewer than 1 characters', details: [{ field: 'title', message: 'must NOT have fewer than 1 characters' }] },
  unauthorized: { message: 'A valid API key is required: send Authorization: Bearer <token>' },
  insufficient_scope: { message: 'This key lacks the scope write:recurring' },
  recurring_job_not_found: { message: 'No recurring job with id "rjob_daily_cleanup"' },
  execution_not_found: { message: 'Execution 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 not found' },
  not_found: { message: 'Job series cccccccc-0000-0000-0000-000000000003 not found' },
  recurring_job_type_conflict: { message: 'A schedule with job_type "MyApp.Jobs.CleanupExpiredSessions" already exists under a different id' },
  conflict: { message: 'Another series of this tenant already uses this external_id', details: [{ field: 'external_id', message: 'is already used by another series' }] },
  lease_conflict: { message: 'Execution 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 is leased to another worker' },
  payload_too_large: { message: 'Request body is larger than 1 MiB' },
  unsupported_media_type: { message: 'Request body must be JSON (Content-Type: application/json)' },
  rate_limited: { message: 'Rate limit of 600 requests per minute exceeded; retry in 12 s' },
  internal: { message: 'An unexpected error occurred' },
  unavailable: { message: 'The database is unavailable; try again shortly' }
}

// The series side (job series, jobs, their preview and MCP) answers invalid_input / not_found / conflict; the
// recurring side and the admin API never answer invalid_input.
const SERIES_SIDE = /^\/(v1\/job_series|v1\/jobs|v1\/preview\/rrule|api\/mcp)(\/|$)/
const RECURRING_ONLY = new Set<string>(['invalid_request', 'invalid_cron_expression', 'invalid_timezone', 'recurring_job_not_found', 'execution_not_found', 'recurring_job_type_conflict', 'lease_conflict'])
const EXECUTIONS_NEVER = new Set<string>(['invalid_cron_expression', 'invalid_timezone', 'recurring_job_not_found', 'recurring_job_type_conflict', 'conflict'])
const SCHEDULES_NEVER = new Set<string>(['execution_not_found', 'lease_conflict', 'conflict'])
const ADMIN_PREFIX = /^\/admin\//

/** OpenAPI examples (`{name: {summary, value}}`) of the error codes `status` can carry on the route at `url`. */
export function errorExamples (status: number, url: string): Record<string, { summary: string, value: unknown }> {
  const all = codesOf(status)
  const onRoute = all.filter((code) => {
    if (SERIES_SIDE.test(url)) return !RECURRING_ONLY.has(code)
    if (ADMIN_PREFIX.test(url)) return !RECURRING_ONLY.has(code) || code === 'invalid_request'
    return code !== 'invalid_input' && code !== 'not_found'
  }).filter((code) => !(ADMIN_PREFIX.test(url) && code === 'invalid_input'))
  // The worker protocol under /v1/executions never judges a cron expression or a job_type; the schedule routes
  // never judge a lease or an execution id.
  const excluded = /^\/v1\/executions(\/|$)/.test(url) ? EXECUTIONS_NEVER : /^\/v1\/(recurring|workers|preview\/cron)(\/|$)/.test(url) ? SCHEDULES_NEVER : new Set<string>()
  const narrowed = onRoute.filter((code) => !excluded.has(code))
  const codes = narrowed.length > 0 ? narrowed : onRoute.length > 0 ? onRoute : all
  return Object.fromEntries(codes.map((code) => {
    const example = EXAMPLE_MESSAGE[code] ?? { message: code.replaceAll('_', ' ') }
    return [code, { summary: code, value: { error: { code, ...example } } }]
  }))
}

const DESCRIPTION: Record<number, string> = {
  400: 'Invalid request',
  401: 'Missing, unknown or revoked key',
  403: 'The key lacks a required scope',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed: If-Match / If-None-Match did not hold',
  413: 'Body larger than 1 MiB',
  415: 'Body is not JSON',
  429: 'Rate limited; see Retry-After',
  500: 'Unexpected error',
  501: 'Not implemented',
  503: 'Database unavailable'
}

/** Error responses for a route schema: the listed statuses plus those every API route can answer. */
export function errorResponses (...statuses: number[]): Record<number, TSchema> {
  const all = new Set([...statuses, 500, 503])
  const out: Record<number, TSchema> = {}
  for (const status of [...all].sort()) out[status] = { ...ErrorRef, description: DESCRIPTION[status] ?? 'Error' } as TSchema
  return out
}

/** Statuses that authenticated routes add to their own: 401, 403, 429 and the shared ones. */
export function authedErrorResponses (...statuses: number[]): Record<number, TSchema> {
  return errorResponses(400, 401, 403, 429, ...statuses)
}

export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 UTC, whole seconds', examples: ['2026-03-25T07:00:00Z'] })
export const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'calendar date YYYY-MM-DD', examples: ['2026-07-07'] })
/** The canonical 8-4-4-4-12 form, the only one the validators accept (`format: 'uuid'` is redefined to it). */
export const CANONICAL_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
export const Uuid = Type.String({ format: 'uuid', examples: ['0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11'] })

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean'])

/**
 * `schema` or null. A scalar becomes one schema with `type: [<type>, 'null']` (its format, pattern and bounds
 * still apply to non-null values): an `anyOf` would make fast-json-stringify validate every value against the
 * first branch (an ajv date-time check per nullable timestamp of every row) just to choose how to write it.
 */
export function Nullable<T extends TSchema> (schema: T): TUnsafe<Static<T> | null> {
  const plain = Object.fromEntries(Object.entries(schema).filter(([key]) => !key.startsWith('~'))) as Record<string, unknown>
  if (typeof plain.type === 'string' && SCALAR_TYPES.has(plain.type)) {
    return Type.Unsafe<Static<T> | null>({ ...plain, type: [plain.type, 'null'] })
  }
  return Type.Unsafe<Static<T> | null>({ anyOf: [plain, { type: 'null' }] })
}

export const NullableTimestamp = Nullable(Timestamp)

/** A copy of a schema without `$id` anywhere: the ids name OpenAPI components and must not reach Ajv, where one
 * id on two different schemas (a shape reused by two routes or by MCP tools) is an error. */
export function withoutIds<T> (schema: T): T {
  if (Array.isArray(schema)) return schema.map(withoutIds) as T
  if (schema === null || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key !== '$id') out[key] = withoutIds(value)
  }
  return out as T
}

export function codesOf (status: number): ErrorCode[] {
  return (Object.keys(STATUS) as ErrorCode[]).filter((code) => STATUS[code] === status)
}
