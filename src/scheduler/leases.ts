// CONTRACT §6: an expired lease counts as a failed attempt with last_error "timeout" — queued again after the
// backoff, or `failed` once attempt = max_attempts. Bounded batches, SKIP LOCKED: several instances share the
// work, and a worker's own complete/fail on the same row (which locks it) is serialized with the expiry.
import type { Database } from '../db/connect.js'
import { retryDelayMs } from '../executions/backoff.js'
import { lockExpiredLeases, recordFailedAttempts } from '../executions/store.js'
import type { SchedulerEvents } from './events.js'

export const LEASE_TIMEOUT_ERROR = 'timeout'

export interface LeaseDeps {
  readonly database: Database
  readonly events?: SchedulerEvents | undefined
  readonly random?: (() => number) | undefined
}

/** Expires up to `limit` leases that ended before `now`; resolves to how many. */
export async function expireLeases (deps: LeaseDeps, now: Date, limit: number): Promise<number> {
  const random = deps.random ?? Math.random
  const expired = await deps.database.db.transaction(async (tx) => {
    const rows = await lockExpiredLeases(tx, now, limit)
    const outcomes = rows.map((r) => ({
      ...r,
      availableAt: r.attempt >= r.maxAttempts ? null : new Date(now.getTime() + retryDelayMs(r.attempt, random()))
    }))
    await recordFailedAttempts(tx, outcomes, LEASE_TIMEOUT_ERROR, now)
    return outcomes
  })
  for (const e of expired) {
    const final = e.availableAt === null
    deps.events?.emitSafely('lease:expired', { executionId: e.id, queue: e.queue, attempt: e.attempt, final })
    deps.events?.emitSafely('execution:attempt-failed', { queue: e.queue, reason: 'timeout', final })
    if (e.availableAt !== null) deps.events?.emitSafely('execution:claimable', { tenantId: e.tenantId, queue: e.queue, availableAt: e.availableAt })
  }
  return expired.length
}
