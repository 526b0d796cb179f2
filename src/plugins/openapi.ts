// OpenAPI 3.1 from the TypeBox route schemas: served at /openapi.json and /docs, and written to
// openapi/openapi.json by `npm run openapi` (src/cli/write-openapi.ts); a test fails when the two differ.
//
// Component naming is a mechanism, not a list: a schema that carries a TypeBox `$id` where it is defined becomes
// `#/components/schemas/<$id>` wherever it is used (nested ones through fastify-swagger's ref resolver, request
// bodies and responses through the `x-component` marker below). A request body or a 2xx object response without an
// `$id` is named after its route's operationId (`UpsertRecurringJobBody`, `ClaimExecutionsResponse`), so a new
// route gets components without any list to update. `$id` is documentation only: the runtime compilers never see
// it (see withoutIds in src/schemas/common.ts).
import { isDeepStrictEqual } from 'node:util'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ErrorBodySchema, errorExamples, ERROR_COMPONENT } from '../schemas/common.js'

const COMPONENT_MARK = 'x-component'
const SUCCESS_DESCRIPTION: Record<string, string> = {
  200: 'Success',
  201: 'Created',
  202: 'Accepted',
  204: 'No content'
}

type JsonObject = Record<string, any>

function pascal (operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1)
}

function isObjectSchema (schema: JsonObject | undefined): schema is JsonObject {
  return schema !== undefined && schema !== null && typeof schema === 'object' && (schema.type === 'object' || schema.$id !== undefined)
}

/** The route schema as the document shows it: body and 2xx responses marked with their component name, every
 * response described. */
function documentedSchema (schema: JsonObject): JsonObject {
  const out: JsonObject = { ...schema }
  // Every operation has a description; a route that needs no more than its summary repeats it.
  if (out.description === undefined && typeof out.summary === 'string') out.description = `${out.summary}.`
  const operationId = typeof schema.operationId === 'string' ? pascal(schema.operationId) : undefined
  if (isObjectSchema(schema.body)) {
    const name = schema.body.$id ?? (operationId === undefined ? undefined : `${operationId}Body`)
    if (name !== undefined) out.body = { ...schema.body, [COMPONENT_MARK]: name }
  }
  if (schema.response !== undefined) {
    const responses: JsonObject = {}
    for (const [status, response] of Object.entries<JsonObject>(schema.response)) {
      const code = Number(status)
      if (code >= 400) {
        responses[status] = response // examples are added to the document (hoistComponents): the resolver drops $ref siblings
        continue
      }
      const described = response.description === undefined && response['x-response-description'] === undefined
        ? { ...response, 'x-response-description': SUCCESS_DESCRIPTION[status] ?? 'Success' }
        : response
      const name = response.$id ?? (operationId !== undefined && response.type === 'object' && code < 300 ? `${operationId}Response` : undefined)
      responses[status] = name !== undefined && isObjectSchema(response) ? { ...described, [COMPONENT_MARK]: name } : described
    }
    out.response = responses
  }
  return out
}

function stripDocumentationOnly (schema: JsonObject): JsonObject {
  const { [COMPONENT_MARK]: _mark, ...rest } = schema
  return rest
}

/** Moves every marked media schema into components.schemas and points the media at it. Two different schemas
 * under one name are a naming mistake, reported at generation time rather than shipped. */
function hoistComponents (document: JsonObject): JsonObject {
  const components: JsonObject = document.components.schemas ?? {}
  const hoist = (media: JsonObject): void => {
    const schema = media.schema
    if (schema === undefined || typeof schema[COMPONENT_MARK] !== 'string') return
    const name: string = schema[COMPONENT_MARK]
    const body = stripDocumentationOnly(schema)
    const existing = components[name]
    if (existing !== undefined && !isDeepStrictEqual(comparable(existing), comparable(body))) {
      throw new Error(`OpenAPI: two different schemas are both named ${name}; give one of them another $id`)
    }
    if (existing === undefined) components[name] = body
    media.schema = { $ref: `#/components/schemas/${name}` }
  }
  for (const [path, item] of Object.entries<JsonObject>(document.paths ?? {})) {
    for (const operation of Object.values<JsonObject>(item)) {
      for (const media of Object.values<JsonObject>(operation.requestBody?.content ?? {})) hoist(media)
      for (const [status, response] of Object.entries<JsonObject>(operation.responses ?? {})) {
        for (const media of Object.values<JsonObject>(response.content ?? {})) {
          hoist(media)
          if (Number(status) >= 400 && media.schema?.$ref === `#/components/schemas/${ERROR_COMPONENT}`) media.examples = errorExamples(Number(status), path)
        }
      }
    }
  }
  document.components.schemas = Object.fromEntries(Object.keys(components).sort().map((name) => [name, components[name]]))
  return document
}

/** A nested use keeps `examples` and `description` in the schema; a top-level one moves them to the media or the
 * response. Compare what is left. */
function comparable (schema: JsonObject): JsonObject {
  const { examples: _examples, description: _description, ...rest } = schema
  return rest
}

export async function registerOpenApi (app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorBodySchema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'recurring-jobs',
        version: '1.0.0',
        description: 'Recurring work for other systems: Cronos-exact cron schedules that enqueue executions for workers, ' +
          'and RFC 5545 job series that materialize field-service jobs ahead of time. Errors always answer ' +
          '`{"error": {"code", "message", "details"?}}`. The rules behind every route are written out in docs/contract.md ' +
          'of the repository.',
        license: { name: 'MIT', identifier: 'MIT' },
        contact: { name: 'recurring-jobs maintainers' }
      },
      servers: [{ url: 'http://127.0.0.1:8080', description: 'A local instance with the default HOST and PORT' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: zoop_uk_… (user-bound) or zoop_tk_… (tenant)' },
          adminToken: { type: 'http', scheme: 'bearer', description: 'The operator token set in ADMIN_TOKEN' }
        }
      },
      security: [{ bearerAuth: [] }],
      tags: [
        { name: 'recurring', description: 'Cron schedules (docs/contract.md §5)' },
        { name: 'executions', description: 'Executions and the worker protocol (docs/contract.md §6)' },
        { name: 'job_series', description: 'Job series (docs/contract.md §7)' },
        { name: 'jobs', description: 'Job instances (docs/contract.md §7)' },
        { name: 'preview', description: 'Occurrence previews (docs/contract.md §8)' },
        { name: 'mcp', description: 'MCP over JSON-RPC (docs/contract.md §7)' },
        { name: 'operations', description: 'Health and readiness (docs/contract.md §9)' },
        { name: 'admin', description: 'Operator API (docs/contract.md §3)' }
      ]
    },
    // A schema's $id is its component name (#/components/schemas/RecurringJob).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}` },
    transform: ({ schema, url }) => ({ schema: schema === undefined ? schema : documentedSchema(schema as JsonObject) as typeof schema, url }),
    transformObject: (documentObject) => hoistComponents((documentObject as { openapiObject: JsonObject }).openapiObject) as never
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

/** The document as committed: stable, two-space indented, with a trailing newline. */
export function openApiText (app: FastifyInstance): string {
  return JSON.stringify(app.swagger(), null, 2) + '\n'
}
