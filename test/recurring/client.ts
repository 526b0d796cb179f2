// Requests of the recurring-jobs API as one tenant's key sends them, and the reference document's example.
import type { FastifyInstance, LightMyRequestResponse as Response } from 'fastify'

/** The PUT body of the reference document (003: PUT /v1/recurring/{id} example). */
export const REFERENCE_BODY = {
  job_type: 'MyApp.Jobs.CleanupExpiredSessions',
  cron_expression: '0 3 * * *',
  queue: 'maintenance',
  timezone: 'America/New_York',
  max_attempts: 3,
  timeout_seconds: 600,
  payload: { retention_days: 30 }
}

/** Its documented response, saved at 2026-03-24T15:00:00Z, plus the payload the contract adds. */
export const REFERENCE_RESPONSE = {
  id: 'rjob_daily_cleanup',
  job_type: 'MyApp.Jobs.CleanupExpiredSessions',
  queue: 'maintenance',
  cron_expression: '0 3 * * *',
  timezone: 'America/New_York',
  enabled: true,
  payload: { retention_days: 30 },
  last_run_at: null,
  next_run_at: '2026-03-25T07:00:00Z',
  max_attempts: 3,
  timeout_seconds: 600,
  overlap_policy: 'allow',
  misfire_policy: 'coalesce',
  misfire_threshold_seconds: 60,
  starts_at: null,
  ends_at: null,
  max_runs: null,
  runs_count: 0,
  state: 'active',
  pause_note: null,
  paused_at: null,
  auto_pause_after_failures: null,
  created_at: '2026-03-24T15:00:00Z',
  updated_at: null
}

/** The §12 fields of a schedule saved without any of them (enabled, never run). */
export const DEFAULT_CONTROLS = {
  overlap_policy: 'allow',
  misfire_policy: 'coalesce',
  misfire_threshold_seconds: 60,
  starts_at: null,
  ends_at: null,
  max_runs: null,
  runs_count: 0,
  state: 'active',
  pause_note: null,
  paused_at: null,
  auto_pause_after_failures: null,
}

export interface Client {
  put (id: string, body: unknown): Promise<Response>
  patch (id: string, body: unknown): Promise<Response>
  get (id: string): Promise<Response>
  del (id: string): Promise<Response>
  list (query?: string): Promise<Response>
  register (body: unknown): Promise<Response>
  preview (body: unknown): Promise<Response>
}

export function client (app: FastifyInstance, headers: Record<string, string>): Client {
  const url = (id: string) => `/v1/recurring/${encodeURIComponent(id)}`
  const send = (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST', path: string, body?: unknown) =>
    app.inject({ method, url: path, headers, ...(body === undefined ? {} : { payload: body as object }) })
  return {
    put: (id, body) => send('PUT', url(id), body),
    patch: (id, body) => send('PATCH', url(id), body),
    get: (id) => send('GET', url(id)),
    del: (id) => send('DELETE', url(id)),
    list: (query = '') => send('GET', `/v1/recurring${query}`),
    register: (body) => send('POST', '/v1/workers/register', body),
    preview: (body) => send('POST', '/v1/preview/cron', body)
  }
}

/** The error code of an error response. */
export function codeOf (res: Response): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code
}
