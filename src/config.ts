// The environment, as one JSON Schema parsed by env-schema (Fastify's Ajv-based environment parser; docs/contract.md
// §1, §10 "Configuration"). Every variable is strict: a number is decimal digits only (`PORT=true`, `1.5`, `0x50`,
// ` 80` and `1e3` are refused; Ajv's own coercion alone would take `0x50` and ` 80`), an enumerated one is one of its
// values, DATABASE_URL is a URL the driver can parse. LOG_LEVEL alone is case-insensitive. loadConfig is pure: it reads
// only the object it is given (main.ts passes process.env), and reports every bad variable in one line.
import type { Ajv } from 'ajv'
import envSchema from 'env-schema'

interface Variable {
  readonly schema: Record<string, unknown>
  /** What a valid value looks like, for the error line. */
  readonly expected: string
}

const DECIMAL = '^(0|[1-9][0-9]{0,9})$'

/** Decimal digits first (the text as given), then Ajv coerces to an integer and checks the range. */
function integer (minimum: number, maximum: number, fallback: number, description: string): Variable {
  return {
    schema: { description, default: String(fallback), allOf: [{ type: 'string', pattern: DECIMAL }, { type: 'integer', minimum, maximum }] },
    expected: `a whole number from ${minimum} to ${maximum} in decimal digits`
  }
}

function oneOf (values: readonly string[], fallback: string, description: string): Variable {
  return { schema: { type: 'string', enum: values, default: fallback, description }, expected: `one of ${values.join(', ')}` }
}

function text (description: string, constraints: Record<string, unknown> = {}, expected = 'text'): Variable {
  return { schema: { type: 'string', ...constraints, description }, expected }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const VARIABLES = {
  PORT: integer(0, 65535, 8080, 'HTTP port'),
  HOST: text('bind address (0.0.0.0 in the container image)', { default: '127.0.0.1' }),
  DATABASE_URL: text('postgres://… for PostgreSQL; unset for embedded PGlite in DATA_DIR; memory:// for in-memory PGlite',
    { format: 'database-url' }, 'postgres://…, postgresql://… or memory://'),
  DATA_DIR: text('where embedded PGlite keeps its files', { default: './data' }),
  ADMIN_TOKEN: text('enables the admin API for Authorization: Bearer <ADMIN_TOKEN>', { minLength: 16 }, 'at least 16 characters'),
  BOOTSTRAP_API_KEY: text('the first user-bound key to create (zoop_uk_…) instead of a random one',
    { pattern: '^zoop_uk_[A-Za-z0-9_-]{22,200}$' }, 'zoop_uk_ and 22–200 of A–Z a–z 0–9 _ -'),
  SCHEDULER: oneOf(['on', 'off'], 'on', 'off runs the API without the scheduler loop'),
  GENERATION_HORIZON_DAYS: integer(1, 3660, 90, 'how far ahead job-series instances are materialized'),
  RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000_000, 600, 'requests per API key per minute, across all instances on one database'),
  EXECUTION_RETENTION_DAYS: integer(1, 36_500, 14, 'finished executions older than this are pruned'),
  METRICS_TOKEN: text('when set, /metrics asks for Authorization: Bearer <METRICS_TOKEN>'),
  METRICS_QUEUE_LABELS: oneOf(['on', 'off'], 'off', 'on labels execution metrics with queue names (tenant-chosen; at most 100, the rest "other")'),
  MCP_ALLOWED_ORIGINS: text('comma-separated origins a browser may call /api/mcp from; a request with any other Origin answers 403', { default: '' }),
  LOG_LEVEL: { ...oneOf(LOG_LEVELS, 'info', 'pino level, any case'), expected: `one of ${LOG_LEVELS.join(', ')} (any case)` },
  STARTUP_TIMEOUT_SECONDS: integer(1, 3600, 30, 'how long start-up retries a database it cannot reach before exiting non-zero')
} satisfies Record<string, Variable>

type Name = keyof typeof VARIABLES

/** The JSON Schema of the environment (docs: README "Configuration" lists every property). */
export const ConfigSchema = {
  type: 'object',
  properties: Object.fromEntries(Object.entries(VARIABLES).map(([name, v]) => [name, v.schema])) as Record<Name, Record<string, unknown>>
} as const

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
  readonly startupTimeoutSeconds: number
}

export class ConfigError extends Error {}

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+;=-]*)(:([0-9]{1,5}))?$/

/**
 * A URL postgres.js can connect with (it reads `postgres://user:password@host:port,host:port/database?options`
 * with percent-encoded user and password), or memory://. Refused: other schemes, spaces, an unencoded `@` or `/` in
 * the password, a port above 65535, anything WHATWG URL cannot parse (postgres.js parses with it).
 */
export function isDatabaseUrl (value: string): boolean {
  if (value === 'memory://') return true
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f]/.test(value)) return false
  const match = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?([^/?#]*)([/?#].*)?$/.exec(value)
  if (match === null) return false
  const hosts = match[1]!.split(',')
  for (const host of hosts) {
    const parts = HOST.exec(host)
    if (parts === null || (parts[3] !== undefined && Number(parts[3]) > 65535)) return false
  }
  try {
    // Like postgres.js: the first of several hosts stands for all in the parse.
    return new URL(value.replace(match[1]!, hosts[0]!)) !== undefined
  } catch {
    return false
  }
}

let ajv: Ajv | undefined

/** env-schema's own Ajv (defaults, coercion, all errors) with the database-url format, built once: Ajv caches the
 * compiled schema on its instance. */
function configure (fresh: Ajv): Ajv {
  ajv ??= fresh.addFormat('database-url', { type: 'string', validate: isDatabaseUrl })
  return ajv
}

/** What env-schema validates (it would set additionalProperties on the schema it is given). */
const SCHEMA = { ...ConfigSchema, additionalProperties: false }

/** Applies defaults, validates and converts, and reports every bad variable in one line. Empty values count as unset. */
export function loadConfig (env: Record<string, string | undefined> = {}): Config {
  const given: Record<string, string> = {}
  for (const name of Object.keys(VARIABLES)) {
    const value = env[name]
    if (value !== undefined && value !== '') given[name] = value
  }
  const data: Record<string, string> = { ...given }
  if (data.LOG_LEVEL !== undefined) data.LOG_LEVEL = data.LOG_LEVEL.toLowerCase()
  let c: Record<Name, unknown>
  try {
    c = envSchema<Record<Name, unknown>>({ schema: SCHEMA, data, env: false, ajv: { customOptions: configure } })
  } catch (error) {
    const errors = (error as { errors?: Array<{ instancePath: string }> }).errors
    if (errors === undefined) throw error
    const bad = [...new Set(errors.map((e) => e.instancePath.replace(/^\//, '')))] as Name[]
    throw new ConfigError(`invalid configuration: ${bad.map((name) => `${name}=${JSON.stringify(given[name])}: must be ${VARIABLES[name]?.expected ?? 'valid'}`).join('; ')}`)
  }
  const string = (name: Name) => c[name] as string
  const optional = (name: Name) => c[name] as string | undefined
  const number = (name: Name) => c[name] as number
  return Object.freeze({
    port: number('PORT'),
    host: string('HOST'),
    databaseUrl: optional('DATABASE_URL'),
    dataDir: string('DATA_DIR'),
    adminToken: optional('ADMIN_TOKEN'),
    bootstrapApiKey: optional('BOOTSTRAP_API_KEY'),
    scheduler: string('SCHEDULER') === 'on',
    generationHorizonDays: number('GENERATION_HORIZON_DAYS'),
    rateLimitPerMinute: number('RATE_LIMIT_PER_MINUTE'),
    executionRetentionDays: number('EXECUTION_RETENTION_DAYS'),
    metricsToken: optional('METRICS_TOKEN'),
    logLevel: string('LOG_LEVEL'),
    metricsQueueLabels: string('METRICS_QUEUE_LABELS') === 'on',
    mcpAllowedOrigins: string('MCP_ALLOWED_ORIGINS').split(',').map((o) => o.trim()).filter((o) => o !== ''),
    startupTimeoutSeconds: number('STARTUP_TIMEOUT_SECONDS')
  })
}
