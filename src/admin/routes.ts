// Operator routes (docs/contract.md §3), only registered when ADMIN_TOKEN is set.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authenticateAdmin } from '../plugins/auth.js'
import { errorResponses } from '../schemas/common.js'
import type { AppDeps } from '../app.js'
import * as s from './schemas.js'
import { AdminService } from './service.js'

const security = [{ adminToken: [] }]
const tags = ['admin']

export const adminRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps, adminToken: string }> = async (app, { deps, adminToken }) => {
  const admin = new AdminService(deps.database, deps.clock)
  app.addHook('onRequest', authenticateAdmin(adminToken))

  app.post('/tenants', {
    schema: { operationId: 'createTenant', summary: 'Create a tenant', tags, security, body: s.CreateTenantBody, response: { 201: s.TenantResponse, ...errorResponses(400, 401, 413, 415) } }
  }, async (request, reply) => reply.code(201).send(s.toTenantResponse(await admin.createTenant(request.body.name))))

  app.post('/tenants/:tenant_id/members', {
    schema: { operationId: 'createMember', summary: 'Add a team member to a tenant', tags, security, params: s.TenantIdParams, body: s.CreateMemberBody, response: { 201: s.MemberResponse, ...errorResponses(400, 401, 404, 413, 415) } }
  }, async (request, reply) => reply.code(201).send(s.toMemberResponse(await admin.createMember(request.params.tenant_id, request.body.name, request.body.email))))

  app.post('/tenants/:tenant_id/customers', {
    schema: { operationId: 'createCustomer', summary: 'Add a customer to a tenant', tags, security, params: s.TenantIdParams, body: s.CreateCustomerBody, response: { 201: s.CustomerResponse, ...errorResponses(400, 401, 404, 413, 415) } }
  }, async (request, reply) => reply.code(201).send(s.toCustomerResponse(await admin.createCustomer(request.params.tenant_id, request.body.name))))

  app.post('/tenants/:tenant_id/catalog_items', {
    schema: { operationId: 'createCatalogItem', summary: 'Add a catalog item to a tenant', tags, security, params: s.TenantIdParams, body: s.CreateCatalogItemBody, response: { 201: s.CatalogItemResponse, ...errorResponses(400, 401, 404, 413, 415) } }
  }, async (request, reply) => reply.code(201).send(s.toCatalogItemResponse(await admin.createCatalogItem(request.params.tenant_id, request.body.name, request.body.unit_price))))

  app.post('/tenants/:tenant_id/api_keys', {
    schema: { operationId: 'createApiKey', summary: 'Issue an API key (the token is shown once)', tags, security, params: s.TenantIdParams, body: s.CreateApiKeyBody, response: { 201: s.ApiKeyResponse, ...errorResponses(400, 401, 404, 413, 415) } }
  }, async (request, reply) => {
    const { key, token } = await admin.createApiKey(request.params.tenant_id, request.body)
    // The one response that shows a token: no cache may keep it (docs/contract.md §10).
    return reply.code(201).header('cache-control', 'no-store').send(s.toApiKeyResponse(key, token))
  })

  app.delete('/api_keys/:id', {
    schema: { operationId: 'revokeApiKey', summary: 'Revoke an API key', tags, security, params: s.ApiKeyIdParams, response: { 200: s.RevokedResponse, ...errorResponses(400, 401, 404) } }
  }, async (request) => {
    await admin.revokeApiKey(request.params.id)
    return { revoked: true as const }
  })
}
