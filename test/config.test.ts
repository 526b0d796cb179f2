import t from 'tap'
import { ConfigError, ConfigSchema, loadConfig } from '../src/config.js'

t.test('loadConfig applies the contract defaults (docs/contract.md §1)', async (t) => {
  t.strictSame({ ...loadConfig({}) }, {
    port: 8080,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: './data',
    adminToken: undefined,
    bootstrapApiKey: undefined,
    scheduler: true,
    generationHorizonDays: 90,
    rateLimitPerMinute: 600,
    executionRetentionDays: 14,
    metricsToken: undefined,
    metricsQueueLabels: false,
    mcpAllowedOrigins: [],
    logLevel: 'info'
  })
  t.ok(Object.isFrozen(loadConfig({})))
})

t.test('loadConfig converts strings and ignores empty variables', async (t) => {
  const config = loadConfig({ PORT: '9090', SCHEDULER: 'off', RATE_LIMIT_PER_MINUTE: '5', DATABASE_URL: 'memory://', METRICS_TOKEN: '' })
  t.equal(config.port, 9090)
  t.equal(config.scheduler, false)
  t.equal(config.rateLimitPerMinute, 5)
  t.equal(config.databaseUrl, 'memory://')
  t.equal(config.metricsToken, undefined)
})

t.test('loadConfig reports every bad variable in one message', async (t) => {
  let caught: unknown
  try {
    loadConfig({ PORT: 'eighty', SCHEDULER: 'maybe', BOOTSTRAP_API_KEY: 'zoop_tk_short' })
  } catch (error) {
    caught = error
  }
  t.ok(caught instanceof ConfigError)
  const message = (caught as Error).message
  t.match(message, /^invalid configuration: /)
  t.match(message, /PORT="eighty"/)
  t.match(message, /SCHEDULER="maybe"/)
  t.match(message, /BOOTSTRAP_API_KEY="zoop_tk_short"/)
})

t.test('every variable of the schema is documented in the README table', async (t) => {
  const { readFileSync } = await import('node:fs')
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  for (const name of Object.keys(ConfigSchema.properties)) t.match(readme, new RegExp(`\\| \`${name}\` \\|`), `${name} is in the README`)
})
