// Tenant and key fixtures, created through the admin API as an operator would.
import type { FastifyInstance } from 'fastify'
import type { Scope } from '../../src/auth/scopes.js'
import { ADMIN_TOKEN } from './app.js'

export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` }

export interface Tenant {
  tenantId: string
  memberId: string
  token: string
  keyId: string
  headers: { authorization: string }
}

async function post (app: FastifyInstance, url: string, payload: unknown): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url, headers: adminHeaders, payload: payload as object })
  if (res.statusCode !== 201) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** A new tenant with one member and one key (user-bound unless kind says otherwise). */
export async function createTenant (app: FastifyInstance, options: { scopes?: Scope[], kind?: 'user' | 'tenant', name?: string } = {}): Promise<Tenant> {
  const tenant = await post(app, '/admin/v1/tenants', { name: options.name ?? 'Acme' })
  const member = await post(app, `/admin/v1/tenants/${tenant.id}/members`, { name: 'Dana' })
  const key = await createKey(app, tenant.id, { kind: options.kind ?? 'user', userId: member.id, scopes: options.scopes })
  return { tenantId: tenant.id, memberId: member.id, ...key }
}

export async function createKey (app: FastifyInstance, tenantId: string, options: { kind: 'user' | 'tenant', userId?: string, scopes?: Scope[] | undefined }) {
  const body: Record<string, unknown> = { kind: options.kind }
  if (options.kind === 'user') body.user_id = options.userId
  if (options.scopes !== undefined) body.scopes = options.scopes
  const key = await post(app, `/admin/v1/tenants/${tenantId}/api_keys`, body)
  return { token: key.token as string, keyId: key.id as string, headers: { authorization: `Bearer ${key.token as string}` } }
}
