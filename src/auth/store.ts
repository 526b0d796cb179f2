// Persistence of API keys. Only hashes are stored; the token itself never reaches the database.
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { preparedPerHandle } from '../db/prepared.js'
import { apiKeys } from '../db/tables.js'
import type { Scope } from './scopes.js'

export type ApiKeyRow = typeof apiKeys.$inferSelect

const findKeyQuery = preparedPerHandle((db) => db.select().from(apiKeys)
  .where(eq(apiKeys.tokenHash, sql.placeholder('tokenHash'))).limit(1).prepare('api_key_by_hash'))

export async function findKeyByHash (db: Executor, tokenHash: string): Promise<ApiKeyRow | null> {
  const rows = await findKeyQuery(db).execute({ tokenHash })
  return rows[0] ?? null
}

export interface NewKey {
  tenantId: string
  kind: 'user' | 'tenant'
  userId: string | null
  name: string | null
  scopes: readonly Scope[]
  tokenHash: string
}

export async function insertKey (db: Executor, key: NewKey): Promise<ApiKeyRow> {
  const rows = await db.insert(apiKeys).values({ ...key, scopes: [...key.scopes] }).returning()
  return rows[0]!
}

/** Marks a key revoked; false when no such key (or already revoked). */
export async function revokeKey (db: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await db.update(apiKeys).set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id })
  return rows.length > 0
}

export async function keyExists (db: Executor, id: string): Promise<boolean> {
  const rows = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id)).limit(1)
  return rows.length > 0
}
