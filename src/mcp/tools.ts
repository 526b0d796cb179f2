// The MCP tool table (docs/contract.md §7): one row per tool with its name, the scope it needs, its input schema (the
// same TypeBox objects the REST routes validate with, so tools/list publishes the REST JSON Schemas), its output
// schema and a handler that calls the same services. Arguments are validated here, once per call, with Ajv
// compiled once per tool; unknown arguments are dropped, as unknown body fields are on REST (docs/contract.md §4).
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { Type, type TObject, type TSchema } from 'typebox'
import type { Principal, Scope } from '../auth/scopes.js'
import * as jobsSchemas from '../jobs/schemas.js'
import type { JobsService } from '../jobs/service.js'
import { ApiError } from '../errors.js'
import { CANONICAL_UUID, withoutIds } from '../schemas/common.js'
import { describeIssues, jsonProblems } from '../schemas/text.js'
import * as seriesSchemas from '../series/schemas.js'
import { etagOf, type SeriesService } from '../series/service.js'
import { annotationsOf, metaOf } from './annotations.js'
import { argumentsError } from './tool-errors.js'

export interface ToolContext {
  principal: Principal
  series: SeriesService
  jobs: JobsService
}

export interface Tool {
  name: string
  description: string
  scope: Scope
  inputSchema: TObject
  outputSchema: TObject
  handler (args: any, ctx: ToolContext): Promise<Record<string, unknown>>
}

const IdArgs = Type.Object({ id: seriesSchemas.RecordId })

function withId (body: TObject): TObject {
  return Type.Object({ id: seriesSchemas.RecordId, ...body.properties })
}

function withIfMatch (args: TObject): TObject {
  return Type.Object({ ...args.properties, if_match: Type.Optional(Type.String({ maxLength: 1000, description: 'the etag job_series.get answered; another value is the tool error precondition_failed' })) })
}

export const TOOLS: readonly Tool[] = [
  {
    name: 'job_series.list',
    description: 'Lists recurring job series for the tenant, most recent first, 20 per page: { data, count, page, limit }.',
    scope: 'read:job_series',
    inputSchema: seriesSchemas.ListSeriesQuery,
    outputSchema: seriesSchemas.SeriesPageResponse,
    handler: async (args, { principal, series }) => {
      const page = await series.list(principal, args)
      return { ...page, data: page.data.map(seriesSchemas.toSeriesResponse) }
    }
  },
  {
    name: 'job_series.get',
    description: 'Fetches a single series by ID, including its template line items and assignments.',
    scope: 'read:job_series',
    inputSchema: IdArgs,
    outputSchema: Type.Object({ ...seriesSchemas.SeriesDetailResponse.properties, etag: Type.String({ description: 'the series ETag, for if_match' }) }),
    handler: async (args, { principal, series }) => {
      const detail = await series.get(principal, args.id)
      return { ...seriesSchemas.toSeriesDetailResponse(detail), etag: etagOf(detail.series) }
    }
  },
  {
    name: 'job_series.create',
    description: 'Creates a recurring job series (needs a user-bound key, zoop_uk_) and generates its first window of job instances.',
    scope: 'write:job_series',
    inputSchema: seriesSchemas.CreateSeriesBody,
    outputSchema: seriesSchemas.SeriesResponse,
    handler: async (args, { principal, series }) => seriesSchemas.toSeriesResponse(await series.create(principal, args))
  },
  {
    name: 'job_series.update',
    description: 'Updates a series (edit-all; needs a user-bound key): pending instances from now on are cancelled and regenerated from the new template. dtstart cannot be changed. Answers the series plus regeneration {cancelled, created, kept, preserved}; dry_run: true writes nothing and answers {series, regeneration}. if_match: the etag from job_series.get; another value is precondition_failed.',
    scope: 'write:job_series',
    inputSchema: withIfMatch(withId(seriesSchemas.UpdateSeriesBody)),
    outputSchema: seriesSchemas.UpdateToolOutput,
    handler: async ({ id, if_match: ifMatch, ...body }, { principal, series }) => {
      const outcome = await series.update(principal, id, body, { ifMatch })
      return { ...seriesSchemas.toUpdateAnswer(outcome), ...(outcome.dryRun ? {} : { etag: etagOf(outcome.series) }) }
    }
  },
  {
    name: 'job_series.split',
    description: '"This and following": the series ends the day before from_date, its pending instances from then on are cancelled (series_split), and a new series (split_from_id) starts at from_date with the template plus the given changes. Needs a user-bound key. Returns { ended, created }.',
    scope: 'write:job_series',
    inputSchema: withIfMatch(withId(seriesSchemas.SplitSeriesBody)),
    outputSchema: seriesSchemas.SplitResponse,
    handler: async ({ id, if_match: ifMatch, ...body }, { principal, series }) => {
      const { ended, created } = await series.split(principal, id, body, { ifMatch })
      return { ended: seriesSchemas.toSeriesResponse(ended), created: seriesSchemas.toSeriesResponse(created) }
    }
  },
  {
    name: 'job_series.end',
    description: 'Permanently ends a series: ends_on becomes today and pending instances from now on are cancelled. Returns { ended: true, id }. if_match: the etag from job_series.get; another value is precondition_failed.',
    scope: 'write:job_series',
    inputSchema: withIfMatch(IdArgs),
    outputSchema: seriesSchemas.EndedResponse,
    handler: async (args, { principal, series }) => series.end(principal, args.id, { ifMatch: args.if_match })
  },
  {
    name: 'job_series.preview',
    description: 'Extension: the first `count` occurrences (default 10) of an RRULE from dtstart in a time zone, validated like job_series.create.',
    scope: 'read:job_series',
    inputSchema: seriesSchemas.PreviewRruleBody,
    outputSchema: seriesSchemas.PreviewRruleResponse,
    handler: async (args, { series }) => series.preview(args)
  },
  {
    name: 'jobs.list',
    description: 'Lists job instances by scheduled_start, 20 per page; filter by seriesId, customer_id, status, from, to.',
    scope: 'read:jobs',
    inputSchema: jobsSchemas.ListJobsQuery,
    outputSchema: jobsSchemas.JobPageResponse,
    handler: async (args, { principal, jobs }) => {
      const page = await jobs.list(principal, args)
      return { ...page, data: page.data.map(jobsSchemas.toJobResponse) }
    }
  },
  {
    name: 'jobs.get',
    description: 'Fetches a single job instance with its line items and assignments.',
    scope: 'read:jobs',
    inputSchema: IdArgs,
    outputSchema: jobsSchemas.JobDetailResponse,
    handler: async (args, { principal, jobs }) => jobsSchemas.toJobDetailResponse(await jobs.get(principal, args.id))
  },
  {
    name: 'jobs.update',
    description: 'Changes one job instance: status (cancelled → cancel_reason "user"), title, description, scheduled_start.',
    scope: 'write:jobs',
    inputSchema: withId(jobsSchemas.UpdateJobBody),
    outputSchema: jobsSchemas.JobResponse,
    handler: async ({ id, ...body }, { principal, jobs }) => jobsSchemas.toJobResponse(await jobs.update(principal, id, body))
  }
]

export const TOOLS_BY_NAME: ReadonlyMap<string, Tool> = new Map(TOOLS.map((tool) => [tool.name, tool]))

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default
// Same options as the REST body validator (app.ts): unknown fields dropped, defaults applied, nothing coerced.
const ajv = new Ajv({ removeAdditional: 'all', useDefaults: true, coerceTypes: false, allErrors: true, strict: false })
addFormats(ajv)
ajv.addFormat('uuid', CANONICAL_UUID)
const validators = new Map<string, ValidateFunction>(TOOLS.map((tool) => [tool.name, ajv.compile(withoutIds(tool.inputSchema) as TSchema)]))

/**
 * The tool's arguments, validated, defaulted and stripped of unknown fields; throws invalid_input. Validation works
 * in place: `args` is the arguments object of a request parsed for this call (by the route, or by the SDK's zod),
 * which nothing reads afterwards, so it is not copied first (a structuredClone per call, issue 12).
 */
export function argumentsOrThrow (tool: Tool, args: unknown): Record<string, unknown> {
  // Strings the database cannot store and numbers JSON.parse made Infinity, all named at once (docs/contract.md §10).
  const given = args ?? {}
  const textIssues = jsonProblems(given)
  if (textIssues.length > 0) throw new ApiError('invalid_input', describeIssues('arguments', textIssues), textIssues)
  const validate = validators.get(tool.name)!
  if (!validate(given)) throw argumentsError(validate.errors ?? [])
  return given as Record<string, unknown>
}

function published (schema: TObject, hidden: readonly string[] = []): { type: 'object', [key: string]: unknown } {
  const copy = JSON.parse(JSON.stringify(withoutIds(schema))) as { type: 'object', properties?: Record<string, unknown>, required?: string[] }
  for (const name of hidden) delete copy.properties?.[name]
  return copy
}

function buildToolDescriptors () {
  return TOOLS.map((tool) => {
    const meta = metaOf(tool.name, tool.scope)
    return {
      name: tool.name,
      title: meta.title,
      description: `${tool.description} Scope: ${tool.scope}.`,
      inputSchema: published(tool.inputSchema, meta.unadvertised),
      // The $ids name OpenAPI components; a tool's schema is self-contained without them.
      outputSchema: withoutIds(tool.outputSchema) as unknown as { type: 'object', [key: string]: unknown },
      annotations: annotationsOf(meta)
    }
  })
}

let descriptors: ReturnType<typeof buildToolDescriptors> | undefined

/** The JSON Schemas, titles and annotations tools/list publishes (built once). */
export function toolDescriptors () {
  descriptors ??= buildToolDescriptors()
  return descriptors
}
