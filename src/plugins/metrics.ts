// Prometheus metrics. One registry per app instance (tests build many apps in one process). Other features add
// their own metrics to app.metrics.registry; the scheduler reports through events, not prom-client.
import type { FastifyInstance } from 'fastify'
import { collectDefaultMetrics, Registry, type Metric } from 'prom-client'
import { sameSecret } from '../auth/api-keys.js'
import { ApiError } from '../errors.js'
import { queueLabeller } from './execution-metrics.js'
import { limitedByAddress } from './auth-failures.js'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: { registry: Registry, queueLabel: (queue: string) => string }
  }
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const

interface Series {
  readonly labels: { method: string, route: string, status_code: string }
  /** Observations per bucket (not cumulative); the last counts those above every bound. */
  readonly counts: Float64Array
  sum: number
  count: number
}

interface ValuePair { labels: Record<string, string | number>, sharedLabels: Record<string, string>, value: number, metricName: string, exemplar: null | undefined }

/**
 * http_request_duration_seconds: the histogram prom-client's Histogram would keep, with the same exposition, kept by
 * a Map keyed once per request instead of prom-client's label validation and hashing on every observation (0.4 µs
 * of a request, a third of what our hooks cost a preview; issue 12). The registry asks it for its values as it asks
 * its own metrics (getForPromString for the text, get for JSON).
 */
export class RequestDurations {
  readonly name = 'http_request_duration_seconds'
  readonly help = 'HTTP requests by method, route and status'
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  readonly #series = new Map<string, Series>()

  observe (method: string, route: string, statusCode: number, seconds: number): void {
    const key = `${statusCode} ${method} ${route}`
    let series = this.#series.get(key)
    if (series === undefined) {
      series = { labels: { method, route, status_code: String(statusCode) }, counts: new Float64Array(DURATION_BUCKETS.length + 1), sum: 0, count: 0 }
      this.#series.set(key, series)
    }
    let bucket = 0
    while (bucket < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[bucket]!) bucket++
    series.counts[bucket]!++
    series.sum += seconds
    series.count++
  }

  reset (): void { this.#series.clear() }

  /** The values as prom-client writes a histogram's text: each series' labels shared by its lines, `le` first. */
  getForPromString () {
    const values: ValuePair[] = []
    for (const { labels, counts, sum, count } of this.#series.values()) {
      let cumulative = 0
      DURATION_BUCKETS.forEach((bound, i) => {
        cumulative += counts[i]!
        values.push({ labels: { le: bound }, sharedLabels: labels, value: cumulative, metricName: `${this.name}_bucket`, exemplar: null })
      })
      values.push({ labels: { le: '+Inf' }, sharedLabels: labels, value: count, metricName: `${this.name}_bucket`, exemplar: null })
      values.push({ labels: {}, sharedLabels: labels, value: sum, metricName: `${this.name}_sum`, exemplar: undefined })
      values.push({ labels: {}, sharedLabels: labels, value: count, metricName: `${this.name}_count`, exemplar: undefined })
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator }
  }

  /** The values as prom-client's JSON has them: one set of labels per value. */
  get () {
    const data = this.getForPromString()
    return { ...data, values: data.values.map(({ labels, sharedLabels, value, metricName, exemplar }) => ({ value, metricName, exemplar, labels: { ...labels, ...sharedLabels } })) }
  }
}

export function registerMetrics (app: FastifyInstance, options: { metricsToken: string | undefined, queueLabels?: boolean }): void {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new RequestDurations()
  registry.registerMetric(requests as unknown as Metric)
  app.decorate('metrics', { registry, queueLabel: queueLabeller(options.queueLabels === true) })

  // Labels are bounded: the route pattern (never the URL a client typed), the method, the status.
  app.addHook('onResponse', (request, reply, done) => {
    requests.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000)
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
