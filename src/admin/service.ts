// Operator use cases (CONTRACT §3). Unknown tenants answer not_found; keys are generated here and their
// tokens leave the service exactly once, in the create response.
import { generateToken, hashToken } from '../auth/api-keys.js'
import { SCOPES } from '../auth/scopes.js'
import { insertKey, keyExists, revokeKey } from '../auth/store.js'
import { announceRevocation } from '../auth/key-cache.js'
import type { Database, Executor } from '../db/connect.js'
import { ApiError } from '../errors.js'
import { fractionDigits } from '../schemas/money.js'
import type { Clock } from '../time/clock.js'
import type { CreateApiKeyInput } from './schemas.js'
import * as store from './store.js'

export class AdminService {
  private readonly db: Executor

  constructor (private readonly database: Database, private readonly clock: Clock) {
    this.db = database.db
  }

  createTenant (name: string) { return store.insertTenant(this.db, name) }

  async createMember (tenantId: string, name: string, email: string | undefined) {
    await this.#tenantOrThrow(tenantId)
    return store.insertMember(this.db, tenantId, name, email ?? null)
  }

  async createCustomer (tenantId: string, name: string) {
    await this.#tenantOrThrow(tenantId)
    return store.insertCustomer(this.db, tenantId, name)
  }

  async createCatalogItem (tenantId: string, name: string, unitPrice: number | undefined) {
    // CONTRACT §10: more than 2 decimals is refused, never rounded (numeric(14,2) would round it).
    if (unitPrice !== undefined && fractionDigits(unitPrice) > 2) {
      throw new ApiError('invalid_request', `unit_price has more than 2 decimals (${unitPrice}); amounts are kept to the cent and never rounded`, [{ field: 'unit_price', message: 'has more than 2 decimals' }])
    }
    await this.#tenantOrThrow(tenantId)
    return store.insertCatalogItem(this.db, tenantId, name, unitPrice ?? null)
  }

  async createApiKey (tenantId: string, input: CreateApiKeyInput) {
    await this.#tenantOrThrow(tenantId)
    if (input.kind === 'user') {
      if (input.user_id === undefined) {
        throw new ApiError('invalid_request', 'user_id is required for a user-bound key', [{ field: 'user_id', message: 'is required when kind is "user"' }])
      }
      if (!await store.memberOfTenant(this.db, tenantId, input.user_id)) {
        throw new ApiError('invalid_request', 'user_id is not a team member of this tenant', [{ field: 'user_id', message: 'is not a member of this tenant' }])
      }
    } else if (input.user_id !== undefined) {
      throw new ApiError('invalid_request', 'A tenant key has no user: omit user_id', [{ field: 'user_id', message: 'is not allowed when kind is "tenant"' }])
    }
    const token = generateToken(input.kind)
    const key = await insertKey(this.db, {
      tenantId,
      kind: input.kind,
      userId: input.user_id ?? null,
      name: input.name ?? null,
      scopes: input.scopes ?? SCOPES,
      tokenHash: hashToken(token)
    })
    return { key, token }
  }

  /** Revoking twice is fine; an unknown id is not_found. Every instance's key cache forgets the key at once. */
  async revokeApiKey (id: string): Promise<void> {
    if (await revokeKey(this.db, id, this.clock.now())) {
      await announceRevocation(this.database, id)
      return
    }
    if (!await keyExists(this.db, id)) throw new ApiError('not_found', `API key ${id} not found`)
  }

  async #tenantOrThrow (tenantId: string): Promise<void> {
    if (!await store.tenantExists(this.db, tenantId)) throw new ApiError('not_found', `Tenant ${tenantId} not found`)
  }
}
