// REST mirror of the job_series tools (docs/contract.md §7) and the RRULE preview (§8). HTTP only: scopes, shapes, status
// codes; the rules live in service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app.js'
import { principalOf } from '../plugins/auth.js'
import { authedErrorResponses } from '../schemas/common.js'
import { answerInvalidInput, scopes, seriesSide } from '../http/series-side.js'
import * as s from './schemas.js'
import { SeriesService } from './service.js'

const tags = ['job_series']

export const seriesRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const series = SeriesService.withLogger(deps.database.db, deps.clock, deps.config.generationHorizonDays, app.log)
  answerInvalidInput(app)

  app.get('/v1/job_series', {
    schema: {
      operationId: 'listJobSeries',
      summary: 'List job series, newest first (20 per page)',
      tags,
      querystring: s.ListSeriesQuery,
      response: { 200: s.SeriesPageResponse, ...authedErrorResponses() }
    },
    ...scopes('read:job_series')
  }, async (request) => {
    const page = await series.list(principalOf(request), request.query)
    return { ...page, data: page.data.map(s.toSeriesResponse) }
  })

  app.post('/v1/job_series', {
    schema: {
      operationId: 'createJobSeries',
      summary: 'Create a job series and generate its first window',
      tags,
      description: 'Needs a user-bound key (zoop_uk_). The first window of instances is generated in the same request; ' +
        'if that step fails the series is still created and the scheduler generates it shortly after.',
      body: s.CreateSeriesBody,
      response: { 201: s.SeriesResponse, ...authedErrorResponses(409, 413, 415) }
    },
    ...scopes('write:job_series')
  }, async (request, reply) => reply.code(201).send(s.toSeriesResponse(await series.create(principalOf(request), request.body))))

  app.post('/v1/job_series/preview', {
    schema: {
      operationId: 'previewJobSeries',
      summary: 'Preview the occurrences of a series schedule (extension)',
      tags,
      body: s.PreviewRruleBody,
      response: { 200: s.PreviewRruleResponse, ...authedErrorResponses(413, 415) }
    },
    ...scopes('read:job_series')
  }, async (request) => series.preview(request.body))

  app.get('/v1/job_series/:id', {
    schema: {
      operationId: 'getJobSeries',
      summary: 'Get a job series with its template line items and assignments',
      tags,
      params: s.SeriesIdParams,
      response: { 200: s.SeriesDetailResponse, ...authedErrorResponses(404) }
    },
    ...scopes('read:job_series')
  }, async (request) => s.toSeriesDetailResponse(await series.get(principalOf(request), request.params.id)))

  app.patch('/v1/job_series/:id', {
    schema: {
      operationId: 'updateJobSeries',
      summary: 'Update a job series (edit-all) and regenerate its future instances',
      tags,
      description: 'Needs a user-bound key. Pending instances starting from now are cancelled (series_updated) and the ' +
        'window is generated again from the new template. dtstart cannot be changed; an ended series cannot be updated.',
      params: s.SeriesIdParams,
      body: s.UpdateSeriesBody,
      response: { 200: s.SeriesResponse, ...authedErrorResponses(404, 409, 413, 415) }
    },
    ...scopes('write:job_series')
  }, async (request) => s.toSeriesResponse(await series.update(principalOf(request), request.params.id, request.body ?? {})))

  app.post('/v1/job_series/:id/end', {
    schema: {
      operationId: 'endJobSeries',
      summary: 'End a job series for good and cancel its pending instances',
      tags,
      params: s.SeriesIdParams,
      response: { 200: s.EndedResponse, ...authedErrorResponses(404) }
    },
    ...scopes('write:job_series')
  }, async (request) => series.end(principalOf(request), request.params.id))

  app.post('/v1/preview/rrule', {
    schema: {
      operationId: 'previewRrule',
      summary: 'Preview RRULE occurrences from dtstart in a time zone (extension)',
      tags: ['preview'],
      body: s.PreviewRruleBody,
      response: { 200: s.PreviewRruleResponse, ...authedErrorResponses(413, 415) }
    },
    config: seriesSide
  }, async (request) => series.preview(request.body))
}
