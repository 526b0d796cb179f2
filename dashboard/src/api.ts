// The dashboard's only door to the service: same-origin requests to the public API with the pasted key as a
// bearer token. The key lives in sessionStorage (gone when the tab closes), never in localStorage or a cookie,
// and it is attached only to paths of this origin's /v1 API.

const KEY_STORAGE = 'recurring-jobs.api-key'

export function storedKey (): string | null {
  return sessionStorage.getItem(KEY_STORAGE)
}

export function storeKey (key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key)
}

export function forgetKey (): void {
  sessionStorage.removeItem(KEY_STORAGE)
}

export interface ErrorDetail { field: string, message: string }

export class ApiError extends Error {
  constructor (readonly status: number, readonly code: string, message: string, readonly details: ErrorDetail[] = [], readonly retryAfterSeconds?: number) {
    super(message)
  }

  /** A 404 for a route the server does not have (an older server): the feature is "not available". */
  get routeMissing (): boolean {
    return this.status === 404 && this.code === 'not_found'
  }
}

export interface ApiResponse<T> { body: T, etag: string | null }

type Listener = () => void
const unauthorizedListeners = new Set<Listener>()
/** Called when the service answers 401: the key was revoked or mistyped. */
export function onUnauthorized (listener: Listener): () => void {
  unauthorizedListeners.add(listener)
  return () => unauthorizedListeners.delete(listener)
}

export interface RequestOptions {
  body?: unknown
  ifMatch?: string | null
  /** Use this key instead of the stored one (sign-in checks a key before keeping it). */
  key?: string
  signal?: AbortSignal
}

export async function request<T> (method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  // Only this origin's API ever sees the key: a path, never a full URL.
  if (!path.startsWith('/v1/')) throw new Error(`not an API path: ${path}`)
  const url = new URL(path, window.location.origin)
  if (url.origin !== window.location.origin) throw new Error(`not this origin: ${path}`)
  const key = options.key ?? storedKey()
  const headers: Record<string, string> = { accept: 'application/json' }
  if (key !== null) headers.authorization = `Bearer ${key}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.ifMatch !== undefined && options.ifMatch !== null) headers['if-match'] = options.ifMatch
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: options.signal ?? null
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError(0, 'network', 'The service could not be reached')
  }
  const text = await response.text()
  let body: unknown = null
  if (text !== '') {
    try { body = JSON.parse(text) } catch { body = null }
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string, message?: string, details?: ErrorDetail[] } } | null)?.error
    const retryAfter = response.headers.get('retry-after')
    const apiError = new ApiError(
      response.status,
      error?.code ?? 'http_' + String(response.status),
      error?.message ?? `The service answered ${response.status}`,
      error?.details ?? [],
      retryAfter === null ? undefined : Number(retryAfter)
    )
    if (response.status === 401 && options.key === undefined) for (const listener of unauthorizedListeners) listener()
    throw apiError
  }
  return { body: body as T, etag: response.headers.get('etag') }
}

export async function get<T> (path: string, signal?: AbortSignal): Promise<T> {
  return (await request<T>('GET', path, signal === undefined ? {} : { signal })).body
}

/** `?a=1&b=2` from the defined entries only. */
export function query (params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value))
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}

export function describeError (error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return `Rate limited: ${error.message}`
    if (error.status === 403) return `Not allowed with this key: ${error.message}`
    const details = error.details.map((d) => `${d.field}: ${d.message}`).join('; ')
    return details === '' ? error.message : `${error.message} (${details})`
  }
  return (error as Error).message
}

// The shapes the dashboard reads (CONTRACT §5, §6, §7, §12, §13). Fields a newer server adds are optional.

export type Scope = 'read:recurring' | 'write:recurring' | 'work:executions' | 'read:job_series' | 'write:job_series' | 'read:jobs' | 'write:jobs'

export interface Me { tenant_id: string, key_id: string, kind: 'user' | 'tenant', user_id: string | null, scopes: Scope[] }

export interface Schedule {
  id: string
  job_type: string
  queue: string
  cron_expression: string
  timezone: string
  enabled: boolean
  payload: Record<string, unknown>
  last_run_at: string | null
  next_run_at: string | null
  max_attempts: number
  timeout_seconds: number
  created_at: string
  updated_at: string | null
  state?: 'active' | 'paused' | 'ended'
  pause_note?: string | null
  paused_at?: string | null
  runs_count?: number
  max_runs?: number | null
  starts_at?: string | null
  ends_at?: string | null
  overlap_policy?: string
  misfire_policy?: string
  misfire_threshold_seconds?: number
  auto_pause_after_failures?: number | null
}

export type ExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed'

export interface Execution {
  id: string
  recurring_id: string
  job_type: string
  queue: string
  payload: Record<string, unknown>
  status: ExecutionStatus
  trigger: string
  attempt: number
  max_attempts: number
  timeout_seconds: number
  scheduled_for: string
  coalesced_count: number
  covers_until?: string | null
  enqueued_at: string
  available_at: string
  started_at: string | null
  finished_at: string | null
  lease_expires_at: string | null
  worker_id: string | null
  last_error: string | null
  result?: unknown
}

export interface Page<T> { data: T[], next_cursor: string | null }

export type Outcome = 'enqueued' | 'coalesced' | 'skipped_overlap' | 'skipped_misfire' | 'skipped_paused' | 'before_start' | 'after_end' | 'upcoming'

export interface Occurrence { scheduled_for: string, outcome: Outcome, execution_id?: string | null, execution_status?: ExecutionStatus | null }

export interface HistoryEntry {
  at: string
  action: string
  actor: { key_id: string | null, user_id: string | null } | null
  changes: Record<string, [unknown, unknown]>
}

export interface Series {
  id: string
  title: string
  description: string | null
  rrule: string
  timezone: string
  dtstart: string
  ends_on: string | null
  max_occurrences: number | null
  flat_price: number | null
  customer_id: string | null
  external_id?: string | null
  ended_at: string | null
  created_at: string
  updated_at: string | null
  exdates?: string[]
  rdates?: string[]
}

export interface SeriesPage { data: Series[], count: number, page: number, limit: number }

export type JobStatus = 'unscheduled' | 'scheduled' | 'in_progress' | 'done' | 'cancelled'

export interface Job {
  id: string
  series_id: string | null
  occurrence_date: string | null
  title: string
  status: JobStatus
  cancel_reason: string | null
  scheduled_start: string | null
  total: number | null
}

export interface JobPage { data: Job[], count: number, page: number, limit: number }
