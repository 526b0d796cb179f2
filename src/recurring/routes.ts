// Recurring-jobs HTTP routes (CONTRACT §5, §8): shape, scope, call the service, present the result.
// `POST /v1/recurring/{id}/trigger` belongs to the executions feature.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { AppDeps } from '../deps.js'
import { principalOf, requireScopes } from '../plugins/auth.js'
import { authedErrorResponses } from '../schemas/common.js'
import { previewCron } from './preview.js'
import * as s from './schemas.js'
import { RecurringService } from './service.js'
import { WorkersService } from './workers.js'

const tags = ['recurring']

export const recurringRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const recurring = new RecurringService(deps.database, deps.clock)
  const workers = new WorkersService(deps.database, deps.clock, recurring)
  const tenantOf = (request: FastifyRequest) => principalOf(request).tenantId

  app.put('/v1/recurring/:id', {
    schema: {
      operationId: 'upsertRecurringJob',
      summary: 'Create or replace a recurring job',
      description: 'Upsert under the id you choose. Omitted queue, payload, timezone and enabled take their defaults again; omitted max_attempts and timeout_seconds keep their stored values. A create answers 200 with updated_at null.',
      tags,
      params: s.RecurringIdParams,
      body: s.PutRecurringJobBody,
      response: { 200: s.RecurringJobResponse, ...authedErrorResponses(409, 413, 415) }
    },
    preHandler: requireScopes('write:recurring')
  }, async (request) => s.toRecurringJobResponse((await recurring.put(tenantOf(request), request.params.id, request.body)).job))

  app.patch('/v1/recurring/:id', {
    schema: {
      operationId: 'updateRecurringJob',
      summary: 'Change some fields of a recurring job (extension)',
      description: 'Only the given fields change, with the validation of PUT. `{}` is accepted: like every save it sets updated_at and recomputes next_run_at from now.',
      tags,
      params: s.RecurringIdParams,
      body: s.PatchRecurringJobBody,
      response: { 200: s.RecurringJobResponse, ...authedErrorResponses(404, 409, 413, 415) }
    },
    preHandler: requireScopes('write:recurring')
  }, async (request) => s.toRecurringJobResponse(await recurring.patch(tenantOf(request), request.params.id, request.body)))

  app.get('/v1/recurring/:id', {
    schema: {
      operationId: 'getRecurringJob',
      summary: 'Get a recurring job',
      tags,
      params: s.RecurringIdParams,
      response: { 200: s.RecurringJobResponse, ...authedErrorResponses(404) }
    },
    preHandler: requireScopes('read:recurring')
  }, async (request) => s.toRecurringJobResponse(await recurring.get(tenantOf(request), request.params.id)))

  app.get('/v1/recurring', {
    schema: {
      operationId: 'listRecurringJobs',
      summary: 'List recurring jobs in creation order',
      description: 'Oldest first. Without `limit` at most 1000 schedules are returned, with `next_cursor` set when there are more (extension: `limit` and `cursor` page through them).',
      tags,
      querystring: s.ListRecurringJobsQuery,
      response: { 200: s.ListRecurringJobsResponse, ...authedErrorResponses() }
    },
    preHandler: requireScopes('read:recurring')
  }, async (request) => {
    const page = await recurring.list(tenantOf(request), request.query)
    return { data: page.jobs.map(s.toRecurringJobResponse), next_cursor: page.nextCursor }
  })

  app.delete('/v1/recurring/:id', {
    schema: {
      operationId: 'deleteRecurringJob',
      summary: 'Delete a recurring job permanently',
      description: 'A hard delete. To pause a schedule instead, save it with enabled: false.',
      tags,
      params: s.RecurringIdParams,
      response: { 200: s.DeletedResponse, ...authedErrorResponses(404) }
    },
    preHandler: requireScopes('write:recurring')
  }, async (request) => {
    await recurring.delete(tenantOf(request), request.params.id)
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
    preHandler: requireScopes('write:recurring')
  }, async (request) => {
    const { workerId, registered } = await workers.register(tenantOf(request), request.body)
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
    preHandler: requireScopes()
  }, async (request) => ({ occurrences: previewCron(request.body, deps.clock.now()) }))
}
