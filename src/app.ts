// buildApp wires plugins, then feature routes, in the order they apply. Registration is explicit: this list, with
// each feature's prefix beside it, is the architecture diagram.
import { randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { adminRoutes } from './admin/routes.js'
import { dashboardRoutes } from './dashboard/routes.js'
import type { AppDeps } from './deps.js'
import { KeyCache } from './auth/key-cache.js'
import { meRoutes } from './auth/routes.js'
import { executionsRoutes } from './executions/routes.js'
import { jobsRoutes } from './jobs/routes.js'
import { mcpRoutes } from './mcp/route.js'
import { authenticate } from './plugins/auth.js'
import { registerConnectionDrain } from './plugins/connections.js'
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH, registerErrorHandling } from './plugins/error-handler.js'
import { registerAuthFailureLimit } from './plugins/auth-failures.js'
import { registerHealth } from './plugins/health.js'
import { registerJsonBody, registerParameterText } from './plugins/json-body.js'
import { LOG_REDACT, LOG_SERIALIZERS } from './plugins/log-redaction.js'
import { registerMetrics } from './plugins/metrics.js'
import { requestLoggerFactory } from './plugins/request-logger.js'
import { registerOpenApi } from './plugins/openapi.js'
import { registerResponseHeaders } from './plugins/security-headers.js'
import { registerRateLimit } from './plugins/rate-limit.js'
import { SharedRateLimitStore, windowCounterFor } from './plugins/rate-limit-store.js'
import { occurrencesRoutes } from './occurrences/routes.js'
import { recurringRoutes } from './recurring/routes.js'
import { CANONICAL_UUID, withoutIds } from './schemas/common.js'
import { attachScheduler } from './scheduler/index.js'
import { seriesRoutes } from './series/routes.js'
import { seriesWindowTask } from './series/window-task.js'

export type { AppDeps } from './deps.js'

export interface BuildOptions {
  logger?: FastifyServerOptions['logger']
}

export const BODY_LIMIT_BYTES = 1024 * 1024

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

function ajv (coerceTypes: boolean | 'array'): Ajv {
  // docs/contract.md §4: unknown fields in a request body are ignored — removeAdditional 'all' drops them before the
  // handler sees the body. Bodies are never coerced ("3" is not an integer); query strings and params are.
  const instance = new Ajv({ removeAdditional: 'all', useDefaults: true, coerceTypes, allErrors: true, strict: false })
  addFormats(instance)
  // ajv-formats' uuid also takes `urn:uuid:…`, which PostgreSQL refuses: canonical 8-4-4-4-12 only (docs/contract.md §10).
  instance.addFormat('uuid', CANONICAL_UUID)
  return instance
}

/** Every logger gets the redacting serializers (docs/contract.md §10: no parameters, payloads or tokens in logs). */
function loggerOptions (given: BuildOptions['logger'], level: string): FastifyServerOptions['logger'] {
  if (given === false) return false
  const base = typeof given === 'object' && given !== null ? given : { level }
  return { ...base, serializers: { ...LOG_SERIALIZERS, ...base.serializers }, redact: LOG_REDACT }
}

export async function buildApp (deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger, deps.config.logLevel),
    childLoggerFactory: requestLoggerFactory,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // docs/contract.md §5 allows 200-character ids (URL-encoded ':' triples them); the router's default cap is 100.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Failures before routing answer in the error shape too (docs/contract.md §10).
    frameworkErrors,
    clientErrorHandler
  }).withTypeProvider<TypeBoxTypeProvider>()

  const bodyAjv = ajv(false)
  const paramAjv = ajv('array')
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : paramAjv).compile(withoutIds(schema)))

  // JSON is the only body we take (anything else is 415 unsupported_media_type); strings in it, in the query and
  // in the path are checked for what PostgreSQL cannot store (docs/contract.md §10).
  app.removeContentTypeParser('text/plain')
  app.removeContentTypeParser('application/json')
  registerJsonBody(app, BODY_LIMIT_BYTES)
  registerParameterText(app)

  app.decorateRequest('principal', null)
  registerConnectionDrain(app)

  // X-Request-Id, X-Content-Type-Options: nosniff and helmet's other headers on every response; the CSP is the
  // dashboard's own.
  registerResponseHeaders(app)
  registerErrorHandling(app)
  registerAuthFailureLimit(app, deps.clock)
  registerMetrics(app, { metricsToken: deps.config.metricsToken, queueLabels: deps.config.metricsQueueLabels })
  await registerOpenApi(app)
  registerHealth(app, deps.database)

  // Operator API (docs/contract.md §3), only with ADMIN_TOKEN.
  if (deps.config.adminToken !== undefined) {
    await app.register(adminRoutes, { prefix: '/admin/v1', deps, adminToken: deps.config.adminToken })
  }

  // Everything below needs an API key, and is rate limited per key (fixed one-minute windows of the service clock,
  // counted across every instance on one PostgreSQL database: docs/contract.md §9, §10).
  // API keys are looked up through a short-lived cache that revocations empty on every instance.
  const keys = new KeyCache(deps.database)
  await keys.start()
  app.addHook('onClose', async () => { await keys.stop() })

  await app.register(async (api) => {
    api.addHook('onRequest', authenticate(keys))
    registerRateLimit(api, {
      max: deps.config.rateLimitPerMinute,
      store: new SharedRateLimitStore({
        counter: windowCounterFor(deps.database),
        clock: deps.clock,
        onLeaseError: (error) => app.log.warn({ err: error }, 'could not lease from the shared rate-limit count; counting on this instance for now')
      }),
      keyOf: (request) => request.principal?.keyId ?? request.ip
    })
    await api.register(meRoutes)
    await api.register(recurringRoutes, { deps }) //   /v1/recurring, /v1/workers/register, /v1/preview/cron
    await api.register(executionsRoutes, { deps }) //  /v1/executions, /v1/recurring/{id}/trigger
    await api.register(occurrencesRoutes, { deps }) // /v1/recurring/{id}/occurrences, …/backfill, …/history
    await api.register(seriesRoutes, { deps }) //      /v1/job_series, /v1/preview/rrule
    await api.register(jobsRoutes, { deps }) //        /v1/jobs
    await api.register(mcpRoutes, { deps }) //         /api/mcp
  })

  await app.register(dashboardRoutes) //  /dashboard: the operations UI, a client of the API above (docs/contract.md §15)

  // One scheduler loop per process (SCHEDULER=off disables it): cron occurrences, leases, retention, series windows.
  if (deps.config.scheduler) {
    const loop = attachScheduler(app, deps, [seriesWindowTask(deps)])
    // After a database outage the loop ticks at once instead of finishing its backoff (docs/contract.md §10: resume in 5 s).
    deps.database.onRestored?.(() => { loop.wake() })
  }

  return app
}
