// Fixtures for the series side: a tenant with a customer, a catalog item and two members, and thin clients for
// REST and MCP that answer { status, body } / { isError, value } so one table of cases can drive both.
import type { FastifyInstance } from 'fastify'
import type { Scope } from '../../src/auth/scopes.js'
import { adminHeaders, createKey, createTenant, type Tenant } from '../helpers/keys.js'

export const ALL_SERIES_SCOPES: Scope[] = ['read:job_series', 'write:job_series', 'read:jobs', 'write:jobs']

export interface SeriesTenant extends Tenant {
  customerId: string
  otherCustomerId: string
  catalogItemId: string
  secondMemberId: string
}

async function admin (app: FastifyInstance, url: string, payload: object): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url, headers: adminHeaders, payload })
  if (res.statusCode !== 201) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** A tenant with everything a series can reference; the key is user-bound with every scope unless told. */
export async function seriesTenant (app: FastifyInstance, options: { scopes?: Scope[], kind?: 'user' | 'tenant' } = {}): Promise<SeriesTenant> {
  const tenant = await createTenant(app, options)
  const customer = await admin(app, `/admin/v1/tenants/${tenant.tenantId}/customers`, { name: 'Greenview HOA' })
  const other = await admin(app, `/admin/v1/tenants/${tenant.tenantId}/customers`, { name: 'Oak Street' })
  const item = await admin(app, `/admin/v1/tenants/${tenant.tenantId}/catalog_items`, { name: 'Mow', unit_price: 80 })
  const member = await admin(app, `/admin/v1/tenants/${tenant.tenantId}/members`, { name: 'Sam' })
  return { ...tenant, customerId: customer.id, otherCustomerId: other.id, catalogItemId: item.id, secondMemberId: member.id }
}

/** Another key of the same tenant. */
export async function keyFor (app: FastifyInstance, tenant: Tenant, kind: 'user' | 'tenant', scopes?: Scope[]) {
  return createKey(app, tenant.tenantId, { kind, userId: tenant.memberId, scopes })
}

export interface Answer { status: number, body: any }

export function rest (app: FastifyInstance, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<Answer> => {
    const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
    return { status: res.statusCode, body: res.body === '' ? undefined : res.json() }
  }
  return {
    call,
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload ?? {}),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload)
  }
}

export const MCP_HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' }

export interface ToolAnswer {
  /** HTTP status of the POST. */
  status: number
  /** The JSON-RPC envelope. */
  envelope: any
  isError: boolean
  /** structuredContent on success, the parsed error body on isError. */
  value: any
}

let rpcId = 0

export function mcp (app: FastifyInstance, headers: Record<string, string>) {
  const rpc = async (message: unknown) => {
    const res = await app.inject({ method: 'POST', url: '/api/mcp', headers: { ...MCP_HEADERS, ...headers }, payload: JSON.stringify(message) })
    return { status: res.statusCode, body: res.body === '' ? undefined : res.json(), headers: res.headers }
  }
  const tool = async (name: string, args: unknown = {}): Promise<ToolAnswer> => {
    const res = await rpc({ jsonrpc: '2.0', id: ++rpcId, method: 'tools/call', params: { name, arguments: args } })
    const result = res.body?.result
    if (result === undefined) return { status: res.status, envelope: res.body, isError: true, value: undefined }
    const isError = result.isError === true
    return { status: res.status, envelope: res.body, isError, value: isError ? JSON.parse(result.content[0].text) : result.structuredContent }
  }
  return { rpc, tool }
}

/** The reference document's example series (every Monday from Tuesday 2026-07-07, Pacific time). */
export function referenceSeries (tenant: SeriesTenant, extra: Record<string, unknown> = {}) {
  return {
    title: 'Weekly lawn maintenance',
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    timezone: 'America/Los_Angeles',
    dtstart: '2026-07-07',
    customer_id: tenant.customerId,
    line_items: [{ description: 'Mow and edge', unit_price: 80.00, quantity: 1 }],
    assigned_user_ids: [tenant.memberId],
    ...extra
  }
}

/** All instances of a series (every page), by scheduled_start. */
export async function allJobs (app: FastifyInstance, headers: Record<string, string>, seriesId: string, query = ''): Promise<any[]> {
  const out: any[] = []
  for (let page = 1; ; page++) {
    const res = await app.inject({ method: 'GET', url: `/v1/jobs?seriesId=${seriesId}&page=${page}${query}`, headers })
    if (res.statusCode !== 200) throw new Error(`GET /v1/jobs answered ${res.statusCode}: ${res.body}`)
    const body = res.json()
    out.push(...body.data)
    if (page * body.limit >= body.count) return out
  }
}

export const live = (jobs: any[]) => jobs.filter((j) => j.cancel_reason === null || j.cancel_reason === 'user')
export const dates = (jobs: any[]) => jobs.map((j) => j.occurrence_date as string)
