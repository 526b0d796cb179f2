// What every series-side route shares (CONTRACT §7): schema errors answer invalid_input, never invalid_request,
// malformed JSON bodies included, and scopes are checked before the body is validated, so a key without the
// scope learns nothing about the body (403 before 400).
import type { FastifyInstance } from 'fastify'
import type { Scope } from '../auth/scopes.js'
import { ApiError } from '../errors.js'
import { requireScopes } from '../plugins/auth.js'
import { sendError, toApiError } from '../plugins/error-handler.js'

export const seriesSide = { validationCode: 'invalid_input' as const }

export function scopes (...required: Scope[]) {
  return { config: seriesSide, preValidation: requireScopes(...required) }
}

/** Scoped error handler: the app's mapping, with invalid_request turned into invalid_input. */
export function answerInvalidInput (app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    let apiError = toApiError(error, request)
    if (apiError.code === 'invalid_request') apiError = new ApiError('invalid_input', apiError.message, apiError.details)
    if (apiError.code === 'internal') request.log.error({ err: error }, 'unhandled error')
    else if (apiError.code === 'unavailable') request.log.warn({ err: error }, 'database unavailable')
    return sendError(reply, apiError)
  })
}
