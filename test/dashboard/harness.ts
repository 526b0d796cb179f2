// The real service on a real port for the browser tests, the screenshot script and the dashboard bench: the app
// of src/app.ts with the system clock, the scheduler off (what the pages show does not move under the test),
// the admin API on for creating keys, and the dashboard built once per process. Demo data goes in through the
// public API only, as a client would write it.
import { existsSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { Browser } from 'playwright-core'
import { buildDashboard } from '../../dashboard/build.js'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase, type Database } from '../../src/db/connect.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { systemClock } from '../../src/time/clock.js'

export const ADMIN_TOKEN = 'dashboard-admin-token-0123456789'

let built: Promise<unknown> | undefined
/** Builds dashboard/ into dist/dashboard-ui once per process (the service serves it from there). */
export async function ensureDashboardBuilt (): Promise<void> {
  built ??= buildDashboard()
  await built
}

/** Debian's chromium, or CHROMIUM_PATH; undefined when there is none. */
export function chromiumPath (): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p))
}

export async function launchChromium (): Promise<Browser> {
  const { chromium } = await import('playwright-core')
  const executablePath = chromiumPath()
  if (executablePath === undefined) throw new Error('no chromium: apt-get install chromium, or set CHROMIUM_PATH')
  // The sandbox needs user namespaces, which containers running as root often lack; the pages are our own.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] })
}

export interface Service {
  app: FastifyInstance
  baseUrl: string
  /** A user-bound key with every scope. */
  token: string
  tenantId: string
  memberId: string
  createKey: (scopes?: string[]) => Promise<string>
  close: () => Promise<void>
}

async function admin (app: FastifyInstance, url: string, payload: object): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload })
  if (res.statusCode !== 201) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

/**
 * Starts the service on 127.0.0.1 and an ephemeral port. Without `database`, on a fresh in-memory PGlite that
 * close() shuts down too.
 */
export async function startService (options: { database?: Database, rateLimitPerMinute?: number } = {}): Promise<Service> {
  await ensureDashboardBuilt()
  let database = options.database
  const ownDatabase = database === undefined
  if (database === undefined) {
    database = await openDatabase({ url: 'memory://' })
    await migrateDatabase(database, 'memory://')
  }
  const config = loadConfig({
    SCHEDULER: 'off',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN,
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 100_000)
  })
  const app = await buildApp({ config, database, clock: systemClock }, { logger: false })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const tenant = await admin(app, '/admin/v1/tenants', { name: 'Acme Field Services' })
  const member = await admin(app, `/admin/v1/tenants/${tenant.id as string}/members`, { name: 'Dana Ops' })
  const createKey = async (scopes?: string[]) => {
    const key = await admin(app, `/admin/v1/tenants/${tenant.id as string}/api_keys`, { kind: 'user', user_id: member.id, ...(scopes === undefined ? {} : { scopes }) })
    return key.token as string
  }
  const token = await createKey()
  return {
    app,
    baseUrl: address,
    token,
    tenantId: tenant.id,
    memberId: member.id,
    createKey,
    close: async () => {
      await app.close()
      if (ownDatabase) await database.close()
    }
  }
}

/** A client of the public API, as the dashboard is (throws on an unexpected status). */
export function apiClient (baseUrl: string, token: string) {
  return async function call<T = any> (method: string, path: string, body?: unknown, expect = [200, 201]): Promise<T> {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await res.text()
    if (!expect.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${text}`)
    return (text === '' ? null : JSON.parse(text)) as T
  }
}

export const DEMO_SCHEDULES = [
  { id: 'rjob_daily_cleanup', job_type: 'MyApp.Jobs.CleanupExpiredSessions', cron_expression: '30 2 * * *', timezone: 'America/New_York', queue: 'maintenance', payload: { retention_days: 30 } },
  { id: 'rjob_monthly_invoices', job_type: 'Billing.Invoices.Issue', cron_expression: '0 9 1 * *', timezone: 'Europe/Berlin', queue: 'billing', payload: { currency: 'EUR' } },
  { id: 'rjob_heartbeat', job_type: 'Ops.Heartbeat', cron_expression: '*/15 * * * * *', timezone: 'UTC', queue: 'default' },
  { id: 'rjob_weekly_report', job_type: 'Reports.Weekly', cron_expression: '0 8 * * MON', timezone: 'Asia/Tokyo', queue: 'reports' },
  { id: 'rjob_quarter_close', job_type: 'Finance.QuarterClose', cron_expression: '0 18 L 3,6,9,12 *', timezone: 'Australia/Sydney', queue: 'billing' },
  { id: 'rjob_sync_inventory', job_type: 'Inventory.Sync', cron_expression: 'H */4 * * *', timezone: 'Europe/London', queue: 'default' },
  { id: 'rjob_nightly_export', job_type: 'Exports.Nightly', cron_expression: '@daily', timezone: 'America/Los_Angeles', queue: 'exports', enabled: false }
]

export interface Demo {
  scheduleIds: string[]
  seriesId: string
  seriesTitle: string
  failedExecutionId: string
}

/**
 * Schedules, executions in every status (manual triggers worked by a pretend worker), and one job series with
 * a done and a cancelled instance.
 */
export async function seedDemo (service: Service): Promise<Demo> {
  const call = apiClient(service.baseUrl, service.token)
  for (const { id, ...body } of DEMO_SCHEDULES) {
    await call('PUT', `/v1/recurring/${id}`, { max_attempts: id === 'rjob_weekly_report' ? 1 : 3, ...body })
  }
  const trigger = (id: string) => call('POST', `/v1/recurring/${id}/trigger`)
  const claim = async (queue: string) => (await call('POST', '/v1/executions/claim', { worker_id: 'worker-1', queues: [queue], limit: 1 })).data[0]
  // Succeeded, failed (max_attempts 1), running, queued.
  for (const id of ['rjob_daily_cleanup', 'rjob_monthly_invoices']) {
    await trigger(id)
    const running = await claim(id === 'rjob_daily_cleanup' ? 'maintenance' : 'billing')
    await call('POST', `/v1/executions/${running.id as string}/complete`, { worker_id: 'worker-1', result: { rows_deleted: 1204 } })
  }
  await trigger('rjob_weekly_report')
  const failing = await claim('reports')
  await call('POST', `/v1/executions/${failing.id as string}/fail`, { worker_id: 'worker-1', error: 'upstream answered 502 Bad Gateway' })
  await trigger('rjob_quarter_close')
  await claim('billing')
  await trigger('rjob_heartbeat')
  await trigger('rjob_sync_inventory')

  const today = new Date()
  const dtstart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)).toISOString().slice(0, 10)
  const title = 'Pool maintenance, Smith residence'
  const series = await call('POST', '/v1/job_series', { title, rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', timezone: 'America/Los_Angeles', dtstart, flat_price: 120 })
  const jobs = await call('GET', `/v1/jobs?seriesId=${series.id as string}`)
  if (jobs.data[0] !== undefined) await call('PATCH', `/v1/jobs/${jobs.data[0].id as string}`, { status: 'done' })
  if (jobs.data[1] !== undefined) await call('PATCH', `/v1/jobs/${jobs.data[1].id as string}`, { status: 'in_progress' })
  if (jobs.data[2] !== undefined) await call('PATCH', `/v1/jobs/${jobs.data[2].id as string}`, { status: 'cancelled' })
  return { scheduleIds: DEMO_SCHEDULES.map((s) => s.id), seriesId: series.id, seriesTitle: title, failedExecutionId: failing.id }
}
