// Recurring-jobs HTTP routes (docs/contract.md §5, §8): shape, scope, call the service, present the result.
// `POST /v1/recurring/{id}/trigger` belongs to the executions feature.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppDeps } from '../deps.js'
import { principalOf, requireScopes } from '../plugins/auth.js'
import { authedErrorResponses } from '../schemas/common.js'
import { previewCron } from './preview.js'
import * as s from './schemas.js'
import { etagMatches, etagOf, type Actor } from './history.js'
import { RecurringService, type WriteOptions } from './service.js'
import type { RecurringJob } from './store.js'
import { WorkersService } from './workers.js'

const tags = ['recurring']

export const recurringRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const recurring = new RecurringService(deps.database, deps.clock)
  const workers = new WorkersService(deps.database, deps.clock, recurring)
  const tenantOf = (request: FastifyRequest) => principalOf(request).tenantId
  const actorOf = (request: FastifyRequest): Actor => ({ keyId: principalOf(request).keyId, userId: principalOf(request).userId })
  const header = (request: FastifyRequest, name: string): string | undefined => {
    const value = request.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }
  // docs/contract.md §13: writes carry the caller (for the history) and the If-Match / If-None-Match preconditions.
  const writeOptions = (request: FastifyRequest): WriteOptions => ({
    actor: actorOf(request), ifMatch: header(request, 'if-match'), ifNoneMatch: header(request, 'if-none-match')
  })
  const withEtag = (reply: FastifyReply, job: RecurringJob) => {
    const body = s.toRecurringJobResponse(job)
    reply.header('etag', etagOf(job, body))
    return body
  }

  app.put('/v1/recurring/:id', {
    schema: {
      operationId: 'upsertRecurringJob',
      summary: 'Create or replace a recurring job',
      description: 'Upsert under the id you choose. Omitted queue, payload, timezone and enabled take their defaults again; omitted max_attempts and timeout_seconds keep their stored values. A create answers 200 with updated_at null.',
      tags,
      params: s.RecurringIdParams,
      body: s.PutRecurringJobBody,
      headers: s.WriteHeaders,
      response: { 200: { ...s.RecurringJobResponse, description: 'The saved schedule, with its ETag' }, ...authedErrorResponses(409, 412, 413, 415) }
    },
    onRequest: requireScopes('write:recurring')
  }, async (request, reply) => withEtag(reply, (await recurring.put(tenantOf(request), request.params.id, request.body, writeOptions(request))).job))

  app.patch('/v1/recurring/:id', {
    schema: {
      operationId: 'updateRecurringJob',
      summary: 'Change some fields of a recurring job (extension)',
      description: 'Only the given fields change, with the validation of PUT. `{}` is accepted: like every save it sets updated_at and recomputes next_run_at from now.',
      tags,
      params: s.RecurringIdParams,
      body: s.PatchRecurringJobBody,
      headers: s.WriteHeaders,
      response: { 200: { ...s.RecurringJobResponse, description: 'The saved schedule, with its ETag' }, ...authedErrorResponses(404, 409, 412, 413, 415) }
    },
    onRequest: requireScopes('write:recurring')
  }, async (request, reply) => withEtag(reply, await recurring.patch(tenantOf(request), request.params.id, request.body, writeOptions(request))))

  app.get('/v1/recurring/:id', {
    schema: {
      operationId: 'getRecurringJob',
      summary: 'Get a recurring job',
      tags,
      params: s.RecurringIdParams,
      headers: s.ReadHeaders,
      response: {
        200: { ...s.RecurringJobResponse, description: 'The schedule, with its ETag' },
        304: { type: 'null', description: 'If-None-Match matched the current ETag' },
        ...authedErrorResponses(404)
      }
    },
    onRequest: requireScopes('read:recurring')
  }, async (request, reply) => {
    const job = await recurring.get(tenantOf(request), request.params.id)
    const ifNoneMatch = header(request, 'if-none-match')
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etagOf(job))) return reply.code(304).header('etag', etagOf(job)).send(null)
    return withEtag(reply, job)
  })

  app.get('/v1/recurring', {
    schema: {
      operationId: 'listRecurringJobs',
      summary: 'List recurring jobs in creation order',
      description: 'Oldest first. Without `limit` at most 1000 schedules are returned, with `next_cursor` set when there are more (extension: `limit` and `cursor` page through them).',
      tags,
      querystring: s.ListRecurringJobsQuery,
      response: { 200: s.ListRecurringJobsResponse, ...authedErrorResponses() }
    },
    onRequest: requireScopes('read:recurring')
  }, async (request) => {
    const page = await recurring.list(tenantOf(request), request.query)
    return { data: page.responses, next_cursor: page.nextCursor }
  })

  app.delete('/v1/recurring/:id', {
    schema: {
      operationId: 'deleteRecurringJob',
      summary: 'Delete a recurring job permanently',
      description: 'A hard delete. To pause a schedule instead, save it with enabled: false.',
      tags,
      params: s.RecurringIdParams,
      headers: s.WriteHeaders,
      response: { 200: s.DeletedResponse, ...authedErrorResponses(404, 412) }
    },
    onRequest: requireScopes('write:recurring')
  }, async (request) => {
    await recurring.delete(tenantOf(request), request.params.id, writeOptions(request))
    return { deleted: true as const }
  })

  app.post('/v1/workers/register', {
    schema: {
      operationId: 'registerWorker',
      summary: "Upsert the recurring jobs a worker's code declares",
      description: 'Each item is saved with PUT semantics under rjob_<last dot-separated segment of job_type>, except that a schedule paused with PUT or PATCH stays paused. A conflicting item (its id or job_type held by another schedule) is reported as "conflict" without failing the others; an invalid item fails the whole request before anything is written.',
      tags,
      body: s.RegisterWorkerBody,
      response: { 200: s.RegisterWorkerResponse, ...authedErrorResponses(413, 415) }
    },
    onRequest: requireScopes('write:recurring')
  }, async (request) => {
    const { workerId, registered } = await workers.register(tenantOf(request), request.body, actorOf(request))
    return {
      worker_id: workerId,
      registered: registered.map((r) => ({ id: r.id, status: r.status, ...(r.job === undefined ? {} : { schedule: s.toRecurringJobResponse(r.job) }) }))
    }
  })

  app.post('/v1/preview/cron', {
    schema: {
      operationId: 'previewCron',
      summary: 'Preview the next occurrences of a cron expression (extension)',
      description: 'Occurrences strictly after `from` (default now; at `from` too with inclusive), with the zone offset at each instant. `H` is accepted only with seed_id, the schedule id that seeds it.',
      tags: ['preview'],
      body: s.PreviewCronBody,
      response: { 200: s.PreviewCronResponse, ...authedErrorResponses(413, 415) }
    },
    onRequest: requireScopes()
  }, async (request) => ({ occurrences: previewCron(request.body, deps.clock.now()) }))
}
