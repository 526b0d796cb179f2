// REST mirror of the jobs tools (CONTRACT §7). HTTP only; the rules live in service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app.js'
import { principalOf } from '../plugins/auth.js'
import { authedErrorResponses } from '../schemas/common.js'
import { answerInvalidInput, scopes } from '../http/series-side.js'
import * as s from './schemas.js'
import { JobsService } from './service.js'

const tags = ['jobs']

export const jobsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const jobs = new JobsService(deps.database.db, deps.clock)
  answerInvalidInput(app)

  app.get('/v1/jobs', {
    schema: {
      operationId: 'listJobs',
      summary: 'List job instances by scheduled_start (20 per page)',
      tags,
      querystring: s.ListJobsQuery,
      response: { 200: s.JobPageResponse, ...authedErrorResponses() }
    },
    ...scopes('read:jobs')
  }, async (request) => {
    const page = await jobs.list(principalOf(request), request.query)
    return { ...page, data: page.data.map(s.toJobResponse) }
  })

  app.get('/v1/jobs/:id', {
    schema: {
      operationId: 'getJob',
      summary: 'Get a job instance with its line items and assignments',
      tags,
      params: s.JobIdParams,
      response: { 200: s.JobDetailResponse, ...authedErrorResponses(404) }
    },
    ...scopes('read:jobs')
  }, async (request) => s.toJobDetailResponse(await jobs.get(principalOf(request), request.params.id)))

  app.patch('/v1/jobs/:id', {
    schema: {
      operationId: 'updateJob',
      summary: 'Change one job instance (status, title, description, scheduled_start)',
      tags,
      description: 'Setting status cancelled records cancel_reason "user" (the date keeps its instance). Title, description ' +
        'or scheduled_start edits mark the instance as edited on its own (kept by job_series.update with preserve_exceptions).',
      params: s.JobIdParams,
      body: s.UpdateJobBody,
      response: { 200: s.JobResponse, ...authedErrorResponses(404, 413, 415) }
    },
    ...scopes('write:jobs')
  }, async (request) => s.toJobResponse(await jobs.update(principalOf(request), request.params.id, request.body ?? {})))
}
