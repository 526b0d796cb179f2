// docs/contract.md §13: every occurrence accounted for. The ledger walks the schedule's cron over a window and says, for
// each occurrence, what became of it; backfill enqueues the occurrences of a window that have no execution; the
// history lists every change. No Fastify here.
//
// Choices where the contract is silent:
// - The ledger starts after the schedule existed with its current cron and zone: strictly after created_at and
//   after the last change of cron_expression or timezone (occurrences of another expression are not this one's).
// - Precedence when several apply: an execution for the occurrence (enqueued), one standing for it (coalesced),
//   a recorded skip, before_start / after_end, then upcoming (not yet due: after now, or at/after next_run_at),
//   then skipped_paused. A past occurrence with no record at all is `enqueued` without an execution when it is
//   older than the execution retention (its execution was pruned), else `skipped_misfire` (it was missed).
// - Backfill treats an occurrence that a coalesced execution stands for as present.
import { ApiError } from '../errors.js'
import type { Database } from '../db/connect.js'
import { enqueueOccurrence, type ExecutionStatus } from '../executions/lifecycle.js'
import { insertScheduledExecutions } from '../executions/store.js'
import { occurrences as cronOccurrences } from '../cron/index.js'
import { scheduleOf } from '../recurring/cron.js'
import { allHistory, listHistory, type HistoryEntry } from '../recurring/history.js'
import { notFound } from '../recurring/service.js'
import { findJob, type RecurringJob } from '../recurring/store.js'
import type { Clock } from '../time/clock.js'
import { parseTimestamp } from '../time/rfc3339.js'
import * as store from './store.js'

export type Outcome = 'enqueued' | 'coalesced' | 'skipped_overlap' | 'skipped_misfire' | 'skipped_paused' | 'before_start' | 'after_end' | 'upcoming'

export interface LedgerEntry {
  scheduledFor: Date
  outcome: Outcome
  executionId?: string
  executionStatus?: ExecutionStatus
}

const DAY_MS = 24 * 60 * 60 * 1000
export const LEDGER_PAGE_MAX = 1000
export const BACKFILL_MAX = 10_000
const SUB_MINUTE_SPAN_MS = 31 * DAY_MS
const SPAN_MS = (5 * 365 + 2) * DAY_MS

const invalid = (field: string, message: string) => new ApiError('invalid_request', `Invalid ${field}: ${message}`, [{ field, message }])

function instantOrThrow (text: string | undefined, field: string, fallback: Date): Date {
  if (text === undefined) return fallback
  const instant = parseTimestamp(text)
  if (instant === null) throw invalid(field, 'is not an RFC 3339 instant with an offset')
  return instant
}

function encodeCursor (instant: Date): string {
  return Buffer.from(`at:${instant.getTime()}`).toString('base64url')
}

function decodeCursor (cursor: string): Date {
  const m = /^at:(-?\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (m === null) throw invalid('cursor', 'is not a next_cursor this API returned')
  return new Date(Number(m[1]))
}

/** History entries of the current incarnation of the schedule (since its last creation), oldest first. */
function currentIncarnation (history: HistoryEntry[]): HistoryEntry[] {
  let start = 0
  history.forEach((h, i) => { if (h.action === 'created') start = i })
  return history.slice(start)
}

/** Intervals [from, until] during which the schedule was disabled (an occurrence at the re-enable instant does not fire), from its history (and its paused_at). */
function pausedIntervals (job: RecurringJob, history: HistoryEntry[]): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let pausedFrom: number | null = null
  for (const h of history) {
    const change = h.changes.enabled
    if (change === undefined) continue
    const enabled = change[1] === true
    if (!enabled && pausedFrom === null) pausedFrom = h.at.getTime()
    if (enabled && pausedFrom !== null) { out.push([pausedFrom, h.at.getTime()]); pausedFrom = null }
  }
  if (pausedFrom === null && !job.enabled && job.pausedAt !== null) pausedFrom = job.pausedAt.getTime()
  if (pausedFrom !== null) out.push([pausedFrom, Infinity])
  return out
}

export class OccurrencesService {
  constructor (private readonly database: Pick<Database, 'db'>, private readonly clock: Clock, private readonly retentionDays: number) {}

  async #job (tenantId: string, id: string): Promise<RecurringJob> {
    const job = await findJob(this.database.db, tenantId, id)
    if (job === null) throw notFound(id)
    return job
  }

  /** The occurrences of [from, to) after `after` (exclusive) or from `from` (inclusive), at most `count`. */
  #walk (job: RecurringJob, from: Date, to: Date, after: Date | null, count: number): Date[] {
    const schedule = scheduleOf(job.cronExpression, job.id)
    const start = after ?? from
    return cronOccurrences(schedule, start, job.timezone, { inclusive: after === null, count })
      .filter((o) => o.getTime() < to.getTime())
  }

  async ledger (tenantId: string, id: string, query: { from?: string | undefined, to?: string | undefined, limit?: number | undefined, cursor?: string | undefined }) {
    const job = await this.#job(tenantId, id)
    const now = this.clock.now()
    const from = instantOrThrow(query.from, 'from', new Date(now.getTime() - 7 * DAY_MS))
    const to = instantOrThrow(query.to, 'to', new Date(now.getTime() + DAY_MS))
    if (to.getTime() <= from.getTime()) throw invalid('to', 'must be after from')
    const limit = query.limit ?? LEDGER_PAGE_MAX
    const schedule = scheduleOf(job.cronExpression, job.id)
    const probe = cronOccurrences(schedule, from, job.timezone, { count: 2, inclusive: true })
    const subMinute = probe.length === 2 && probe[1]!.getTime() - probe[0]!.getTime() < 60_000
    const maxSpan = subMinute ? SUB_MINUTE_SPAN_MS : SPAN_MS
    if (to.getTime() - from.getTime() > maxSpan) {
      throw invalid('to', `to − from may be at most ${subMinute ? '31 days for a schedule that fires more than once a minute' : '5 years'}`)
    }

    const history = currentIncarnation(await allHistory(this.database.db, tenantId, id))
    // Occurrences of this expression exist from the later of its creation and its last cron/zone change.
    let existsAfter = job.createdAt.getTime()
    for (const h of history) {
      if (h.action !== 'created' && (h.changes.cron_expression !== undefined || h.changes.timezone !== undefined)) existsAfter = Math.max(existsAfter, h.at.getTime())
    }
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor)
    const afterMs = Math.max(cursor?.getTime() ?? -Infinity, existsAfter)
    const after = from.getTime() > afterMs ? null : new Date(afterMs)
    const list = this.#walk(job, from, to, after, limit + 1)
    const page = list.slice(0, limit)
    const nextCursor = list.length > limit ? encodeCursor(page[page.length - 1]!) : null
    if (page.length === 0) return { data: [], nextCursor }

    const first = page[0]!
    const last = page[page.length - 1]!
    const [covering, skips, lastRun] = await Promise.all([
      store.executionsCovering(this.database.db, tenantId, id, first, last),
      store.skipsOverlapping(this.database.db, tenantId, id, first, last),
      job.maxRuns !== null && job.runsCount >= job.maxRuns ? store.lastScheduledCovered(this.database.db, tenantId, id) : Promise.resolve(null)
    ])
    const exact = new Map(covering.map((e) => [e.scheduledFor.getTime(), e]))
    const paused = pausedIntervals(job, history)
    const retentionCutoff = now.getTime() - this.retentionDays * DAY_MS

    const data: LedgerEntry[] = page.map((occurrence) => {
      const t = occurrence.getTime()
      const own = exact.get(t)
      if (own !== undefined) return { scheduledFor: occurrence, outcome: 'enqueued', executionId: own.id, executionStatus: own.status }
      const standing = covering.find((e) => e.scheduledFor.getTime() < t && t <= e.coversUntil.getTime())
      if (standing !== undefined) return { scheduledFor: occurrence, outcome: 'coalesced', executionId: standing.id, executionStatus: standing.status }
      const skip = skips.find((k) => k.fromAt.getTime() <= t && t < k.untilAt.getTime())
      if (skip !== undefined) return { scheduledFor: occurrence, outcome: skip.outcome }
      if (job.startsAt !== null && t < job.startsAt.getTime()) return { scheduledFor: occurrence, outcome: 'before_start' }
      if ((job.endsAt !== null && t > job.endsAt.getTime()) || (lastRun !== null && t > lastRun.getTime())) return { scheduledFor: occurrence, outcome: 'after_end' }
      if (t > now.getTime() || (job.nextRunAt !== null && t >= job.nextRunAt.getTime())) return { scheduledFor: occurrence, outcome: 'upcoming' }
      if (paused.some(([a, b]) => a <= t && t <= b)) return { scheduledFor: occurrence, outcome: 'skipped_paused' }
      return { scheduledFor: occurrence, outcome: t < retentionCutoff ? 'enqueued' : 'skipped_misfire' }
    })
    return { data, nextCursor }
  }

  /** docs/contract.md §13: one backfill execution per occurrence of [from, to) that has none; idempotent; dry_run writes nothing. */
  async backfill (tenantId: string, id: string, input: { from: string, to: string, dry_run?: boolean | undefined }) {
    const now = this.clock.now()
    const from = instantOrThrow(input.from, 'from', now)
    const to = instantOrThrow(input.to, 'to', now)
    if (to.getTime() <= from.getTime()) throw invalid('to', 'must be after from')
    const db = this.database.db
    return db.transaction(async (tx) => {
      // The schedule row lock serializes a backfill with the scheduler's tick on this schedule.
      const job = await findJob(tx, tenantId, id, true)
      if (job === null) throw notFound(id)
      const list = this.#walk(job, from, to, null, BACKFILL_MAX + 1)
      if (list.length > BACKFILL_MAX) throw invalid('to', `[from, to) holds more than ${BACKFILL_MAX} occurrences`)
      if (list.length === 0) return { occurrences: 0, enqueued: 0, alreadyPresent: 0 }
      const covering = await store.executionsCovering(tx, tenantId, id, list[0]!, list[list.length - 1]!)
      const missing = list.filter((o) => !covering.some((e) => e.scheduledFor.getTime() <= o.getTime() && o.getTime() <= e.coversUntil.getTime()))
      let enqueued = missing.length
      if (input.dry_run !== true && missing.length > 0) {
        enqueued = 0
        for (let i = 0; i < missing.length; i += 1000) {
          const rows = missing.slice(i, i + 1000).map((o) => enqueueOccurrence({ tenantId, recurringId: id }, { trigger: 'backfill', scheduledFor: o, coalescedCount: 1 }, now))
          enqueued += (await insertScheduledExecutions(tx, rows)).length
        }
      }
      return { occurrences: list.length, enqueued, alreadyPresent: list.length - enqueued }
    })
  }

  /** docs/contract.md §13: newest first, kept after the schedule's delete; 404 only when there never was one. */
  async history (tenantId: string, id: string, query: { limit?: number | undefined, cursor?: string | undefined }) {
    const limit = query.limit ?? 100
    let beforeSeq: number | null = null
    if (query.cursor !== undefined) {
      const m = /^seq:(\d{1,15})$/.exec(Buffer.from(query.cursor, 'base64url').toString('utf8'))
      if (m === null) throw invalid('cursor', 'is not a next_cursor this API returned')
      beforeSeq = Number(m[1])
    }
    const rows = await listHistory(this.database.db, tenantId, id, limit + 1, beforeSeq)
    if (rows.length === 0 && beforeSeq === null && await findJob(this.database.db, tenantId, id) === null) throw notFound(id)
    const data = rows.slice(0, limit)
    return { data, nextCursor: rows.length > limit ? Buffer.from(`seq:${data[data.length - 1]!.seq}`).toString('base64url') : null }
  }
}
