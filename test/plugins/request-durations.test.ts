// http_request_duration_seconds is kept by our own RequestDurations (issue 12); what /metrics shows of it must be what
// prom-client's Histogram with the same name, help, labels and buckets shows for the same observations.
import { Histogram, Registry, type Metric, type RegistryContentType } from 'prom-client'
import t from 'tap'
import { RequestDurations } from '../../src/plugins/metrics.js'

const OBSERVED: Array<[string, string, number, number]> = [
  ['GET', '/v1/recurring/:id', 200, 0.0004],
  ['GET', '/v1/recurring/:id', 200, 0.005], // on a bound: that bucket
  ['GET', '/v1/recurring/:id', 200, 0.0051],
  ['POST', '/v1/preview/cron', 400, 0.3],
  ['GET', 'unmatched', 404, 7.5], // above every bound: +Inf only
  ['GET', '/v1/recurring/:id', 500, 1],
  ['GET', 'a "quoted" \\ route\n', 200, 0.02]
]

function registries (openMetrics = false) {
  const registry = () => {
    const made = new Registry<RegistryContentType>()
    made.setContentType(openMetrics ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE)
    return made as unknown as Registry
  }
  const ours = registry()
  const durations = new RequestDurations()
  ours.registerMetric(durations as unknown as Metric)
  const theirs = registry()
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [theirs]
  })
  for (const [method, route, status, seconds] of OBSERVED) {
    durations.observe(method, route, status, seconds)
    histogram.observe({ method, route, status_code: String(status) }, seconds)
  }
  return { ours, theirs, durations, histogram }
}

t.test('the text and the JSON are prom-client\'s', async (t) => {
  const { ours, theirs } = registries()
  const text = await ours.metrics()
  t.equal(text, await theirs.metrics())
  t.match(text, /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/recurring\/:id",status_code="200"\} 2/)
  t.match(text, /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1/)
  t.strictSame(await ours.getMetricsAsJSON(), await theirs.getMetricsAsJSON())
  const open = registries(true)
  t.equal(await open.ours.metrics(), await open.theirs.metrics(), 'OpenMetrics too')
})

t.test('reset forgets every series, as resetMetrics does for prom-client\'s', async (t) => {
  const { ours, theirs } = registries()
  ours.resetMetrics()
  theirs.resetMetrics()
  t.equal(await ours.metrics(), await theirs.metrics())
})
