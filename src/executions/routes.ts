// /v1/executions (docs/contract.md §6: worker protocol, list, get) and POST /v1/recurring/{id}/trigger (§5). HTTP shape,
// scope, call the service, present the result; the rules live in service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { AppDeps } from '../deps.js'
import { principalOf, requireScopes } from '../plugins/auth.js'
import { appEventsOf } from '../plugins/execution-metrics.js'
import { authedErrorResponses } from '../schemas/common.js'
import * as s from './schemas.js'
import { ExecutionsService } from './service.js'
import { ClaimWakeups } from './wakeups.js'

const tags = ['executions']

export const executionsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const events = appEventsOf(app)
  const wakeups = new ClaimWakeups(deps.database, deps.clock, app.log.child({ component: 'claim-wakeups' }))
  // Whatever makes an execution claimable (scheduler, trigger, retry, release, expired lease) reports it after
  // its commit; the wake-ups pass it to the long-polls of every instance.
  events.on('execution:enqueued', (e) => wakeups.announce(e.tenantId, e.queue, e.enqueuedAt))
  events.on('execution:claimable', (e) => wakeups.announce(e.tenantId, e.queue, e.availableAt))
  // preClose: waiting claims answer {data: []} before the server waits for in-flight requests.
  app.addHook('preClose', async () => { await wakeups.close() })
  app.addHook('onClose', async () => { await wakeups.close() })
  const executions = new ExecutionsService(deps.database.db, deps.clock, { events, wakeups })
  const work = requireScopes('work:executions')

  app.post('/v1/executions/claim', {
    schema: {
      operationId: 'claimExecutions',
      summary: 'Claim queued executions (oldest available first) and lease them for timeout_seconds',
      tags,
      body: s.ClaimBody,
      response: { 200: s.ClaimResponse, ...authedErrorResponses(413, 415) }
    },
    onRequest: work
  }, async (request, reply) => {
    const { worker_id: workerId, queues = ['default'], limit = 1, wait_seconds: waitSeconds = 0 } = request.body
    const tenantId = principalOf(request).tenantId
    const input = { workerId, queues: [...new Set(queues)], limit }
    if (waitSeconds === 0) return { data: (await executions.claim(tenantId, input)).map(s.toExecutionResponse) }
    // A client that goes away while waiting must not be handed executions it will never see.
    const gone = new AbortController()
    const onClose = () => { if (!reply.raw.writableFinished) gone.abort() }
    reply.raw.on('close', onClose)
    try {
      const claimed = await executions.claimWaiting(tenantId, input, waitSeconds * 1000, gone.signal)
      // A close that arrived while the claim ran is only read at the event loop's next poll for I/O (on PGlite the
      // woken claim runs in the same turns as the commit that woke it): let that poll happen before answering, so
      // the executions go back instead of to a socket that is already gone.
      if (claimed.length > 0 && !gone.signal.aborted) await new Promise((resolve) => setImmediate(resolve))
      if (claimed.length > 0 && (gone.signal.aborted || request.raw.socket.destroyed)) {
        await executions.releaseMany(tenantId, workerId, claimed.map((e) => e.id))
        return { data: [] }
      }
      return { data: claimed.map(s.toExecutionResponse) }
    } finally {
      reply.raw.off('close', onClose)
    }
  })

  app.post('/v1/executions/:id/release', {
    schema: {
      operationId: 'releaseExecution',
      summary: 'Give the lease back: queued and claimable now, the attempt not counted',
      tags,
      params: s.ExecutionIdParams,
      body: s.WorkerBody,
      response: { 200: s.ExecutionResponse, ...authedErrorResponses(404, 409, 413, 415) }
    },
    onRequest: work
  }, async (request) => s.toExecutionResponse(
    await executions.release(principalOf(request).tenantId, request.params.id, request.body.worker_id)))

  app.post('/v1/executions/complete', {
    schema: {
      operationId: 'completeExecutions',
      summary: 'Complete many leased executions; each item succeeds or fails on its own',
      tags,
      body: s.BatchCompleteBody,
      response: { 200: s.BatchResponse, ...authedErrorResponses(413, 415) }
    },
    onRequest: work
  }, async (request, reply) => batchAnswer(reply,
    await executions.completeMany(principalOf(request).tenantId, request.body.worker_id, request.body.items)))

  app.post('/v1/executions/fail', {
    schema: {
      operationId: 'failExecutions',
      summary: 'Record failed attempts of many leased executions; each item succeeds or fails on its own',
      tags,
      body: s.BatchFailBody,
      response: { 200: s.BatchResponse, ...authedErrorResponses(413, 415) }
    },
    onRequest: work
  }, async (request, reply) => batchAnswer(reply,
    await executions.failMany(principalOf(request).tenantId, request.body.worker_id, request.body.items)))

  app.post('/v1/executions/heartbeat', {
    schema: {
      operationId: 'heartbeatExecutions',
      summary: 'Extend the leases of many executions; each item succeeds or fails on its own',
      tags,
      body: s.BatchHeartbeatBody,
      response: { 200: s.BatchResponse, ...authedErrorResponses(413, 415) }
    },
    onRequest: work
  }, async (request, reply) => batchAnswer(reply,
    await executions.heartbeatMany(principalOf(request).tenantId, request.body.worker_id, request.body.ids)))

  app.post('/v1/executions/:id/heartbeat', {
    schema: {
      operationId: 'heartbeatExecution',
      summary: 'Extend the lease to now + timeout_seconds',
      tags,
      params: s.ExecutionIdParams,
      body: s.WorkerBody,
      response: { 200: s.ExecutionResponse, ...authedErrorResponses(404, 409, 413, 415) }
    },
    onRequest: work
  }, async (request) => s.toExecutionResponse(
    await executions.heartbeat(principalOf(request).tenantId, request.params.id, request.body.worker_id)))

  app.post('/v1/executions/:id/complete', {
    schema: {
      operationId: 'completeExecution',
      summary: 'Mark the leased execution succeeded',
      tags,
      params: s.ExecutionIdParams,
      body: s.CompleteBody,
      response: { 200: s.ExecutionResponse, ...authedErrorResponses(404, 409, 413, 415) }
    },
    onRequest: work
  }, async (request) => s.toExecutionResponse(
    await executions.complete(principalOf(request).tenantId, request.params.id, request.body.worker_id, request.body.result)))

  app.post('/v1/executions/:id/fail', {
    schema: {
      operationId: 'failExecution',
      summary: 'Record a failed attempt: queued again after a backoff, or failed once attempt = max_attempts',
      tags,
      params: s.ExecutionIdParams,
      body: s.FailBody,
      response: { 200: s.ExecutionResponse, ...authedErrorResponses(404, 409, 413, 415) }
    },
    onRequest: work
  }, async (request) => s.toExecutionResponse(
    await executions.fail(principalOf(request).tenantId, request.params.id, request.body.worker_id, request.body.error)))

  app.get('/v1/executions', {
    schema: {
      operationId: 'listExecutions',
      summary: 'List executions, newest first',
      tags,
      querystring: s.ListExecutionsQuery,
      response: { 200: s.ExecutionPage, ...authedErrorResponses() }
    },
    onRequest: requireScopes('read:recurring')
  }, async (request) => {
    const q = request.query
    const page = await executions.list(principalOf(request).tenantId, {
      recurringId: q.recurring_id, status: q.status, queue: q.queue, limit: q.limit ?? 100, cursor: q.cursor
    })
    return { data: page.responses, next_cursor: page.nextCursor }
  })

  app.get('/v1/executions/:id', {
    schema: {
      operationId: 'getExecution',
      summary: 'Get one execution',
      tags,
      params: s.ExecutionIdParams,
      response: { 200: s.ExecutionResponse, ...authedErrorResponses(404) }
    },
    onRequest: requireScopes('read:recurring')
  }, async (request) => s.toExecutionResponse(await executions.get(principalOf(request).tenantId, request.params.id)))

  app.post('/v1/recurring/:id/trigger', {
    schema: {
      operationId: 'triggerRecurringJob',
      summary: 'Enqueue one execution of the recurring job now (next_run_at is untouched)',
      tags,
      params: s.RecurringIdParams,
      response: { 201: s.ExecutionResponse, ...authedErrorResponses(404, 413, 415) }
    },
    onRequest: requireScopes('write:recurring')
  }, async (request, reply) => reply.code(201).send(s.toExecutionResponse(
    await executions.trigger(principalOf(request).tenantId, request.params.id))))
}

/** A batch route's answer, written from s.BatchSerialization (same bytes as BatchResponse's, a quarter of the time). */
function batchAnswer (reply: FastifyReply, results: Parameters<typeof s.toBatchResponse>[0]): s.BatchBody {
  reply.serializer(reply.compileSerializationSchema(s.BatchSerialization as unknown as Record<string, unknown>, '200'))
  return s.toBatchResponse(results)
}
