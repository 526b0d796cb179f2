// The contract's error catalogue (CONTRACT §4), once. Every failure path ends in ApiError or is mapped to one by
// plugins/error-handler.ts, the only writer of error bodies.

export const STATUS = {
  invalid_request: 400,
  invalid_cron_expression: 400,
  invalid_timezone: 400,
  invalid_input: 400,
  unauthorized: 401,
  insufficient_scope: 403,
  recurring_job_not_found: 404,
  execution_not_found: 404,
  not_found: 404,
  recurring_job_type_conflict: 409,
  conflict: 409,
  lease_conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503
} as const

export type ErrorCode = keyof typeof STATUS
export const ERROR_CODES = Object.keys(STATUS) as ErrorCode[]

export interface FieldIssue { field: string, message: string }

export interface ErrorBody {
  error: { code: ErrorCode, message: string, details?: FieldIssue[] }
}

export class ApiError extends Error {
  constructor (readonly code: ErrorCode, message: string, readonly details?: FieldIssue[]) {
    super(message)
    this.name = 'ApiError'
  }

  get status (): number { return STATUS[this.code] }

  toBody (): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details?.length ? { details: this.details } : {}) } }
  }
}

export function statusOf (code: ErrorCode): number { return STATUS[code] }
