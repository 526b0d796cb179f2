// The single mapping from a failure inside a tool to MCP's `isError: true` result (docs/contract.md §7). The text is the
// REST error body, so a client reads {"error": {"code", "message", "details"?}} on both transports; the codes are
// the reference document's kinds: invalid_input, not_found, insufficient_scope, conflict, internal (and precondition_failed for if_match, docs/contract.md §13).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { ApiError } from '../errors.js'
import { fieldIssues, toApiError, type AjvIssue } from '../plugins/error-handler.js'
import { describeIssues } from '../schemas/text.js'

interface Logger { error (obj: object, msg: string): void }

/** Ajv's errors for a tool's arguments, as the invalid_input a REST body would have given. */
export function argumentsError (issues: readonly AjvIssue[]): ApiError {
  const details = fieldIssues(issues)
  return new ApiError('invalid_input', describeIssues('arguments', details), details)
}

function toolApiError (error: unknown, log: Logger): ApiError {
  const apiError = toApiError(error)
  switch (apiError.code) {
    case 'invalid_input': case 'not_found': case 'insufficient_scope': case 'conflict': case 'precondition_failed':
      return apiError
    case 'invalid_request':
      return new ApiError('invalid_input', apiError.message, apiError.details)
    case 'unavailable':
      return new ApiError('internal', 'The database is unavailable; try again shortly')
    default:
      log.error({ err: error }, 'MCP tool failed')
      return new ApiError('internal', 'An unexpected error occurred')
  }
}

export function toToolError (error: unknown, log: Logger): CallToolResult {
  const body = toolApiError(error, log).toBody()
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] }
}
