// docs/contract.md §2: the first start on an empty database creates tenant `default`, team member `Owner` and a user-bound
// key with every scope, and logs the token once. With BOOTSTRAP_API_KEY that exact token is used, idempotently.
// An advisory transaction lock keeps two instances starting together from bootstrapping twice.
import { asc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { teamMembers, tenants } from '../db/tables.js'
import { generateToken, hashToken } from './api-keys.js'
import { SCOPES } from './scopes.js'
import { findKeyByHash, insertKey } from './store.js'

const BOOTSTRAP_LOCK = 7_208_311_402

export type BootstrapResult =
  | { created: true, token: string, tenantId: string, fromEnv: boolean }
  | { created: false }

export async function bootstrap (db: Executor, bootstrapApiKey?: string): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`)
    if (bootstrapApiKey !== undefined && await findKeyByHash(tx, hashToken(bootstrapApiKey)) !== null) {
      return { created: false }
    }
    const [first] = await tx.select().from(tenants).orderBy(asc(tenants.createdAt)).limit(1)
    if (first !== undefined && bootstrapApiKey === undefined) return { created: false }

    // An empty database gets the default tenant; a given key on a database that has tenants joins the
    // default tenant's Owner, so setting BOOTSTRAP_API_KEY later still makes that token work.
    let tenantId: string
    let ownerId: string
    const [existingDefault] = await tx.select().from(tenants).where(eq(tenants.name, 'default')).orderBy(asc(tenants.createdAt)).limit(1)
    const [owner] = existingDefault === undefined
      ? []
      : await tx.select().from(teamMembers).where(eq(teamMembers.tenantId, existingDefault.id)).orderBy(asc(teamMembers.createdAt)).limit(1)
    if (existingDefault !== undefined && owner !== undefined) {
      tenantId = existingDefault.id
      ownerId = owner.id
    } else {
      const [tenant] = await tx.insert(tenants).values({ name: 'default' }).returning()
      const [member] = await tx.insert(teamMembers).values({ tenantId: tenant!.id, name: 'Owner' }).returning()
      tenantId = tenant!.id
      ownerId = member!.id
    }
    const token = bootstrapApiKey ?? generateToken('user')
    await insertKey(tx, { tenantId, kind: 'user', userId: ownerId, name: 'bootstrap', scopes: SCOPES, tokenHash: hashToken(token) })
    return { created: true, token, tenantId, fromEnv: bootstrapApiKey !== undefined }
  })
}
