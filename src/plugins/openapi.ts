// OpenAPI 3.1 from the TypeBox route schemas: served at /openapi.json and /docs, and written to
// openapi/openapi.json by `npm run openapi` (src/cli/write-openapi.ts); a test fails when the two differ.
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ErrorBodySchema } from '../schemas/common.js'

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
          '`{"error": {"code", "message", "details"?}}`.'
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: zoop_uk_… (user-bound) or zoop_tk_… (tenant)' },
          adminToken: { type: 'http', scheme: 'bearer', description: 'The operator token set in ADMIN_TOKEN' }
        }
      },
      security: [{ bearerAuth: [] }],
      tags: [
        { name: 'recurring', description: 'Cron schedules (CONTRACT §5)' },
        { name: 'executions', description: 'Executions and the worker protocol (CONTRACT §6)' },
        { name: 'job_series', description: 'Job series (CONTRACT §7)' },
        { name: 'jobs', description: 'Job instances (CONTRACT §7)' },
        { name: 'preview', description: 'Occurrence previews (CONTRACT §8)' },
        { name: 'mcp', description: 'MCP over JSON-RPC (CONTRACT §7)' },
        { name: 'operations', description: 'Health and readiness (CONTRACT §9)' },
        { name: 'admin', description: 'Operator API (CONTRACT §3)' }
      ]
    },
    // Shared schemas keep their $id as the component name (#/components/schemas/ErrorBody).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}` }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

/** The document as committed: stable, two-space indented, with a trailing newline. */
export function openApiText (app: FastifyInstance): string {
  return JSON.stringify(app.swagger(), null, 2) + '\n'
}
