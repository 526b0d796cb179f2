// Wake-ups: the recurring API sends a message on RECURRING_JOBS_CHANGED after it changes a schedule, and the loop
// listening here ends its sleep early (PostgreSQL LISTEN/NOTIFY across instances; an in-process emitter on PGlite,
// see db/connect.ts). A wake-up is only a latency hint: a lost one costs at most the bounded sleep, never an
// occurrence, because the loop re-reads the earliest next_run_at every time it wakes.
import type { Database } from '../db/connect.js'

export const RECURRING_JOBS_CHANGED = 'recurring_jobs_changed'

/** Subscribes `onWake`; resolves to the unsubscribe function. Rejects when the database cannot listen right now. */
export async function listenForWakeups (database: Database, onWake: () => void): Promise<() => Promise<void>> {
  return database.listen(RECURRING_JOBS_CHANGED, () => onWake())
}
