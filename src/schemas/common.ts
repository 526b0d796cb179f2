// Shared TypeBox pieces. The error body has an $id so swagger emits it once, as a component, and every error
// response of every route points at it.
import { Type, type TSchema } from 'typebox'
import { ERROR_CODES, STATUS, type ErrorCode } from '../errors.js'

export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.Unsafe<ErrorCode>({ type: 'string', enum: [...ERROR_CODES], description: 'machine-readable error code (CONTRACT §4)', examples: ['invalid_request'] }),
    message: Type.String({ description: 'text for a person' }),
    details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() })))
  })
}, {
  $id: 'ErrorBody',
  title: 'ErrorBody',
  description: 'Every error answers with this shape.',
  examples: [{ error: { code: 'invalid_request', message: 'body/job_type must be string', details: [{ field: 'job_type', message: 'must be string' }] } }]
})

const ErrorRef = Type.Unsafe<{ error: { code: string, message: string } }>(Type.Ref('ErrorBody'))

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
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()])
export const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'calendar date YYYY-MM-DD', examples: ['2026-07-07'] })
export const Uuid = Type.String({ format: 'uuid', examples: ['0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11'] })

export function Nullable<T extends TSchema> (schema: T) {
  return Type.Union([schema, Type.Null()])
}

export function codesOf (status: number): ErrorCode[] {
  return (Object.keys(STATUS) as ErrorCode[]).filter((code) => STATUS[code] === status)
}
