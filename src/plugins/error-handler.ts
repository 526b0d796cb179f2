// The only writer of error bodies (CONTRACT §4). ApiError → its code; Fastify's own failures (validation, body
// size, media type, bad JSON, unknown route) and database outages are mapped into the same shape. Nothing of a
// stack trace or SQL ever reaches a client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isConnectionError } from '../db/sql-errors.js'
import { ApiError, type ErrorCode, type FieldIssue } from '../errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The code a schema validation failure answers with: `invalid_input` on the job-series side (CONTRACT §7). */
    validationCode?: 'invalid_request' | 'invalid_input'
  }
}

interface AjvIssue { instancePath?: string, message?: string, keyword?: string, params?: Record<string, unknown> }

function fieldOf (issue: AjvIssue): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.')
  const missing = issue.params?.missingProperty
  if (issue.keyword === 'required' && typeof missing === 'string') return path === '' ? missing : `${path}.${missing}`
  return path === '' ? '(root)' : path
}

function validationError (error: FastifyError, code: ErrorCode): ApiError {
  const issues = (error.validation ?? []) as AjvIssue[]
  const where = error.validationContext ?? 'request'
  // A nullable field (anyOf [T, null]) fails with one issue per branch plus the anyOf itself; a person wants the
  // branch that explains it ("must be string"), so the null branch and the anyOf summary go when it is there.
  const all = issues.map((issue) => ({
    field: fieldOf(issue),
    message: issue.keyword === 'required' ? 'is required' : (issue.message ?? 'is invalid'),
    noise: issue.keyword === 'anyOf' || (issue.keyword === 'type' && issue.params?.type === 'null')
  }))
  const explained = new Set(all.filter((d) => !d.noise).map((d) => d.field))
  const details: FieldIssue[] = all
    .filter((d) => !d.noise || !explained.has(d.field))
    .map(({ field, message }) => ({ field, message }))
  const first = details[0]
  const message = first === undefined
    ? `Invalid ${where}`
    : `Invalid ${where}: ${first.field} ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`
  return new ApiError(code, message, details)
}

const BY_FASTIFY_CODE: Record<string, (error: FastifyError) => ApiError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => new ApiError('payload_too_large', 'Request body is larger than 1 MiB'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new ApiError('unsupported_media_type', 'Request body must be JSON (Content-Type: application/json)'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new ApiError('invalid_request', 'Content-Length does not match the body'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new ApiError('invalid_request', 'Request body is empty but Content-Type is application/json'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new ApiError('invalid_request', 'Request body is not valid JSON')
}

/** Maps any thrown value to the ApiError a client sees. */
export function toApiError (error: unknown, request?: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error
  const e = error as FastifyError
  if (e?.validation !== undefined) {
    return validationError(e, request?.routeOptions.config.validationCode ?? 'invalid_request')
  }
  const byCode = typeof e?.code === 'string' ? BY_FASTIFY_CODE[e.code] : undefined
  if (byCode !== undefined) return byCode(e)
  if (isConnectionError(error)) return new ApiError('unavailable', 'The database is unavailable; try again shortly')
  if (error instanceof SyntaxError && e.statusCode === 400) return new ApiError('invalid_request', 'Request body is not valid JSON')
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500
  if (status === 404) return new ApiError('not_found', e.message)
  if (status === 413) return BY_FASTIFY_CODE.FST_ERR_CTP_BODY_TOO_LARGE!(e)
  if (status === 415) return BY_FASTIFY_CODE.FST_ERR_CTP_INVALID_MEDIA_TYPE!(e)
  if (status >= 400 && status < 500) return new ApiError('invalid_request', e.message)
  return new ApiError('internal', 'An unexpected error occurred')
}

export function sendError (reply: FastifyReply, apiError: ApiError): FastifyReply {
  if (apiError.code === 'unauthorized') reply.header('www-authenticate', 'Bearer')
  if (apiError.code === 'insufficient_scope') reply.header('www-authenticate', 'Bearer error="insufficient_scope"')
  return reply.code(apiError.status).type('application/json; charset=utf-8').send(apiError.toBody())
}

export function registerErrorHandling (app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error, request)
    if (apiError.code === 'internal') request.log.error({ err: error }, 'unhandled error')
    else if (apiError.code === 'unavailable') request.log.warn({ err: error }, 'database unavailable')
    return sendError(reply, apiError)
  })
  app.setNotFoundHandler((request, reply) => {
    return sendError(reply, new ApiError('not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`))
  })
}
