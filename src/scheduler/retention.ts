// CONTRACT §1 EXECUTION_RETENTION_DAYS: succeeded and failed executions whose finished_at is older than the
// retention are deleted, at most `limit` per call so a large backlog never makes one long transaction.
import type { Database } from '../db/connect.js'
import { pruneFinished } from '../executions/store.js'
import type { SchedulerEvents } from './events.js'

const DAY_MS = 24 * 60 * 60 * 1000

export interface RetentionDeps {
  readonly database: Database
  readonly retentionDays: number
  readonly events?: SchedulerEvents | undefined
}

/** Deletes up to `limit` finished executions older than the retention; resolves to how many. */
export async function pruneExecutions (deps: RetentionDeps, now: Date, limit: number): Promise<number> {
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS)
  const count = await pruneFinished(deps.database.db, cutoff, limit)
  if (count > 0) deps.events?.emitSafely('executions:pruned', { count })
  return count
}
