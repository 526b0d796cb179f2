// docs/contract.md §13: the change history of a schedule (kept after its delete) and its ETag. A change is recorded in the
// transaction that makes it, as {field: [old, new]} over the fields a client can set, in their API form.
import { hash } from 'node:crypto'
import { and, desc, eq, lt } from 'drizzle-orm'
import type { Executor } from '../db/connect.js'
import { recurringJobHistory } from '../db/tables.js'
import { toRecurringJobResponse, type RecurringJobBody } from './schemas.js'
import type { RecurringJob } from './store.js'

export type HistoryAction = typeof recurringJobHistory.$inferSelect['action']
export type HistoryEntry = typeof recurringJobHistory.$inferSelect

/** Who made a change: the API key and, for a user-bound key, its team member; both null for the service itself. */
export interface Actor { readonly keyId: string | null, readonly userId: string | null }

export const SERVICE_ACTOR: Actor = { keyId: null, userId: null }

const SETTABLE = [
  'job_type', 'queue', 'cron_expression', 'timezone', 'enabled', 'payload', 'max_attempts', 'timeout_seconds',
  'overlap_policy', 'misfire_policy', 'misfire_threshold_seconds', 'starts_at', 'ends_at', 'max_runs',
  'pause_note', 'auto_pause_after_failures'
] as const

/** The fields a client can set, as the API shows them (`body`: the job's API shape, when already made). */
export function settableFields (job: RecurringJob, body: RecurringJobBody = toRecurringJobResponse(job)): Record<string, unknown> {
  const shown = body as Record<string, unknown>
  return Object.fromEntries(SETTABLE.map((field) => [field, shown[field]]))
}

/** {field: [old, new]} for every settable field that differs; with no `before`, every field is [null, new]. */
export function changesBetween (before: RecurringJob | null, after: RecurringJob | null): Record<string, [unknown, unknown]> {
  const a = before === null ? {} : settableFields(before)
  const b = after === null ? {} : settableFields(after)
  const out: Record<string, [unknown, unknown]> = {}
  for (const field of SETTABLE) {
    const old = a[field] ?? null
    const now = b[field] ?? null
    if (JSON.stringify(old) !== JSON.stringify(now)) out[field] = [old, now]
  }
  return out
}

/** created / deleted, or for an update: paused / resumed when `enabled` flipped, else updated. */
export function actionOf (before: RecurringJob | null, after: RecurringJob | null): HistoryAction {
  if (before === null) return 'created'
  if (after === null) return 'deleted'
  if (before.enabled && !after.enabled) return 'paused'
  if (!before.enabled && after.enabled) return 'resumed'
  return 'updated'
}

/** Records the change from `before` to `after` (null: did not exist); an update that changes nothing is not recorded. */
export async function recordChange (db: Executor, tenantId: string, id: string, before: RecurringJob | null, after: RecurringJob | null,
  actor: Actor, at: Date, action: HistoryAction = actionOf(before, after)): Promise<void> {
  const changes = action === 'deleted' ? {} : changesBetween(before, after)
  if (action === 'updated' && Object.keys(changes).length === 0) return
  await db.insert(recurringJobHistory).values({ tenantId, recurringId: id, at, action, actorKeyId: actor.keyId, actorUserId: actor.userId, changes })
}

/** Newest first, `limit` entries with seq < beforeSeq when given. */
export async function listHistory (db: Executor, tenantId: string, id: string, limit: number, beforeSeq: number | null): Promise<HistoryEntry[]> {
  return db.select().from(recurringJobHistory)
    .where(and(eq(recurringJobHistory.tenantId, tenantId), eq(recurringJobHistory.recurringId, id),
      ...(beforeSeq === null ? [] : [lt(recurringJobHistory.seq, beforeSeq)])))
    .orderBy(desc(recurringJobHistory.seq))
    .limit(limit)
}

/** Every entry, oldest first (the ledger reads pauses from it). */
export async function allHistory (db: Executor, tenantId: string, id: string): Promise<HistoryEntry[]> {
  return (await listHistory(db, tenantId, id, 100_000, null)).reverse()
}

/**
 * docs/contract.md §13 ETag of a schedule: changes exactly when a client-settable field changes or the schedule is
 * saved again (updated_at); the scheduler moving next_run_at does not change it, so a worker's tick never makes
 * an operator's If-Match fail.
 */
export function etagOf (job: RecurringJob, body?: RecurringJobBody): string {
  const digest = hash('sha256', JSON.stringify([job.createdAt.getTime(), job.updatedAt?.getTime() ?? null, settableFields(job, body)]), 'base64url')
  return `"${digest.slice(0, 27)}"`
}

/** RFC 9110 If-Match / If-None-Match: `*` or a comma-separated list of entity tags. */
export function etagMatches (header: string, etag: string | null): boolean {
  if (etag === null) return false
  return header.split(',').map((t) => t.trim()).some((t) => t === '*' || t === etag)
}
