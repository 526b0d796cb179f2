// The service's clock (CONTRACT §10 "one clock"): the local clock corrected against the database's, so every
// instance sharing one PostgreSQL database decides enqueueing, claims, lease expiry and backoff on the same time
// whatever its own system clock says. On embedded PGlite the database clock is this process's own clock.
import { sql } from 'drizzle-orm'
import type { Clock } from '../time/clock.js'
import { CorrectedClock } from '../time/corrected-clock.js'
import { queryRows, type Database } from './connect.js'

/** How often the offset is measured again while the process runs. */
export const CLOCK_SYNC_INTERVAL_MS = 30_000

/** The database's clock_timestamp(), in milliseconds since the epoch (microseconds kept as a fraction). */
export async function readDatabaseClock (database: Pick<Database, 'db'>): Promise<number> {
  const [row] = await queryRows<{ ms: number | string }>(database.db,
    sql`select extract(epoch from clock_timestamp())::float8 * 1000 as ms`)
  return Number(row?.ms)
}

/** A clock reading `base` corrected against the database, measured once before it is returned. */
export async function databaseClock (database: Pick<Database, 'db'>, base: Clock): Promise<CorrectedClock> {
  const clock = new CorrectedClock(base, () => readDatabaseClock(database))
  await clock.synchronize()
  return clock
}
