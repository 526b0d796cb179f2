// The environment, as one TypeBox object (docs/contract.md §1). loadConfig is pure: only main.ts reads process.env.
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'

export const ConfigSchema = Type.Object({
  PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'HTTP port' })),
  HOST: Type.Optional(Type.String({ default: '127.0.0.1', description: 'bind address (0.0.0.0 in the container image)' })),
  DATABASE_URL: Type.Optional(Type.String({ description: 'postgres://… for PostgreSQL; unset for embedded PGlite in DATA_DIR; memory:// for in-memory PGlite' })),
  DATA_DIR: Type.Optional(Type.String({ default: './data', description: 'where embedded PGlite keeps its files' })),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'enables the admin API for Authorization: Bearer <ADMIN_TOKEN>' })),
  BOOTSTRAP_API_KEY: Type.Optional(Type.String({ pattern: '^zoop_uk_[A-Za-z0-9_-]{22,200}$', description: 'the first user-bound key to create (zoop_uk_…) instead of a random one' })),
  SCHEDULER: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'on', description: 'off runs the API without the scheduler loop' })),
  GENERATION_HORIZON_DAYS: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660, default: 90, description: 'how far ahead job-series instances are materialized' })),
  RATE_LIMIT_PER_MINUTE: Type.Optional(Type.Integer({ minimum: 1, default: 600, description: 'requests per API key per minute' })),
  EXECUTION_RETENTION_DAYS: Type.Optional(Type.Integer({ minimum: 1, default: 14, description: 'finished executions older than this are pruned' })),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 1, description: 'when set, /metrics asks for Authorization: Bearer <METRICS_TOKEN>' })),
  METRICS_QUEUE_LABELS: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'off', description: 'on labels execution metrics with queue names (tenant-chosen; at most 100, the rest "other")' })),
  MCP_ALLOWED_ORIGINS: Type.Optional(Type.String({ default: '', description: 'comma-separated origins a browser may call /api/mcp from; a request with any other Origin answers 403' })),
  LOG_LEVEL: Type.Optional(Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info', description: 'pino level' }))
})

export interface Config {
  readonly port: number
  readonly host: string
  readonly databaseUrl: string | undefined
  readonly dataDir: string
  readonly adminToken: string | undefined
  readonly bootstrapApiKey: string | undefined
  readonly scheduler: boolean
  readonly generationHorizonDays: number
  readonly rateLimitPerMinute: number
  readonly executionRetentionDays: number
  readonly metricsToken: string | undefined
  readonly logLevel: string
  readonly mcpAllowedOrigins: readonly string[]
  readonly metricsQueueLabels: boolean
}

export class ConfigError extends Error {}

/** Applies defaults, converts strings to numbers, validates, and reports every bad variable in one message. */
export function loadConfig (env: Record<string, string | undefined> = {}): Config {
  const picked: Record<string, unknown> = {}
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key]
    if (value !== undefined && value !== '') picked[key] = value
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, picked))
  if (!Value.Check(ConfigSchema, converted)) {
    const problems = Value.Errors(ConfigSchema, converted).map((e) => {
      const name = e.instancePath.replace(/^\//, '')
      return `${name}=${JSON.stringify(picked[name])}: ${e.message}`
    })
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`)
  }
  const c = converted as Static<typeof ConfigSchema>
  return Object.freeze({
    port: c.PORT ?? 8080,
    host: c.HOST ?? '127.0.0.1',
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR ?? './data',
    adminToken: c.ADMIN_TOKEN,
    bootstrapApiKey: c.BOOTSTRAP_API_KEY,
    scheduler: (c.SCHEDULER ?? 'on') === 'on',
    generationHorizonDays: c.GENERATION_HORIZON_DAYS ?? 90,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE ?? 600,
    executionRetentionDays: c.EXECUTION_RETENTION_DAYS ?? 14,
    metricsToken: c.METRICS_TOKEN,
    logLevel: c.LOG_LEVEL ?? 'info',
    metricsQueueLabels: (c.METRICS_QUEUE_LABELS ?? 'off') === 'on',
    mcpAllowedOrigins: (c.MCP_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '')
  })
}
