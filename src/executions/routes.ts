// /v1/executions (docs/contract.md §6: worker protocol, list, get) and POST /v1/recurring/{id}/trigger (§5). HTTP shape,
// scope, call the service, present the result; the rules live in service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../deps.js'
import { principalOf, requireScopes } from '../plugins/auth.js'
import { appEventsOf } from '../plugins/execution-metrics.js'
import { authedErrorResponses } from '../schemas/common.js'
import * as s from './schemas.js'
import { ExecutionsService } from './service.js'

const tags = ['executions']

export const executionsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const executions = new ExecutionsService(deps.database.db, deps.clock, { events: appEventsOf(app) })
  const work = requireScopes('work:executions')

  app.post('/v1/executions/claim', {
    schema: {
      operationId: 'claimExecutions',
      summary: 'Claim queued executions (oldest available first) and lease them for timeout_seconds',
      tags,
      body: s.ClaimBody,
      response: { 200: s.ClaimResponse, ...authedErrorResponses(413, 415) }
    },
    preHandler: work
  }, async (request) => {
    const { worker_id: workerId, queues = ['default'], limit = 1 } = request.body
    const claimed = await executions.claim(principalOf(request).tenantId, { workerId, queues: [...new Set(queues)], limit })
    return { data: claimed.map(s.toExecutionResponse) }
  })

  app.post('/v1/executions/:id/heartbeat', {
    schema: {
      operationId: 'heartbeatExecution',
      summary: 'Extend the lease to now + timeout_seconds',
      tags,
      params: s.ExecutionIdParams,
      body: s.WorkerBody,
      response: { 200: s.ExecutionResponse, ...authedErrorResponses(404, 409, 413, 415) }
    },
    preHandler: work
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
    preHandler: work
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
    preHandler: work
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
    preHandler: requireScopes('read:recurring')
  }, async (request) => {
    const q = request.query
    const page = await executions.list(principalOf(request).tenantId, {
      recurringId: q.recurring_id, status: q.status, queue: q.queue, limit: q.limit ?? 100, cursor: q.cursor
    })
    return { data: page.data.map(s.toExecutionResponse), next_cursor: page.nextCursor }
  })

  app.get('/v1/executions/:id', {
    schema: {
      operationId: 'getExecution',
      summary: 'Get one execution',
      tags,
      params: s.ExecutionIdParams,
      response: { 200: s.ExecutionResponse, ...authedErrorResponses(404) }
    },
    preHandler: requireScopes('read:recurring')
  }, async (request) => s.toExecutionResponse(await executions.get(principalOf(request).tenantId, request.params.id)))

  app.post('/v1/recurring/:id/trigger', {
    schema: {
      operationId: 'triggerRecurringJob',
      summary: 'Enqueue one execution of the recurring job now (next_run_at is untouched)',
      tags,
      params: s.RecurringIdParams,
      response: { 201: s.ExecutionResponse, ...authedErrorResponses(404, 413, 415) }
    },
    preHandler: requireScopes('write:recurring')
  }, async (request, reply) => reply.code(201).send(s.toExecutionResponse(
    await executions.trigger(principalOf(request).tenantId, request.params.id))))
}
