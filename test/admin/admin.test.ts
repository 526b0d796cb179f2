import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { eachApp } from '../helpers/app.js'
import { adminHeaders, createTenant } from '../helpers/keys.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

t.test('admin API creates tenants and their rows (docs/contract.md §3)', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: adminHeaders, payload: { name: 'Acme', extra: 1 } })
    t.equal(tenant.statusCode, 201)
    const tenantBody = tenant.json()
    t.match(tenantBody.id, UUID)
    t.strictSame(tenantBody, { id: tenantBody.id, name: 'Acme', created_at: '2026-03-24T15:00:00Z'.replace('2026-03-24T15:00:00Z', tenantBody.created_at) })
    t.match(tenantBody.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    const id = tenantBody.id as string

    const member = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${id}/members`, headers: adminHeaders, payload: { name: 'Dana', email: 'dana@example.com' } })
    t.equal(member.statusCode, 201)
    t.strictSame(Object.keys(member.json()).sort(), ['created_at', 'email', 'id', 'name', 'tenant_id'])
    t.equal(member.json().tenant_id, id)
    t.equal(member.json().email, 'dana@example.com')

    const noEmail = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${id}/members`, headers: adminHeaders, payload: { name: 'Sam' } })
    t.equal(noEmail.json().email, null)

    const customer = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${id}/customers`, headers: adminHeaders, payload: { name: 'Greenview HOA' } })
    t.equal(customer.statusCode, 201)
    t.strictSame({ ...customer.json(), id: 'x', created_at: 'x' }, { id: 'x', tenant_id: id, name: 'Greenview HOA', created_at: 'x' })

    const item = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${id}/catalog_items`, headers: adminHeaders, payload: { name: 'Mow', unit_price: 80.5 } })
    t.equal(item.statusCode, 201)
    t.strictSame({ ...item.json(), id: 'x', created_at: 'x' }, { id: 'x', tenant_id: id, name: 'Mow', unit_price: 80.5, created_at: 'x' })
    const noPrice = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${id}/catalog_items`, headers: adminHeaders, payload: { name: 'Edge' } })
    t.equal(noPrice.json().unit_price, null)

    const key = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${id}/api_keys`, headers: adminHeaders, payload: { kind: 'user', user_id: member.json().id } })
    t.equal(key.statusCode, 201)
    const keyBody = key.json()
    t.match(keyBody.token, /^zoop_uk_[A-Za-z0-9_-]{43}$/)
    t.strictSame(keyBody.scopes, ['read:recurring', 'write:recurring', 'work:executions', 'read:job_series', 'write:job_series', 'read:jobs', 'write:jobs'])
    t.equal(keyBody.user_id, member.json().id)
    t.equal(keyBody.kind, 'user')

    const tenantKey = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${id}/api_keys`, headers: adminHeaders, payload: { kind: 'tenant', scopes: ['read:recurring'] } })
    t.equal(tenantKey.statusCode, 201)
    t.match(tenantKey.json().token, /^zoop_tk_/)
    t.strictSame(tenantKey.json().scopes, ['read:recurring'])
    t.equal(tenantKey.json().user_id, null)
  })
})

t.test('admin API refuses what the contract refuses', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const other = await createTenant(app)
    const mine = await createTenant(app)
    const cases: Array<[string, string, unknown, number, string]> = [
      ['no admin token', '/admin/v1/tenants', { name: 'x' }, 401, 'unauthorized'],
      ['empty name', '/admin/v1/tenants', { name: '' }, 400, 'invalid_request'],
      ['unknown tenant', '/admin/v1/tenants/00000000-0000-4000-8000-000000000000/customers', { name: 'x' }, 404, 'not_found'],
      ['bad tenant id', '/admin/v1/tenants/not-a-uuid/customers', { name: 'x' }, 400, 'invalid_request'],
      ['negative price', `/admin/v1/tenants/${mine.tenantId}/catalog_items`, { name: 'x', unit_price: -1 }, 400, 'invalid_request'],
      ['user key without user', `/admin/v1/tenants/${mine.tenantId}/api_keys`, { kind: 'user' }, 400, 'invalid_request'],
      ['tenant key with user', `/admin/v1/tenants/${mine.tenantId}/api_keys`, { kind: 'tenant', user_id: mine.memberId }, 400, 'invalid_request'],
      ['user of another tenant', `/admin/v1/tenants/${mine.tenantId}/api_keys`, { kind: 'user', user_id: other.memberId }, 400, 'invalid_request'],
      ['unknown scope', `/admin/v1/tenants/${mine.tenantId}/api_keys`, { kind: 'tenant', scopes: ['admin'] }, 400, 'invalid_request']
    ]
    for (const [name, url, payload, status, code] of cases) {
      const headers = name === 'no admin token' ? {} : adminHeaders
      const res = await app.inject({ method: 'POST', url, headers, payload: payload as object })
      t.equal(res.statusCode, status, name)
      t.equal(res.json().error.code, code, name)
    }
    const wrongToken = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: { authorization: 'Bearer nope' }, payload: { name: 'x' } })
    t.equal(wrongToken.statusCode, 401)
    t.equal(wrongToken.headers['www-authenticate'], 'Bearer')
    // An API key is not an admin token.
    const apiKey = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: mine.headers, payload: { name: 'x' } })
    t.equal(apiKey.statusCode, 401)
  })
})

t.test('revoked keys answer 401 from then on; the token is stored only as a hash', async (t) => {
  await eachApp(t, async (t, { app, db }) => {
    const tenant = await createTenant(app)
    const before = await app.inject({ method: 'GET', url: '/v1/me', headers: tenant.headers })
    t.not(before.statusCode, 401)

    const rows = await queryRows<Record<string, unknown>>(db.database.db, sql`select * from api_keys`)
    const dump = JSON.stringify(rows)
    t.notOk(dump.includes(tenant.token), 'the token appears nowhere in api_keys')
    t.notOk(dump.includes(tenant.token.slice(8)), 'not even without its prefix')
    const all = await queryRows<{ t: string }>(db.database.db, sql`select string_agg(k::text, ',') as t from (select row_to_json(x) as k from api_keys x) s`)
    t.notOk(all[0]!.t.includes(tenant.token.slice(8)))

    const revoke = await app.inject({ method: 'DELETE', url: `/admin/v1/api_keys/${tenant.keyId}`, headers: adminHeaders })
    t.equal(revoke.statusCode, 200)
    t.strictSame(revoke.json(), { revoked: true })
    const after = await app.inject({ method: 'GET', url: '/v1/me', headers: tenant.headers })
    t.equal(after.statusCode, 401)
    t.strictSame(after.json(), { error: { code: 'unauthorized', message: 'A valid API key is required: send Authorization: Bearer <token>' } })
    t.equal(after.headers['www-authenticate'], 'Bearer')

    const again = await app.inject({ method: 'DELETE', url: `/admin/v1/api_keys/${tenant.keyId}`, headers: adminHeaders })
    t.equal(again.statusCode, 200, 'revoking twice is idempotent')
    const unknown = await app.inject({ method: 'DELETE', url: '/admin/v1/api_keys/00000000-0000-4000-8000-000000000000', headers: adminHeaders })
    t.equal(unknown.statusCode, 404)
    t.equal(unknown.json().error.code, 'not_found')
  })
})

t.test('without ADMIN_TOKEN the admin API does not exist', async (t) => {
  const { buildTestApp } = await import('../helpers/app.js')
  const { app } = await buildTestApp(t, 'pglite', { env: { ADMIN_TOKEN: '' } })
  const res = await app.inject({ method: 'POST', url: '/admin/v1/tenants', headers: adminHeaders, payload: { name: 'x' } })
  t.equal(res.statusCode, 404)
  t.equal(res.json().error.code, 'not_found')
})
