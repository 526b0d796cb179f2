// Extension: GET /v1/me tells a caller what its key is (tenant, kind, user, scopes) — handy when wiring an SDK.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ScopeSchema } from '../admin/schemas.js'
import { principalOf, requireScopes } from '../plugins/auth.js'
import { authedErrorResponses, Nullable, Uuid } from '../schemas/common.js'
import { SCOPES } from './scopes.js'

const MeResponse = Type.Object({
  tenant_id: Uuid,
  key_id: Uuid,
  kind: Type.Union([Type.Literal('user'), Type.Literal('tenant')]),
  user_id: Nullable(Uuid),
  scopes: Type.Array(ScopeSchema)
}, {
  examples: [{ tenant_id: '6f1c2a9e-3b7d-4c1e-9a53-2d4b8e7f0a11', key_id: '0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11', kind: 'user', user_id: '9d2e4f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f', scopes: ['read:recurring'] }]
})

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/me', {
    schema: { operationId: 'getMe', summary: 'Describe the calling API key', tags: ['operations'], response: { 200: MeResponse, ...authedErrorResponses() } },
    onRequest: requireScopes()
  }, async (request) => {
    const p = principalOf(request)
    return { tenant_id: p.tenantId, key_id: p.keyId, kind: p.kind, user_id: p.userId, scopes: SCOPES.filter((s) => p.scopes.has(s)) }
  })
}
