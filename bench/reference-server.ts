// The reference bench/api.ts measures the service against: the least a Fastify server can do for the same answers.
//
// GET  /ref/recurring/:id  the bearer token's SHA-256 looked up in api_keys (one query per request, no cache), the
//                          schedule selected by (tenant_id, id), and the row written out as the API's snake_case
//                          JSON (JSON.stringify, no schema, no hooks, no logger).
// POST /ref/preview/cron   a JSON body parsed and a body of ten RFC 3339 strings answered (no cron work): the
//                          cost of the HTTP path alone for a request shaped like POST /v1/preview/cron.
// POST /ref/preview/cron/work  the same request with the work no implementation of the route can skip: the token's
//                          SHA-256 looked up in a Set of the keys (filled from api_keys on first sight, as the
//                          service's key cache holds them), the body checked against the route's own TypeBox schema,
//                          the occurrences computed by the service's previewCron, and written by the route's
//                          response schema. No rate limit, security headers, request id, metrics or logger.
//
// --busy <µs> adds a busy-wait of that long to POST /ref/preview/cron: what a few µs of work more per request cost
// the bare route on this machine (with 10 µs it answered at 0.53× of its own speed without, issue 12's note).
//
// Run:  npx tsx bench/reference-server.ts --port 18181 --url postgres://…/db       (reads the service's rows)
//       npx tsx bench/reference-server.ts --port 18181 --pglite --token zoop_… --id rjob_x
//                                          (in-memory PGlite, migrated and seeded here with that key and schedule)
// GET /ref/healthz answers once it listens.
import { createHash } from 'node:crypto'
import { parseArgs } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import Fastify, { type FastifyRequest } from 'fastify'
import postgres from 'postgres'
import { openDatabase, PGLITE_OPTIONS } from '../src/db/connect.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { previewCron } from '../src/recurring/preview.js'
import { PreviewCronBody, PreviewCronResponse, type PreviewCronInput } from '../src/recurring/schemas.js'

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '18181' },
    url: { type: 'string' },
    pglite: { type: 'boolean', default: false },
    token: { type: 'string' },
    id: { type: 'string', default: 'rjob_bench' },
    busy: { type: 'string', default: '0' }
  }
})

type Row = Record<string, unknown>
type Query = (text: string, params: unknown[]) => Promise<Row[]>

const KEY_SQL = 'select id, tenant_id, kind, scopes, revoked_at from api_keys where token_hash = $1 limit 1'
const JOB_SQL = 'select * from recurring_jobs where tenant_id = $1 and id = $2 limit 1'

async function open (): Promise<Query> {
  if (!args.pglite) {
    if (args.url === undefined) throw new Error('--url or --pglite is required')
    const sql = postgres(args.url, { max: 10, onnotice: () => {} })
    return async (text, params) => sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }) as unknown as Row[]
  }
  if (args.token === undefined) throw new Error('--pglite needs --token')
  const client = await PGlite.create(PGLITE_OPTIONS)
  await migrateDatabase(await openDatabase({ pglite: client }))
  const [tenant] = (await client.query<Row>("insert into tenants (name) values ('reference') returning id")).rows
  await client.query("insert into api_keys (tenant_id, kind, scopes, token_hash) values ($1, 'tenant', $2, $3)",
    [tenant!.id, ['read:recurring'], createHash('sha256').update(args.token).digest('hex')])
  await client.query(`insert into recurring_jobs (tenant_id, id, job_type, queue, cron_expression, timezone, payload, enabled,
    max_attempts, timeout_seconds, next_run_at) values ($1, $2, 'Bench.Reference', 'default', '0 3 * * *', 'UTC', '{"n":1}', true, 3, 1800, now())`,
  [tenant!.id, args.id])
  return async (text, params) => (await client.query<Row>(text, params)).rows
}

const iso = (value: unknown): string | null => value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, 'Z') : value === null ? null : String(value)

const query = await open()
const app = Fastify({ logger: false })

/** The SHA-256 of the request's bearer token, or null without one. */
function bearerHash (request: FastifyRequest): string | null {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')
  return match === null ? null : createHash('sha256').update(match[1]!).digest('hex')
}

app.get<{ Params: { id: string } }>('/ref/recurring/:id', async (request, reply) => {
  const hash = bearerHash(request)
  if (hash === null) return reply.code(401).send({ error: { code: 'unauthorized' } })
  const [key] = await query(KEY_SQL, [hash])
  if (key === undefined || key.revoked_at !== null) return reply.code(401).send({ error: { code: 'unauthorized' } })
  const [job] = await query(JOB_SQL, [key.tenant_id, request.params.id])
  if (job === undefined) return reply.code(404).send({ error: { code: 'recurring_job_not_found' } })
  return {
    id: job.id,
    job_type: job.job_type,
    queue: job.queue,
    cron_expression: job.cron_expression,
    timezone: job.timezone,
    enabled: job.enabled,
    payload: job.payload,
    last_run_at: iso(job.last_run_at),
    next_run_at: iso(job.next_run_at),
    max_attempts: job.max_attempts,
    timeout_seconds: job.timeout_seconds,
    overlap_policy: job.overlap_policy,
    misfire_policy: job.misfire_policy,
    misfire_threshold_seconds: job.misfire_threshold_seconds,
    starts_at: iso(job.starts_at),
    ends_at: iso(job.ends_at),
    max_runs: job.max_runs,
    runs_count: job.runs_count,
    state: job.state,
    pause_note: job.pause_note,
    paused_at: iso(job.paused_at),
    auto_pause_after_failures: job.auto_pause_after_failures,
    created_at: iso(job.created_at),
    updated_at: iso(job.updated_at)
  }
})

const OCCURRENCES = Array.from({ length: 10 }, (_, i) => `2026-03-${String(25 + (i % 5)).padStart(2, '0')}T0${i % 10}:00:00-04:00`)
const BUSY_NS = BigInt(Math.round(Number(args.busy) * 1000))
app.post<{ Body: { cron_expression?: string } }>('/ref/preview/cron', async (request) => {
  if (typeof request.body?.cron_expression !== 'string') throw new Error('cron_expression is required')
  if (BUSY_NS > 0n) for (const until = process.hrtime.bigint() + BUSY_NS; process.hrtime.bigint() < until;);
  return { occurrences: OCCURRENCES }
})

const knownKeys = new Set<string>()
app.post<{ Body: PreviewCronInput }>('/ref/preview/cron/work', {
  schema: { body: PreviewCronBody, response: { 200: PreviewCronResponse } },
  onRequest: (request, reply, done) => {
    const hash = bearerHash(request)
    if (hash === null) { reply.code(401).send({ error: { code: 'unauthorized' } }); return }
    if (knownKeys.has(hash)) { done(); return }
    query(KEY_SQL, [hash]).then(([key]) => {
      if (key === undefined || key.revoked_at !== null) { reply.code(401).send({ error: { code: 'unauthorized' } }); return }
      knownKeys.add(hash)
      done()
    }, done)
  }
}, async (request) => ({ occurrences: previewCron(request.body, new Date()) }))

app.get('/ref/healthz', async () => ({ status: 'ok' }))

await app.listen({ port: Number(args.port), host: '127.0.0.1' })
const stop = () => { app.close().then(() => process.exit(0), () => process.exit(1)) }
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
