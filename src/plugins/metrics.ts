// Prometheus metrics. One registry per app instance (tests build many apps in one process). Other features add
// their own metrics to app.metrics.registry; the scheduler reports through events, not prom-client.
import type { FastifyInstance } from 'fastify'
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import { sameSecret } from '../auth/api-keys.js'
import { ApiError } from '../errors.js'
import { queueLabeller } from './execution-metrics.js'
import { limitedByAddress } from './auth-failures.js'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: { registry: Registry, queueLabel: (queue: string) => string }
  }
}

export function registerMetrics (app: FastifyInstance, options: { metricsToken: string | undefined, queueLabels?: boolean }): void {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry]
  })
  app.decorate('metrics', { registry, queueLabel: queueLabeller(options.queueLabels === true) })

  // Labels are bounded: the route pattern (never the URL a client typed), the method, the status.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    requests.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000)
    done()
  })

  app.get('/metrics', {
    schema: { hide: true },
    onRequest: limitedByAddress((request) => {
      if (options.metricsToken === undefined) return
      const m = /^Bearer[ ]+(\S+)$/i.exec(request.headers.authorization ?? '')
      if (m === null || !sameSecret(m[1]!, options.metricsToken)) {
        throw new ApiError('unauthorized', '/metrics needs Authorization: Bearer <METRICS_TOKEN>')
      }
    })
  }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics())
  })
}
