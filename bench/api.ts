// Request-path throughput of the service's hot routes (issue 12), each beside its reference in the same run.
//
// The built service (dist/main.js, rebuilt when stale) runs in its own process, as in production, on a fresh
// PostgreSQL database and on a fresh embedded PGlite data directory; autocannon drives it from this process.
// A minimal server (bench/reference-server.ts) runs next to it in a third process. Rows compared:
//
//   GET /v1/recurring/{id}     vs the reference doing the same work (key by SHA-256, the row, its JSON)  ≥ 0.6× (PostgreSQL)
//   POST /v1/preview/cron      vs the reference answering a similar JSON body (no cron work)             ≥ 0.5×
//                              and vs the reference doing the route's own work (key hash, schema, cron, schema)
//                              — which is also shown beside the bare route: the ceiling the 0.5× leaves
//   GET /v1/recurring?limit=100  (no reference; 100 schedules)
//   MCP tools/call jobs.list   vs REST GET /v1/jobs of the same service (20 instances of 90)              ≥ 0.8×
//   PGlite RSS: idle 5 s after a restart < 280 MB; peak while loaded < 350 MB
//
// Each pair is measured in alternating rounds after a warm-up, the order flipped every round (ours, reference;
// reference, ours; …), so a load change on the machine lands on both; the figure is the mean of the rounds, and the
// "rounds" column gives the lowest and highest ratio of a single round. Beside req/s, the server process's CPU
// time per request (/proc/<pid>/stat; the database server's is not counted) changes less with the machine's load.
//
// Run:  npx tsx bench/api.ts [--duration 5] [--rounds 2] [--connections 10] [--engine postgres|pglite]
//                            [--url postgres://postgres@127.0.0.1:5432/db] [--only get,preview,list,mcp]
//                            [--log-level warn] [--cpu-prof DIR]
// The PostgreSQL URL defaults to BENCH_DATABASE_URL, TEST_DATABASE_URL, then the local server; the run creates
// <its database>_bench_api next to it and drops it afterwards.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { NODE_FLAGS } from '../src/node-flags.js'
import { processCpuMs } from './process-cpu.js'

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '10' },
    engine: { type: 'string' },
    url: { type: 'string' },
    only: { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    'cpu-prof': { type: 'string' },
    service: { type: 'string' },
    help: { type: 'boolean', short: 'h' }
  }
})

if (args.help === true) {
  console.log(`Usage: npx tsx bench/api.ts [options]

Throughput (req/s, autocannon) of the service's hot routes beside a reference in the same run, on PostgreSQL and
on embedded PGlite, plus PGlite's RSS idle after a restart and under load, and the CPU time per request of each
server process. The service runs built (dist/main.js)
in its own process; bench/reference-server.ts is the reference.

  --duration <s>         seconds per measurement (default 5)
  --rounds <n>           alternating rounds per pair, averaged (default 2)
  --warmup <s>           seconds of warm-up per route and server (default 1). V8 keeps optimizing for a while:
                         on a slow 2-core VM TurboFan still compiled 5 % of the CPU time 10 s into the load and
                         settled after about 40 s (--trace-opt), so 20 measures the steady state more closely
  --connections <n>      concurrent connections (default 10)
  --engine <postgres|pglite>  one engine only (default: both)
  --url <postgres://…>   PostgreSQL server (default BENCH_DATABASE_URL, TEST_DATABASE_URL, then the local one);
                         <db>_bench_api is created next to it and dropped afterwards
  --only <list>          some of get,preview,list,mcp (default all)
  --log-level <level>    the service's LOG_LEVEL (default warn; info logs two lines per request)
  --service <dir>        the checkout whose dist/main.js is run (default this one): another build of the
                         service (an older commit's, say) measured against the same reference
  --cpu-prof <dir>       run the service under node --cpu-prof, profiles written to <dir> when it stops
                         (summarize with: npx tsx bench/cpu-profile.ts <dir>/*.cpuprofile)
  -h, --help             this text`)
  process.exit(0)
}

const DURATION = Number(args.duration)
const ROUNDS = Number(args.rounds)
const WARMUP = Number(args.warmup)
const CONNECTIONS = Number(args.connections)
const ADMIN_URL = args.url ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ENGINES = args.engine === undefined ? ['postgres', 'pglite'] : [args.engine]
const ONLY = new Set((args.only ?? 'get,preview,list,mcp').split(',').map((s) => s.trim()))
const TOKEN = 'zoop_uk_bench_api_0123456789abcdefghijklmnop'
const GET_ID = 'rjob_bench'
const LIST_SCHEDULES = 100
const IDLE_WAIT_MS = 5_000
const ROOT = new URL('..', import.meta.url)
const SERVICE_DIR = args.service ?? fileURLToPath(ROOT)

type Engine = 'postgres' | 'pglite'

interface Row {
  route: string
  engine: Engine
  ours: number
  oursCpuUs: number
  referenceLabel: string
  reference: number | undefined
  referenceCpuUs: number | undefined
  target: number | undefined
  /** ours / reference in each round (req/s). */
  ratios: number[]
}

const rows: Row[] = []
const memory: Array<{ engine: Engine, label: string, mb: number, target: number | undefined }> = []
let failures = 0

// ---------------------------------------------------------------------------------------------------------------
// Processes

async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')) })
    })
  })
}

async function waitFor (url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before answering`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {}
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} within 120 s`)
    await sleep(50)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Running { child: ChildProcess, base: string, stderr: () => string }

/** The built service on a free port, ready; `measured` is the start that is loaded (and profiled with --cpu-prof). */
async function startService (env: Record<string, string>, measured: boolean): Promise<Running> {
  const port = await freePort()
  const nodeArgs = args['cpu-prof'] === undefined || !measured ? [] : ['--cpu-prof', '--cpu-prof-dir', args['cpu-prof']]
  const child = spawn(process.execPath, [...NODE_FLAGS, ...nodeArgs, 'dist/main.js'], {
    cwd: SERVICE_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: args['log-level']!,
      BOOTSTRAP_API_KEY: TOKEN,
      // The per-key limit (600/min by default) would answer 429 after the first second.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      SCHEDULER: 'on'
    },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000) })
  const base = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${base}/readyz`, child, 'the service')
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${stderr}`)
  }
  return { child, base, stderr: () => stderr }
}

async function startReference (extra: string[]): Promise<Running> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/reference-server.ts', '--port', String(port), ...extra], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000) })
  const base = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${base}/ref/healthz`, child, 'the reference')
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${stderr}`)
  }
  return { child, base, stderr: () => stderr }
}

async function stop (running: Running): Promise<void> {
  if (running.child.exitCode !== null) return
  const exited = new Promise((resolve) => running.child.once('exit', resolve))
  running.child.kill('SIGTERM')
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

function rssMb (pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return kb / 1024
}

/** Peak RSS of a process, sampled every 100 ms until stopped. */
function rssSampler (pid: number): { stop: () => number } {
  let peak = rssMb(pid)
  const timer = setInterval(() => { try { peak = Math.max(peak, rssMb(pid)) } catch {} }, 100)
  return { stop: () => { clearInterval(timer); return peak } }
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

interface Request { method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers?: Record<string, string> }

const authHeaders = { authorization: `Bearer ${TOKEN}` }
const jsonHeaders = { ...authHeaders, 'content-type': 'application/json' }
const mcpHeaders = { ...jsonHeaders, accept: 'application/json, text/event-stream' }

async function call (base: string, request: Request): Promise<{ status: number, text: string }> {
  const response = await fetch(base + request.path, {
    method: request.method,
    headers: { ...authHeaders, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) })
  })
  return { status: response.status, text: await response.text() }
}

async function callOk (base: string, request: Request): Promise<string> {
  const { status, text } = await call(base, request)
  if (status >= 300) throw new Error(`${request.method} ${request.path} answered ${status}: ${text.slice(0, 300)}`)
  return text
}

const todayUtc = () => new Date().toISOString().slice(0, 10)

async function seed (base: string): Promise<void> {
  const schedule = (i: number) => ({
    job_type: `Bench.Jobs.Job${i}`,
    cron_expression: '0 3 * * *',
    queue: 'bench',
    timezone: 'America/New_York',
    payload: { retention_days: 30, n: i },
    timeout_seconds: 600
  })
  await callOk(base, { method: 'PUT', path: `/v1/recurring/${GET_ID}`, body: schedule(0) })
  for (let i = 1; i < LIST_SCHEDULES; i++) await callOk(base, { method: 'PUT', path: `/v1/recurring/rjob_bench_${i}`, body: schedule(i) })
  // A daily series: 90 days of instances within the default horizon, so a jobs page holds its full 20 rows.
  await callOk(base, {
    method: 'POST',
    path: '/v1/job_series',
    body: { title: 'Bench daily visit', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: todayUtc(), flat_price: 120, description: 'seeded by bench/api.ts' }
  })
}

const ROUTES = {
  get: { method: 'GET', path: `/v1/recurring/${GET_ID}`, headers: authHeaders },
  refGet: { method: 'GET', path: `/ref/recurring/${GET_ID}`, headers: authHeaders },
  preview: { method: 'POST', path: '/v1/preview/cron', headers: jsonHeaders, body: { cron_expression: '0 3 * * *', timezone: 'America/New_York', from: '2026-03-07T12:00:00Z', count: 10 } },
  refPreview: { method: 'POST', path: '/ref/preview/cron', headers: jsonHeaders, body: { cron_expression: '0 3 * * *', timezone: 'America/New_York', from: '2026-03-07T12:00:00Z', count: 10 } },
  refPreviewWork: { method: 'POST', path: '/ref/preview/cron/work', headers: jsonHeaders, body: { cron_expression: '0 3 * * *', timezone: 'America/New_York', from: '2026-03-07T12:00:00Z', count: 10 } },
  list: { method: 'GET', path: `/v1/recurring?limit=${LIST_SCHEDULES}`, headers: authHeaders },
  jobs: { method: 'GET', path: '/v1/jobs', headers: authHeaders },
  mcp: { method: 'POST', path: '/api/mcp', headers: mcpHeaders, body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'jobs.list', arguments: {} } } }
} satisfies Record<string, Request>

/** Checks that both answer what the benchmark assumes before loading them. */
async function checkAnswers (base: string, requests: Array<[string, Request]>): Promise<void> {
  for (const [name, request] of requests) {
    const text = await callOk(base, request)
    if (name === 'mcp') {
      const answer = JSON.parse(text) as { result?: { isError?: boolean, structuredContent?: { data?: unknown[] } } }
      if (answer.result?.isError === true || answer.result?.structuredContent?.data?.length !== 20) throw new Error(`jobs.list answered ${text.slice(0, 300)}`)
    }
    if (name === 'jobs' && (JSON.parse(text) as { data: unknown[] }).data.length !== 20) throw new Error(`GET /v1/jobs answered ${text.slice(0, 300)}`)
    if (name === 'list' && (JSON.parse(text) as { data: unknown[] }).data.length !== LIST_SCHEDULES) throw new Error('GET /v1/recurring?limit=100 did not answer 100 schedules')
  }
}

/** User + system CPU seconds process `pid` has used so far. */
function cpuSeconds (pid: number): number {
  const ms = processCpuMs(pid)
  if (ms === null) throw new Error(`cannot read the CPU time of process ${pid} (/proc)`)
  return ms / 1000
}

interface Figure { rps: number, cpuUs: number }

/** req/s, and the server process's CPU time per request (less sensitive to a busy machine than req/s). */
async function load (server: Running, request: Request, seconds: number): Promise<Figure> {
  const cpuBefore = cpuSeconds(server.child.pid!)
  const result = await autocannon({
    url: server.base + request.path,
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    connections: CONNECTIONS,
    duration: seconds
  })
  const cpu = cpuSeconds(server.child.pid!) - cpuBefore
  const bad = result.non2xx + result.errors + result.timeouts
  if (bad > 0) {
    failures++
    console.error(`  ! ${request.method} ${request.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`)
  }
  return { rps: result.requests.average, cpuUs: result.requests.total > 0 ? cpu * 1e6 / result.requests.total : 0 }
}

type Target = [Running, Request]

/**
 * Mean figures of each target over alternating rounds, after a warm-up of each. The order rotates every round (A B C,
 * B C A, C A B, …; for two: A B, B A) so that a drift of the machine's speed during the group (this VM's CPU time
 * per request moves by ±10 % from one run to the next) does not always land on the same side. `perRound[r][i]` is
 * target i's req/s in round r.
 */
async function group (targets: Target[]): Promise<{ figures: Figure[], perRound: number[][] }> {
  for (const [server, request] of targets) await load(server, request, WARMUP)
  const figures = targets.map(() => ({ rps: 0, cpuUs: 0 }))
  const perRound: number[][] = []
  for (let round = 0; round < ROUNDS; round++) {
    const rps: number[] = []
    for (let k = 0; k < targets.length; k++) {
      const i = (round + k) % targets.length
      const figure = await load(targets[i]![0], targets[i]![1], DURATION)
      figures[i]!.rps += figure.rps / ROUNDS
      figures[i]!.cpuUs += figure.cpuUs / ROUNDS
      rps[i] = figure.rps
    }
    perRound.push(rps)
  }
  return { figures, perRound }
}

/** A pair out of a group: figures of targets a and b, and a's req/s over b's in each round. */
function paired ({ figures, perRound }: { figures: Figure[], perRound: number[][] }, a: number, b: number): Paired {
  return [figures[a]!, figures[b], perRound.map((rps) => rps[a]! / rps[b]!)]
}

async function pair (a: Target, b?: Target): Promise<Paired> {
  if (b === undefined) {
    const { figures } = await group([a])
    return [figures[0]!, undefined, []]
  }
  return paired(await group([a, b]), 0, 1)
}

type Paired = [Figure, Figure | undefined, number[]]

// ---------------------------------------------------------------------------------------------------------------
// Runs

async function measureRoutes (engine: Engine, service: Running, reference: Running): Promise<void> {
  await checkAnswers(service.base, [['get', ROUTES.get], ['preview', ROUTES.preview], ['list', ROUTES.list], ['jobs', ROUTES.jobs], ['mcp', ROUTES.mcp]])
  await checkAnswers(reference.base, [['refGet', ROUTES.refGet], ['refPreview', ROUTES.refPreview], ['refPreviewWork', ROUTES.refPreviewWork]])
  const [ours, work] = await Promise.all([callOk(service.base, ROUTES.preview), callOk(reference.base, ROUTES.refPreviewWork)])
  if (ours !== work) throw new Error(`the reference's preview work answered ${work.slice(0, 300)}, the service ${ours.slice(0, 300)}`)
  const add = (route: string, [ours, ref, ratios]: Paired, referenceLabel: string, target: number | undefined) => {
    rows.push({ route, engine, ours: ours.rps, oursCpuUs: ours.cpuUs, referenceLabel, reference: ref?.rps, referenceCpuUs: ref?.cpuUs, target, ratios })
    console.error(`  ${engine} ${route}: ${ours.rps.toFixed(0)} req/s${ref === undefined ? '' : ` vs ${ref.rps.toFixed(0)}`}`)
  }
  if (ONLY.has('get')) {
    add('GET /v1/recurring/{id}', await pair([service, ROUTES.get], [reference, ROUTES.refGet]), 'minimal Fastify + driver', engine === 'postgres' ? 0.6 : undefined)
  }
  if (ONLY.has('preview')) {
    // The service, the bare route and the reference doing the route's own work, in the same rounds. The third row is
    // the ceiling the first one's target leaves: what the work alone costs, with no rate limit, headers or metrics.
    const measured = await group([[service, ROUTES.preview], [reference, ROUTES.refPreview], [reference, ROUTES.refPreviewWork]])
    add('POST /v1/preview/cron', paired(measured, 0, 1), 'bare Fastify JSON route', 0.5)
    add('POST /v1/preview/cron', paired(measured, 0, 2), 'bare Fastify, same work', undefined)
    add('  (reference: same work)', paired(measured, 2, 1), 'bare Fastify JSON route', undefined)
  }
  if (ONLY.has('list')) add('GET /v1/recurring?limit=100', await pair([service, ROUTES.list]), '', undefined)
  if (ONLY.has('mcp')) {
    add('MCP tools/call jobs.list', await pair([service, ROUTES.mcp], [service, ROUTES.jobs]), 'REST GET /v1/jobs', 0.8)
  }
}

async function runPostgres (): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  const base = decodeURIComponent(new URL(ADMIN_URL).pathname.slice(1)) || 'postgres'
  const name = `${base.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}_bench_api`
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  await admin.unsafe(`drop database if exists "${name}" with (force)`)
  await admin.unsafe(`create database "${name}"`)
  let service: Running | undefined
  let reference: Running | undefined
  try {
    // Seeded by a first start, measured on a second one: what is loaded (and profiled) never ran the seeding.
    service = await startService({ DATABASE_URL: url.toString() }, false)
    await seed(service.base)
    await stop(service)
    service = await startService({ DATABASE_URL: url.toString() }, true)
    reference = await startReference(['--url', url.toString()])
    const sampler = rssSampler(service.child.pid!)
    await measureRoutes('postgres', service, reference)
    memory.push({ engine: 'postgres', label: 'peak RSS under load', mb: sampler.stop(), target: undefined })
  } finally {
    if (reference !== undefined) await stop(reference)
    if (service !== undefined) await stop(service)
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.end({ timeout: 5 })
  }
}

async function runPglite (): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-pglite-'))
  let service: Running | undefined
  let reference: Running | undefined
  try {
    // First start (initdb, migrations) and seeding, then a restart: the RSS that counts is a normal start's.
    service = await startService({ DATA_DIR: dataDir }, false)
    await seed(service.base)
    await stop(service)
    service = await startService({ DATA_DIR: dataDir }, true)
    await sleep(IDLE_WAIT_MS)
    memory.push({ engine: 'pglite', label: `idle RSS ${IDLE_WAIT_MS / 1000} s after a restart`, mb: rssMb(service.child.pid!), target: 280 })
    reference = await startReference(['--pglite', '--token', TOKEN, '--id', GET_ID])
    const sampler = rssSampler(service.child.pid!)
    await measureRoutes('pglite', service, reference)
    memory.push({ engine: 'pglite', label: 'peak RSS under load', mb: sampler.stop(), target: 350 })
  } finally {
    if (reference !== undefined) await stop(reference)
    if (service !== undefined) await stop(service)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The lowest and highest ratio of single rounds: how far one round can be trusted on this machine. */
function spread (ratios: number[]): string {
  if (ratios.length === 0) return '—'
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`
}

function report (): void {
  const pad = (text: string, width: number) => text.padEnd(width)
  const num = (n: number | undefined) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US')).padStart(8)
  console.log(`\nbench/api.ts: service ${resolvePath(SERVICE_DIR)} on Node ${process.versions.node} (${NODE_FLAGS.join(' ')}), ${DURATION} s × ${ROUNDS} rounds per figure, ${CONNECTIONS} connections, LOG_LEVEL=${args['log-level']}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
  console.log(`${pad('route', 28)} ${pad('engine', 8)} ${'ours'.padStart(8)} ${'ref'.padStart(8)}  ${pad('reference', 25)} ${'ratio'.padStart(6)} ${'target'.padStart(7)}  result  ${pad('rounds', 11)}  CPU µs/req ours/ref`)
  for (const row of rows) {
    const ratio = row.reference === undefined ? undefined : row.ours / row.reference
    const result = row.target === undefined || ratio === undefined ? '' : ratio >= row.target ? 'pass' : 'FAIL'
    console.log(`${pad(row.route, 28)} ${pad(row.engine, 8)} ${num(row.ours)} ${num(row.reference)}  ${pad(row.referenceLabel || '—', 25)} ${(ratio === undefined ? '—' : ratio.toFixed(2)).padStart(6)} ${(row.target === undefined ? '—' : `≥${row.target}`).padStart(7)}  ${result.padEnd(6)}  ${pad(spread(row.ratios), 11)}  ${row.oursCpuUs.toFixed(0)}${row.referenceCpuUs === undefined ? '' : ` / ${row.referenceCpuUs.toFixed(0)}`}`)
  }
  for (const m of memory) {
    const result = m.target === undefined ? '' : m.mb < m.target ? 'pass' : 'FAIL'
    console.log(`${pad(`${m.engine} ${m.label}`, 38)} ${`${m.mb.toFixed(0)} MB`.padStart(8)} ${(m.target === undefined ? '' : `< ${m.target} MB`).padStart(10)}  ${result}`)
  }
}

// The service runs built: rebuild dist/ first when src/ is newer (scripts/build-if-stale.mjs, as npm start does).
execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: SERVICE_DIR, stdio: 'inherit' })
for (const engine of ENGINES) {
  console.error(`${engine}:`)
  if (engine === 'postgres') await runPostgres()
  else if (engine === 'pglite') await runPglite()
  else throw new Error(`unknown engine ${engine}`)
}
report()
if (failures > 0) {
  console.error(`${failures} measurement(s) saw non-2xx answers, errors or timeouts`)
  process.exit(1)
}
