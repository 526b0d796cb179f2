// Instants as SQL parameters, one way for every store: a timestamptz that survives both drivers (postgres.js and
// PGlite both get text and cast it).
import { sql, type SQL } from 'drizzle-orm'

export const at = (instant: Date): SQL => sql`${instant.toISOString()}::timestamptz`
