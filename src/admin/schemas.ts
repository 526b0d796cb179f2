// Admin API shapes (CONTRACT §3) and the functions that fill them.
import { Type, type Static } from 'typebox'
import { SCOPES, type Scope } from '../auth/scopes.js'
import { Nullable, Timestamp, Uuid } from '../schemas/common.js'
import { Money } from '../schemas/money.js'
import { toTimestamp } from '../time/rfc3339.js'
import type { ApiKey, CatalogItem, Customer, Member, Tenant } from './store.js'

const Name = Type.String({ minLength: 1, maxLength: 200 })

export const TenantIdParams = Type.Object({ tenant_id: Uuid })
export const ApiKeyIdParams = Type.Object({ id: Uuid })

export const CreateTenantBody = Type.Object({ name: Name }, { examples: [{ name: 'Acme Field Services' }] })
export const TenantResponse = Type.Object({ id: Uuid, name: Type.String(), created_at: Timestamp }, { $id: 'Tenant' })

export const CreateMemberBody = Type.Object({
  name: Name,
  email: Type.Optional(Type.String({ format: 'email', maxLength: 320 }))
}, { examples: [{ name: 'Dana Reyes', email: 'dana@example.com' }] })
export const MemberResponse = Type.Object({ id: Uuid, tenant_id: Uuid, name: Type.String(), email: Nullable(Type.String()), created_at: Timestamp }, { $id: 'TeamMember' })

export const CreateCustomerBody = Type.Object({ name: Name }, { examples: [{ name: 'Greenview HOA' }] })
export const CustomerResponse = Type.Object({ id: Uuid, tenant_id: Uuid, name: Type.String(), created_at: Timestamp }, { $id: 'Customer' })

export const CreateCatalogItemBody = Type.Object({
  name: Name,
  unit_price: Type.Optional(Money)
}, { examples: [{ name: 'Mow and edge', unit_price: 80 }] })
export const CatalogItemResponse = Type.Object({ id: Uuid, tenant_id: Uuid, name: Type.String(), unit_price: Nullable(Type.Number()), created_at: Timestamp }, { $id: 'CatalogItem' })

export const ScopeSchema = Type.Unsafe<Scope>({ type: 'string', enum: [...SCOPES] })
export const CreateApiKeyBody = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('tenant')]),
  user_id: Type.Optional(Uuid),
  scopes: Type.Optional(Type.Array(ScopeSchema, { uniqueItems: true, description: 'omitted: every scope' })),
  name: Type.Optional(Type.String({ maxLength: 200 }))
}, { examples: [{ kind: 'tenant', scopes: ['read:recurring', 'write:recurring'], name: 'billing pipeline' }] })
export const ApiKeyResponse = Type.Object({
  id: Uuid,
  token: Type.String({ description: 'shown once; only its hash is stored', examples: ['zoop_tk_3q2+…'] }),
  kind: Type.Union([Type.Literal('user'), Type.Literal('tenant')]),
  scopes: Type.Array(ScopeSchema),
  user_id: Nullable(Uuid),
  created_at: Timestamp
}, { $id: 'ApiKey' })
export const RevokedResponse = Type.Object({ revoked: Type.Literal(true) })

export type CreateApiKeyInput = Static<typeof CreateApiKeyBody>

export const toTenantResponse = (t: Tenant) => ({ id: t.id, name: t.name, created_at: toTimestamp(t.createdAt) })
export const toMemberResponse = (m: Member) => ({ id: m.id, tenant_id: m.tenantId, name: m.name, email: m.email, created_at: toTimestamp(m.createdAt) })
export const toCustomerResponse = (c: Customer) => ({ id: c.id, tenant_id: c.tenantId, name: c.name, created_at: toTimestamp(c.createdAt) })
export const toCatalogItemResponse = (c: CatalogItem) => ({ id: c.id, tenant_id: c.tenantId, name: c.name, unit_price: c.unitPrice, created_at: toTimestamp(c.createdAt) })
export const toApiKeyResponse = (k: ApiKey, token: string) => ({
  id: k.id, token, kind: k.kind, scopes: k.scopes as Scope[], user_id: k.userId, created_at: toTimestamp(k.createdAt)
})
