// The MCP tool table (CONTRACT §7): one row per tool with its name, the scope it needs, its input schema (the
// same TypeBox objects the REST routes validate with, so tools/list publishes the REST JSON Schemas), its output
// schema and a handler that calls the same services. Arguments are validated here, once per call, with Ajv
// compiled once per tool; unknown arguments are dropped, as unknown body fields are on REST (CONTRACT §4).
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
import type { SeriesService } from '../series/service.js'
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
    outputSchema: seriesSchemas.SeriesDetailResponse,
    handler: async (args, { principal, series }) => seriesSchemas.toSeriesDetailResponse(await series.get(principal, args.id))
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
    description: 'Updates a series (edit-all; needs a user-bound key): pending instances from now on are cancelled and regenerated from the new template. dtstart cannot be changed.',
    scope: 'write:job_series',
    inputSchema: withId(seriesSchemas.UpdateSeriesBody),
    outputSchema: seriesSchemas.SeriesResponse,
    handler: async ({ id, ...body }, { principal, series }) => seriesSchemas.toSeriesResponse(await series.update(principal, id, body))
  },
  {
    name: 'job_series.end',
    description: 'Permanently ends a series: ends_on becomes today and pending instances from now on are cancelled. Returns { ended: true, id }.',
    scope: 'write:job_series',
    inputSchema: IdArgs,
    outputSchema: seriesSchemas.EndedResponse,
    handler: async (args, { principal, series }) => series.end(principal, args.id)
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

/** The tool's arguments, validated, defaulted and stripped of unknown fields; throws invalid_input. */
export function argumentsOrThrow (tool: Tool, args: unknown): Record<string, unknown> {
  // Strings the database cannot store and numbers JSON.parse made Infinity, all named at once (CONTRACT §10).
  const textIssues = jsonProblems(args ?? {})
  if (textIssues.length > 0) throw new ApiError('invalid_input', describeIssues('arguments', textIssues), textIssues)
  const copy = structuredClone(args ?? {})
  const validate = validators.get(tool.name)!
  if (!validate(copy)) throw argumentsError(validate.errors ?? [])
  return copy as Record<string, unknown>
}

/** The JSON Schemas tools/list publishes. */
export function toolDescriptors () {
  return TOOLS.map((tool) => ({
    name: tool.name,
    description: `${tool.description} Scope: ${tool.scope}.`,
    // The $ids name OpenAPI components; a tool's schema is self-contained without them.
    inputSchema: withoutIds(tool.inputSchema) as unknown as { type: 'object', [key: string]: unknown },
    outputSchema: withoutIds(tool.outputSchema) as unknown as { type: 'object', [key: string]: unknown }
  }))
}
