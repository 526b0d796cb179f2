// The only writer of error bodies (docs/contract.md §4). ApiError → its code; Fastify's own failures (validation, body
// size, media type, bad JSON, unknown route) and database outages are mapped into the same shape. Nothing of a
// stack trace or SQL ever reaches a client.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import { isConnectionError } from '../db/sql-errors.js'
import { ApiError, type ErrorCode, type FieldIssue } from '../errors.js'
import { describeIssues } from '../schemas/text.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The code a schema validation failure answers with: `invalid_input` on the job-series side (docs/contract.md §7). */
    validationCode?: 'invalid_request' | 'invalid_input'
  }
}

export interface AjvIssue { instancePath?: string, message?: string, keyword?: string, params?: Record<string, unknown> }

function fieldOf (issue: AjvIssue): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.')
  const missing = issue.params?.missingProperty
  if (issue.keyword === 'required' && typeof missing === 'string') return path === '' ? missing : `${path}.${missing}`
  return path === '' ? '(root)' : path
}

/** A nullable field (`type: [T, 'null']`) fails with Ajv's "must be number,null"; a person reads "must be number or null". */
function typeMessage (issue: AjvIssue): string | undefined {
  const type = issue.params?.type
  const types = Array.isArray(type) ? type.map(String) : typeof type === 'string' ? type.split(',') : []
  if (issue.keyword !== 'type' || types.length < 2) return undefined
  return `must be ${types.join(' or ')}`
}

/** Ajv's issues as the details a person reads, on REST and MCP alike. A nullable field written as anyOf [T, null]
 * fails with one issue per branch plus the anyOf itself; the branch that explains it ("must be string") is kept and
 * the null branch and the anyOf summary go. */
export function fieldIssues (issues: readonly AjvIssue[]): FieldIssue[] {
  const all = issues.map((issue) => ({
    field: fieldOf(issue),
    message: issue.keyword === 'required' ? 'is required' : typeMessage(issue) ?? issue.message ?? 'is invalid',
    noise: issue.keyword === 'anyOf' || (issue.keyword === 'type' && issue.params?.type === 'null')
  }))
  const explained = new Set(all.filter((d) => !d.noise).map((d) => d.field))
  return all.filter((d) => !d.noise || !explained.has(d.field)).map(({ field, message }) => ({ field, message }))
}

function validationError (error: FastifyError, code: ErrorCode): ApiError {
  const details = fieldIssues((error.validation ?? []) as AjvIssue[])
  return new ApiError(code, describeIssues(error.validationContext ?? 'request', details), details)
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
  const retryAfter = (apiError as { retryAfterSeconds?: unknown }).retryAfterSeconds
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter))
  return reply.code(apiError.status).type('application/json; charset=utf-8').send(apiError.toBody())
}

export function registerErrorHandling (app: FastifyInstance): void {
  // A callback hook: every request runs it, and an async one cost a promise each (issue 12).
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.length > MAX_URL_LENGTH) { sendWithStatus(reply, 414, `The URL is too long: over ${MAX_URL_LENGTH} characters`); return }
    done()
  })
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

/** The longest URL we route (docs/contract.md §10: over the limit is 414); path segments stop at the router's maxParamLength. */
export const MAX_URL_LENGTH = 8192
export const MAX_PARAM_LENGTH = 1024

function sendWithStatus (reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).header('x-content-type-options', 'nosniff').type('application/json; charset=utf-8').send(new ApiError('invalid_request', message).toBody())
}

/**
 * Fastify's `frameworkErrors`: failures found while routing, before any hook runs — bad percent-encoding and a
 * path segment longer than the router takes.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  reply.header('x-request-id', request.id)
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendWithStatus(reply, 414, `The URL is too long: a path segment is over ${MAX_PARAM_LENGTH} characters`)
  if (error.code === 'FST_ERR_BAD_URL') return sendWithStatus(reply, 400, 'The URL is not valid: bad percent-encoding')
  return sendWithStatus(reply, 400, 'The request could not be routed')
}

/**
 * Node's `clientError`: the request never became one (headers too large, not HTTP). The socket gets one answer in
 * the error shape and is closed, as Node itself would.
 */
export function clientErrorHandler (error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, message] = error.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'The request headers are too large']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'The request took too long to arrive'] : [400, 'The request is not valid HTTP']
  const body = JSON.stringify(new ApiError('invalid_request', message).toBody())
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy()
}
