// GET /v1/recurring/{id}/occurrences, POST /v1/recurring/{id}/backfill, GET /v1/recurring/{id}/history
// (docs/contract.md §13): HTTP shape, scope, call the service, present the result.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../deps.js'
import { principalOf, requireScopes } from '../plugins/auth.js'
import { RecurringIdParams } from '../recurring/schemas.js'
import { authedErrorResponses } from '../schemas/common.js'
import * as s from './schemas.js'
import { OccurrencesService } from './service.js'

const tags = ['recurring']

export const occurrencesRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const occurrences = new OccurrencesService(deps.database, deps.clock, deps.config.executionRetentionDays)

  app.get('/v1/recurring/:id/occurrences', {
    schema: {
      operationId: 'listRecurringJobOccurrences',
      summary: 'The occurrence ledger: every occurrence of the schedule in a window, with what became of it',
      tags,
      params: RecurringIdParams,
      querystring: s.OccurrencesQuery,
      response: { 200: s.OccurrencesResponse, ...authedErrorResponses(404) }
    },
    onRequest: requireScopes('read:recurring')
  }, async (request) => {
    const page = await occurrences.ledger(principalOf(request).tenantId, request.params.id, request.query)
    return { data: page.data.map(s.toLedgerEntry), next_cursor: page.nextCursor }
  })

  app.post('/v1/recurring/:id/backfill', {
    schema: {
      operationId: 'backfillRecurringJob',
      summary: 'Enqueue a backfill execution for every occurrence of [from, to) that has none (idempotent)',
      tags,
      params: RecurringIdParams,
      body: s.BackfillBody,
      response: { 200: s.BackfillResponse, ...authedErrorResponses(404, 413, 415) }
    },
    onRequest: requireScopes('write:recurring')
  }, async (request) => {
    const r = await occurrences.backfill(principalOf(request).tenantId, request.params.id, request.body)
    return { occurrences: r.occurrences, enqueued: r.enqueued, already_present: r.alreadyPresent }
  })

  app.get('/v1/recurring/:id/history', {
    schema: {
      operationId: 'listRecurringJobHistory',
      summary: 'Every change of the schedule, newest first (kept after a delete)',
      tags,
      params: RecurringIdParams,
      querystring: s.HistoryQuery,
      response: { 200: s.HistoryResponse, ...authedErrorResponses(404) }
    },
    onRequest: requireScopes('read:recurring')
  }, async (request) => {
    const page = await occurrences.history(principalOf(request).tenantId, request.params.id, request.query)
    return { data: page.data.map(s.toHistoryEntry), next_cursor: page.nextCursor }
  })
}
