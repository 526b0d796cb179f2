// The one JSON body parser (docs/contract.md §4, §10). JSON.parse accepts what we cannot store: "\u0000" and "\uD800"
// escapes become U+0000 and lone surrogates, 1e400 becomes Infinity. The parsed body is walked once, before
// validation, and any such value is refused with 400 naming its field, so no handler or database ever sees it.
// An empty body counts as no body, so POST …/trigger works with or without `{}`.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'
import { describeIssues, jsonProblems, textProblem } from '../schemas/text.js'

/** invalid_input on the job-series side (docs/contract.md §7), invalid_request elsewhere. */
function codeFor (request: FastifyRequest): 'invalid_request' | 'invalid_input' {
  return request.routeOptions.config?.validationCode ?? 'invalid_request'
}

export function registerJsonBody (app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = body as string
    if (text.trim() === '') { done(null, undefined); return }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      done(new ApiError(codeFor(request), 'Request body is not valid JSON'), undefined)
      return
    }
    const issues = jsonProblems(value)
    if (issues.length > 0) { done(new ApiError(codeFor(request), describeIssues('body', issues), issues), undefined); return }
    done(null, value)
  })
}

/**
 * preValidation hook: query strings and path parameters are strings too, and may carry %00 (the router and the
 * query parser decode it); they are refused the same way, before the schema sees them.
 */
export function registerParameterText (app: FastifyInstance): void {
  // A callback hook: most requests have no parameters at all, and an async hook costs a promise each (issue 12).
  app.addHook('preValidation', (request, _reply, done) => {
    const error = parameterTextError(request, 'params', request.params) ?? parameterTextError(request, 'querystring', request.query)
    done(error ?? undefined)
  })
}

function parameterTextError (request: FastifyRequest, where: 'params' | 'querystring', values: unknown): ApiError | null {
  if (typeof values !== 'object' || values === null) return null
  const issues = []
  for (const name in values) {
    if (!Object.hasOwn(values, name)) continue
    const value = (values as Record<string, unknown>)[name]
    const field = textProblem(name) === null ? name : JSON.stringify(name)
    const problem = textProblem(name) ?? (Array.isArray(value) ? value : [value])
      .map((item) => typeof item === 'string' ? textProblem(item) : null).find((p) => p !== null) ?? null
    if (problem !== null) issues.push({ field, message: problem })
  }
  return issues.length > 0 ? new ApiError(codeFor(request), describeIssues(where, issues), issues) : null
}
