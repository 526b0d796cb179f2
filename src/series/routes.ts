// REST mirror of the job_series tools (CONTRACT §7) and the RRULE preview (§8). HTTP only: scopes, shapes, status
// codes; the rules live in service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app.js'
import { principalOf } from '../plugins/auth.js'
import { authedErrorResponses } from '../schemas/common.js'
import { answerInvalidInput, scopes, seriesSide } from '../http/series-side.js'
import * as s from './schemas.js'
import { etagOf, SeriesService } from './service.js'

const tags = ['job_series']

const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 1000, description: 'the series ETag from GET or PATCH; another value answers 412 precondition_failed', examples: ['"v3"'] }))
})

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
  }, async (request, reply) => {
    const detail = await series.get(principalOf(request), request.params.id)
    reply.header('etag', etagOf(detail.series))
    return s.toSeriesDetailResponse(detail)
  })

  app.patch('/v1/job_series/:id', {
    schema: {
      operationId: 'updateJobSeries',
      summary: 'Update a job series (edit-all) and regenerate its future instances',
      tags,
      description: 'Needs a user-bound key. Pending instances starting from now are cancelled (series_updated) and the ' +
        'window is generated again from the new template. dtstart cannot be changed; an ended series cannot be updated. ' +
        'Answers the series record plus `regeneration` (the window\'s dates cancelled, created, kept and preserved); with ' +
        '`dry_run: true` nothing is written and the answer is `{series, regeneration}`. `If-Match` with an ETag other than ' +
        'the current one answers 412 precondition_failed.',
      params: s.SeriesIdParams,
      headers: IfMatchHeaders,
      body: s.UpdateSeriesBody,
      response: { 200: s.UpdateAnswer, ...authedErrorResponses(404, 409, 412, 413, 415) }
    },
    ...scopes('write:job_series')
  }, async (request, reply) => {
    const outcome = await series.update(principalOf(request), request.params.id, request.body ?? {}, { ifMatch: request.headers['if-match'] })
    if (!outcome.dryRun) reply.header('etag', etagOf(outcome.series))
    return s.toUpdateAnswer(outcome)
  })

  app.post('/v1/job_series/:id/split', {
    schema: {
      operationId: 'splitJobSeries',
      summary: 'Change a series from a date on ("this and following")',
      tags,
      description: 'Needs a user-bound key. The series ends the day before from_date and its pending instances from ' +
        'from_date on are cancelled (series_split); a new series with split_from_id starts at from_date with the old ' +
        'template plus the given changes. from_date must be after dtstart and not after the last occurrence; an ended ' +
        'series cannot be split. Answers {ended, created}.',
      params: s.SeriesIdParams,
      headers: IfMatchHeaders,
      body: s.SplitSeriesBody,
      response: { 201: s.SplitResponse, ...authedErrorResponses(404, 409, 412, 413, 415) }
    },
    ...scopes('write:job_series')
  }, async (request, reply) => {
    const { ended, created } = await series.split(principalOf(request), request.params.id, request.body, { ifMatch: request.headers['if-match'] })
    return reply.code(201).send({ ended: s.toSeriesResponse(ended), created: s.toSeriesResponse(created) })
  })

  app.post('/v1/job_series/:id/end', {
    schema: {
      operationId: 'endJobSeries',
      summary: 'End a job series for good and cancel its pending instances',
      tags,
      params: s.SeriesIdParams,
      headers: IfMatchHeaders,
      response: { 200: s.EndedResponse, ...authedErrorResponses(404, 412) }
    },
    ...scopes('write:job_series')
  }, async (request) => series.end(principalOf(request), request.params.id, { ifMatch: request.headers['if-match'] }))

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
