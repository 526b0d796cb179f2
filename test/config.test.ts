import t from 'tap'
import { ConfigError, ConfigSchema, loadConfig } from '../src/config.js'

function refusal (env: Record<string, string>): string | null {
  try {
    loadConfig(env)
    return null
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return error.message
  }
}

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
    logLevel: 'info',
    startupTimeoutSeconds: 30
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

t.test('numbers are decimal digits only (docs/contract.md §10 "Configuration")', async (t) => {
  for (const value of ['true', 'false', '1.5', '1.0', '0x50', '0x5A7D', '0o17', '0b1', '1e3', ' 80', '80 ', '+80', '-1', '080', 'Infinity', 'NaN', '٨٠']) {
    t.equal(refusal({ PORT: value }), `invalid configuration: PORT=${JSON.stringify(value)}: must be a whole number from 0 to 65535 in decimal digits`, `PORT=${JSON.stringify(value)} is refused`)
  }
  t.match(refusal({ PORT: '65536' }), /PORT="65536": must be a whole number from 0 to 65535/)
  t.equal(loadConfig({ PORT: '0' }).port, 0)
  t.equal(loadConfig({ PORT: '65535' }).port, 65535)
  for (const name of ['GENERATION_HORIZON_DAYS', 'RATE_LIMIT_PER_MINUTE', 'EXECUTION_RETENTION_DAYS', 'STARTUP_TIMEOUT_SECONDS']) {
    t.match(refusal({ [name]: '2.5' }), new RegExp(`^invalid configuration: ${name}="2.5": must be a whole number`), `${name} too`)
    t.match(refusal({ [name]: '0' }), new RegExp(`${name}="0": must be a whole number from 1 to`), `${name} starts at 1`)
  }
  t.equal(loadConfig({ STARTUP_TIMEOUT_SECONDS: '3' }).startupTimeoutSeconds, 3)
})

t.test('enumerated variables take their values exactly; LOG_LEVEL in any case', async (t) => {
  t.equal(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel, 'warn')
  t.equal(loadConfig({ LOG_LEVEL: 'Debug' }).logLevel, 'debug')
  t.equal(refusal({ LOG_LEVEL: 'verbose' }), 'invalid configuration: LOG_LEVEL="verbose": must be one of fatal, error, warn, info, debug, trace, silent (any case)')
  t.equal(refusal({ SCHEDULER: 'yes' }), 'invalid configuration: SCHEDULER="yes": must be one of on, off')
  t.equal(refusal({ METRICS_QUEUE_LABELS: 'true' }), 'invalid configuration: METRICS_QUEUE_LABELS="true": must be one of on, off')
})

t.test('a malformed DATABASE_URL is refused by the parser', async (t) => {
  for (const url of ['garbage', 'localhost:5432', 'mysql://u@h/db', 'postgres:/h/db', 'postgres://u:p@ss@h/db', 'postgres://u:a/b@h/db',
    'postgres://h:70000/db', 'postgres://h:port/db', 'postgres://h/db name', 'memory:', 'memory://x', ' postgres://h/db']) {
    t.equal(refusal({ DATABASE_URL: url }), `invalid configuration: DATABASE_URL=${JSON.stringify(url)}: must be postgres://…, postgresql://… or memory://`, `${url} is refused`)
  }
  for (const url of ['memory://', 'postgres://postgres@127.0.0.1:5432/h9', 'postgresql://u:p%40ss@db.example/app?sslmode=require',
    'postgres://h1:5432,h2:5433/db', 'postgres://[::1]:5432/db', 'postgres:///db?host=/var/run/postgresql']) {
    t.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url, `${url} is taken`)
  }
})

t.test('every variable of the schema is documented in the README table', async (t) => {
  const { readFileSync } = await import('node:fs')
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  for (const name of Object.keys(ConfigSchema.properties)) t.match(readme, new RegExp(`\\| \`${name}\` \\|`), `${name} is in the README`)
})
