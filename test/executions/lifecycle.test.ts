// The execution state machine (docs/contract.md §6, §11, §12) without a database: every transition from a row and `now`.
import t from 'tap'
import * as lifecycle from '../../src/executions/lifecycle.js'

const d = (s: string) => new Date(s)
const now = d('2026-03-24T15:00:00Z')

const job: lifecycle.JobTemplate = {
  tenantId: 't', recurringId: 'rjob_x', jobType: 'job.x', queue: 'default', payload: { a: 1 }, maxAttempts: 3, timeoutSeconds: 60
}

function running (overrides: Partial<lifecycle.ExecutionState> = {}): lifecycle.ExecutionState {
  return { id: 'e1', status: 'running', attempt: 1, maxAttempts: 3, timeoutSeconds: 60, workerId: 'w1', leaseExpiresAt: d('2026-03-24T15:01:00Z'), ...overrides }
}

t.test('enqueue: queued, no attempt yet, claimable from now, the schedule\'s job fields copied', async (t) => {
  t.strictSame(lifecycle.enqueue(job, { trigger: 'schedule', scheduledFor: d('2026-03-24T14:00:00Z'), coalescedCount: 4 }, now), {
    ...job, trigger: 'schedule', scheduledFor: d('2026-03-24T14:00:00Z'), coalescedCount: 4, coversUntil: d('2026-03-24T14:00:00Z'), blockedBy: null, status: 'queued', attempt: 0, enqueuedAt: now, availableAt: now
  })
  t.match(lifecycle.enqueue(job, { trigger: 'schedule', scheduledFor: d('2026-03-24T14:00:00Z'), coalescedCount: 4, coversUntil: d('2026-03-24T14:30:00Z') }, now, { id: 'e2', blockedBy: 'e1' }),
    { id: 'e2', coversUntil: d('2026-03-24T14:30:00Z'), blockedBy: 'e1' })
})

t.test('claim: one more attempt, leased for timeout_seconds', async (t) => {
  t.strictSame(lifecycle.claim({ attempt: 1, timeoutSeconds: 90 }, 'w2', now), {
    status: 'running', attempt: 2, startedAt: now, leaseExpiresAt: d('2026-03-24T15:01:30Z'), workerId: 'w2'
  })
  t.ok(lifecycle.isClaimable({ status: 'queued', availableAt: now }, now), 'available now')
  t.notOk(lifecycle.isClaimable({ status: 'queued', availableAt: d('2026-03-24T15:00:01Z') }, now), 'backing off')
  t.notOk(lifecycle.isClaimable({ status: 'running', availableAt: now }, now), 'already running')
  t.notOk(lifecycle.isClaimable({ status: 'queued', availableAt: now }, now, { status: 'running' }), 'buffer_one: waits behind a running one')
  t.ok(lifecycle.isClaimable({ status: 'queued', availableAt: now }, now, { status: 'succeeded' }), 'buffer_one: the one it waited for ended')
})

t.test('the lease: only the holder, only while it lasts', async (t) => {
  t.equal(lifecycle.leaseConflict(running(), 'w1', now), null)
  t.equal(lifecycle.leaseConflict(running({ leaseExpiresAt: now }), 'w1', now), null, 'the last instant still counts')
  t.equal(lifecycle.leaseConflict(running(), 'w2', now), 'Execution e1 is leased to another worker')
  t.equal(lifecycle.leaseConflict(running({ status: 'queued' }), 'w1', now), 'Execution e1 is queued, not running: there is no lease to act on')
  t.equal(lifecycle.leaseConflict(running({ leaseExpiresAt: d('2026-03-24T14:59:59.500Z') }), 'w1', now),
    'The lease on execution e1 expired at 2026-03-24T14:59:59Z')
  t.strictSame(lifecycle.heartbeat({ timeoutSeconds: 60 }, now), { leaseExpiresAt: d('2026-03-24T15:01:00Z') })
})

t.test('complete: succeeded, lease cleared, result kept (null when none)', async (t) => {
  t.strictSame(lifecycle.complete(now, { rows: 3 }), { status: 'succeeded', finishedAt: now, leaseExpiresAt: null, result: { rows: 3 } })
  t.strictSame(lifecycle.complete(now, undefined), { status: 'succeeded', finishedAt: now, leaseExpiresAt: null, result: null })
  t.ok(lifecycle.isFinal(lifecycle.complete(now, null)))
})

t.test('fail: queued again after the backoff, or failed once attempt = max_attempts', async (t) => {
  // attempt 1 of 3, jitter 0 → 5 s × 0.5; attempt 2 with jitter → 1 → 10 s × ~1.
  t.strictSame(lifecycle.fail({ attempt: 1, maxAttempts: 3 }, 'boom', now, 0), {
    status: 'queued', availableAt: d('2026-03-24T15:00:02.500Z'), finishedAt: null, leaseExpiresAt: null, lastError: 'boom'
  })
  t.match(lifecycle.fail({ attempt: 2, maxAttempts: 3 }, 'boom', now, 0.999999), { status: 'queued', availableAt: d('2026-03-24T15:00:10Z') })
  const final = lifecycle.fail({ attempt: 3, maxAttempts: 3 }, 'boom', now, 0.5)
  t.strictSame(final, { status: 'failed', finishedAt: now, leaseExpiresAt: null, lastError: 'boom' })
  t.ok(lifecycle.isFinal(final))
  t.notOk(lifecycle.isFinal(lifecycle.fail({ attempt: 1, maxAttempts: 3 }, 'boom', now, 0.5)))
  // The backoff is capped at 1 h.
  t.match(lifecycle.fail({ attempt: 30, maxAttempts: 100 }, 'boom', now, 0.999999), { availableAt: d('2026-03-24T16:00:00Z') })
})

t.test('expire: the same rule, with last_error "timeout"', async (t) => {
  t.strictSame(lifecycle.expire({ attempt: 1, maxAttempts: 2 }, now, 0), lifecycle.fail({ attempt: 1, maxAttempts: 2 }, 'timeout', now, 0))
  t.strictSame(lifecycle.expire({ attempt: 2, maxAttempts: 2 }, now, 0), { status: 'failed', finishedAt: now, leaseExpiresAt: null, lastError: 'timeout' })
})

t.test('release: queued and claimable now, the attempt given back', async (t) => {
  t.strictSame(lifecycle.release({ attempt: 2 }, now), { status: 'queued', attempt: 1, availableAt: now, startedAt: null, leaseExpiresAt: null })
  t.match(lifecycle.release({ attempt: 0 }, now), { attempt: 0 })
})

t.test('replace: failed with last_error "replaced"', async (t) => {
  t.strictSame(lifecycle.replace(now), { status: 'failed', finishedAt: now, leaseExpiresAt: null, lastError: 'replaced' })
  t.ok(lifecycle.isFinal(lifecycle.replace(now)))
})
