// Shapes of the occurrence ledger, backfill and history (docs/contract.md §13), and the functions that present them.
import { Type, type Static } from 'typebox'
import { Timestamp, Uuid } from '../schemas/common.js'
import type { HistoryEntry } from '../recurring/history.js'
import { toTimestamp } from '../time/rfc3339.js'
import type { LedgerEntry, Outcome } from './service.js'

const Instant = (description: string) => Type.String({ maxLength: 64, description, examples: ['2026-03-24T00:00:00Z'] })
const NextCursor = Type.Union([Type.String(), Type.Null()], { description: 'pass as cursor for the next page; null on the last page' })

export const OccurrencesQuery = Type.Object({
  from: Type.Optional(Instant('RFC 3339; the window starts here (inclusive). Default now − 7 days')),
  to: Type.Optional(Instant('RFC 3339; the window ends here (exclusive). Default now + 1 day. to − from ≤ 31 days for schedules firing more than once a minute, else ≤ 5 years')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1000 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'next_cursor of the previous page' }))
})

const OutcomeSchema = Type.Unsafe<Outcome>({
  type: 'string',
  enum: ['enqueued', 'coalesced', 'skipped_overlap', 'skipped_misfire', 'skipped_paused', 'before_start', 'after_end', 'upcoming'],
  description: 'enqueued: an execution is for it; coalesced: it stands in execution_id\'s covers_until range; skipped_overlap / skipped_misfire: the policy skipped it; skipped_paused: the schedule was disabled; before_start / after_end: outside starts_at, ends_at or max_runs; upcoming: not yet due'
})

export const OccurrencesResponse = Type.Object({
  data: Type.Array(Type.Object({
    scheduled_for: Timestamp,
    outcome: OutcomeSchema,
    execution_id: Type.Optional(Uuid),
    execution_status: Type.Optional(Type.Unsafe<LedgerEntry['executionStatus'] & string>({ type: 'string', enum: ['queued', 'running', 'succeeded', 'failed'] }))
  }), { description: 'Every occurrence of the schedule\'s cron in the window, oldest first' }),
  next_cursor: NextCursor
}, {
  examples: [{
    data: [
      { scheduled_for: '2026-03-24T03:00:00Z', outcome: 'enqueued', execution_id: '0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11', execution_status: 'succeeded' },
      { scheduled_for: '2026-03-24T04:00:00Z', outcome: 'skipped_overlap' },
      { scheduled_for: '2026-03-24T05:00:00Z', outcome: 'upcoming' }
    ],
    next_cursor: null
  }]
})

export const BackfillBody = Type.Object({
  from: Instant('RFC 3339; first instant of the window (inclusive)'),
  to: Instant('RFC 3339; end of the window (exclusive); at most 10,000 occurrences in between'),
  dry_run: Type.Optional(Type.Boolean({ default: false, description: 'Count only; nothing is written' }))
}, { examples: [{ from: '2026-03-20T00:00:00Z', to: '2026-03-24T00:00:00Z' }, { from: '2026-03-20T00:00:00Z', to: '2026-03-24T00:00:00Z', dry_run: true }] })

export const BackfillResponse = Type.Object({
  occurrences: Type.Integer({ minimum: 0, description: 'occurrences in [from, to)' }),
  enqueued: Type.Integer({ minimum: 0, description: 'backfill executions enqueued (with dry_run: that would be)' }),
  already_present: Type.Integer({ minimum: 0, description: 'occurrences that already had an execution' })
}, { examples: [{ occurrences: 96, enqueued: 12, already_present: 84 }] })

export const HistoryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'next_cursor of the previous page' }))
})

export const HistoryResponse = Type.Object({
  data: Type.Array(Type.Object({
    at: Timestamp,
    action: Type.Unsafe<HistoryEntry['action']>({ type: 'string', enum: ['created', 'updated', 'deleted', 'paused', 'resumed', 'auto_paused'] }),
    actor: Type.Object({
      key_id: Type.Union([Uuid, Type.Null()], { description: 'the API key that made the change; null for the service itself (auto_paused)' }),
      user_id: Type.Union([Uuid, Type.Null()], { description: 'the team member of a user-bound key' })
    }),
    changes: Type.Record(Type.String(), Type.Array(Type.Unknown(), { minItems: 2, maxItems: 2 }), { description: '{field: [old, new]}' })
  }), { description: 'Every change, newest first; kept after the schedule is deleted' }),
  next_cursor: NextCursor
}, {
  examples: [{
    data: [{
      at: '2026-03-24T16:00:00Z',
      action: 'paused',
      actor: { key_id: '4f1c2a7e-9d3b-4c55-8e21-6a0b9f3d2c10', user_id: '7a9e3c1d-2b4f-4e6a-9c8d-1f0e2d3c4b5a' },
      changes: { enabled: [true, false], pause_note: [null, 'upstream outage'] }
    }],
    next_cursor: null
  }]
})

export type OccurrencesInput = Static<typeof OccurrencesQuery>
export type BackfillInput = Static<typeof BackfillBody>

export function toLedgerEntry (e: LedgerEntry) {
  return {
    scheduled_for: toTimestamp(e.scheduledFor),
    outcome: e.outcome,
    ...(e.executionId === undefined ? {} : { execution_id: e.executionId }),
    ...(e.executionStatus === undefined ? {} : { execution_status: e.executionStatus })
  }
}

export function toHistoryEntry (h: HistoryEntry) {
  return { at: toTimestamp(h.at), action: h.action, actor: { key_id: h.actorKeyId, user_id: h.actorUserId }, changes: h.changes }
}
