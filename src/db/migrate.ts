// Applies the committed SQL migrations under drizzle/ at start-up. On PostgreSQL several instances may start at
// once: a session advisory lock on a dedicated connection makes them take turns, so each migration runs once.
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import postgres from 'postgres'
import type { Database } from './connect.js'
import { CONNECT_TIMEOUT_MS } from './watchdog.js'

/** drizzle/ at the project root, from src/db (tsx) and from dist/db (built) alike. */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))

const MIGRATION_LOCK = 7_208_311_401

export async function migrateDatabase (database: Database, url?: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder })
    return
  }
  if (url === undefined) throw new Error('migrating PostgreSQL needs its URL')
  // Drizzle's postgres.js guide: migrate over a separate single connection. A host that swallows packets fails the
  // connect as fast as the service's own pool does, so start-up retries on schedule (main.ts).
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: CONNECT_TIMEOUT_MS / 1000 })
  try {
    const db = drizzlePostgres(client)
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`)
    try {
      await migratePostgres(db, { migrationsFolder })
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`)
    }
  } finally {
    await client.end({ timeout: 5 })
  }
}
