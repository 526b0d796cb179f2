// Persistence for operator-created rows: tenants and the rows every feature references.
import { and, eq } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { apiKeys, catalogItems, customers, teamMembers, tenants } from '../db/tables.js'

export type Tenant = typeof tenants.$inferSelect
export type Member = typeof teamMembers.$inferSelect
export type Customer = typeof customers.$inferSelect
export type CatalogItem = typeof catalogItems.$inferSelect
export type ApiKey = typeof apiKeys.$inferSelect

export async function insertTenant (db: Executor, name: string): Promise<Tenant> {
  return (await db.insert(tenants).values({ name }).returning())[0]!
}

export async function tenantExists (db: Executor, id: string): Promise<boolean> {
  return (await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, id)).limit(1)).length > 0
}

export async function insertMember (db: Executor, tenantId: string, name: string, email: string | null): Promise<Member> {
  return (await db.insert(teamMembers).values({ tenantId, name, email }).returning())[0]!
}

export async function memberOfTenant (db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db.select({ id: teamMembers.id }).from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.id, id))).limit(1)
  return rows.length > 0
}

export async function insertCustomer (db: Executor, tenantId: string, name: string): Promise<Customer> {
  return (await db.insert(customers).values({ tenantId, name }).returning())[0]!
}

export async function insertCatalogItem (db: Executor, tenantId: string, name: string, unitPrice: number | null): Promise<CatalogItem> {
  return (await db.insert(catalogItems).values({ tenantId, name, unitPrice }).returning())[0]!
}
