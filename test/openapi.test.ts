// The committed OpenAPI document is what the code generates (a forgotten `npm run openapi` fails here), it is
// what /openapi.json serves, it follows the naming rules SDK generators depend on, and the SDKs that
// openapi-typescript, @hey-api/openapi-ts and orval generate from it type-check and talk to the running service.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createClient as createHeyApiClient } from '@hey-api/openapi-ts'
import openapiTS, { astToString } from 'openapi-typescript'
import { generate as generateOrval } from 'orval'
import t from 'tap'
import ts from 'typescript'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { OPENAPI_CONFIG, openApiPath } from '../src/cli/write-openapi.js'
import { openApiText } from '../src/plugins/openapi.js'
import { STATUS, type ErrorCode } from '../src/errors.js'
import { ManualClock } from '../src/time/clock.js'
import { ADMIN_TOKEN } from './helpers/app.js'
import { openTestDb } from './helpers/db.js'
import { createTenant } from './helpers/keys.js'

const committed = readFileSync(openApiPath, 'utf8')

// One verb scheme for operationIds (SDK method names come from them): list/get/create/upsert (PUT)/update (PATCH)/
// delete for resources, then the domain actions. Plural resource for lists and batches, singular otherwise.
// MCP's body is JSON-RPC (a oneOf of a message and a batch), documented inline.
const operationIdIsRest = (operationId: string) => operationId !== 'callMcp'
const OPERATION_ID = /^(list|get|create|upsert|update|delete|trigger|claim|heartbeat|complete|fail|release|pause|resume|end|split|preview|register|revoke|backfill|call)[A-Z][A-Za-z]*$/
const projectRoot = new URL('..', import.meta.url)

t.test('openapi/openapi.json is what the code generates and what /openapi.json serves', async (t) => {
  const db = await openTestDb(t, 'pglite')
  const app = await buildApp({ config: OPENAPI_CONFIG, database: db.database, clock: new ManualClock('2026-03-24T15:00:00Z') }, { logger: false })
  t.teardown(() => app.close())
  await app.ready()
  const generated = openApiText(app)
  t.ok(generated === committed, 'openapi/openapi.json is stale: run `npm run openapi` and commit it')
  const served = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.strictSame(served.json(), JSON.parse(committed))
  const docs = await app.inject({ method: 'GET', url: '/docs' })
  t.ok(docs.statusCode === 200 || docs.statusCode === 302, `/docs is served (${docs.statusCode})`)
})

t.test('every operation has an operationId, a summary, error responses pointing at Error, and body examples', async (t) => {
  const doc = JSON.parse(committed)
  t.equal(doc.openapi, '3.1.0')
  t.ok(doc.servers?.length > 0, 'a servers entry')
  for (const name of ['RecurringJob', 'Execution', 'JobSeries', 'JobSeriesDetail', 'Job', 'JobDetail', 'Error', 'UpsertRecurringJobBody', 'CreateJobSeriesBody']) {
    t.type(doc.components.schemas[name], 'object', `component ${name}`)
  }
  t.strictSame(Object.keys(doc.paths['/v1/recurring/{id}'].get.responses['404'].content['application/json'].examples), ['recurring_job_not_found'])
  t.strictSame(Object.keys(doc.paths['/v1/job_series/{id}'].get.responses['404'].content['application/json'].examples), ['not_found'])
  t.strictSame(Object.keys(doc.paths['/v1/job_series'].post.responses['400'].content['application/json'].examples), ['invalid_input'])
  t.ok('invalid_request' in doc.paths['/v1/recurring/{id}'].put.responses['400'].content['application/json'].examples, 'a recurring 400 shows invalid_request')
  t.strictSame(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', description: 'An API key: zoop_uk_… (user-bound) or zoop_tk_… (tenant)' })
  const ids = new Set<string>()
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      const where = `${method.toUpperCase()} ${path}`
      t.type(op.operationId, 'string', `${where} has an operationId`)
      t.match(op.operationId, OPERATION_ID, `${where} operationId ${op.operationId} is <verb><Resource> with a verb of the scheme (add a verb to OPERATION_ID only for a new kind of action)`)
      t.notOk(ids.has(op.operationId), `${where} operationId is unique`)
      ids.add(op.operationId)
      t.type(op.summary, 'string', `${where} has a summary`)
      for (const [status, response] of Object.entries<any>(op.responses)) {
        t.ok(typeof response.description === 'string' && response.description !== 'Default Response', `${where} ${status} has a description`)
        const media = response.content?.['application/json']
        if (Number(status) >= 400) {
          t.equal(media?.schema?.$ref, '#/components/schemas/Error', `${where} ${status} uses Error`)
          const codes = Object.values<any>(media?.examples ?? {}).map((e) => e.value.error.code)
          t.ok(codes.length > 0 && codes.every((code) => STATUS[code as ErrorCode] === Number(status)), `${where} ${status} shows examples of its own codes (${codes.join(', ')})`)
        } else if (media?.schema?.type === 'object' || media?.schema?.$ref !== undefined) {
          t.match(media.schema.$ref, /^#\/components\/schemas\/[A-Z]\w+$/, `${where} ${status} answers a named component`)
        }
      }
      const bodySchema = op.requestBody?.content?.['application/json']?.schema
      if (bodySchema !== undefined && operationIdIsRest(op.operationId)) t.match(bodySchema.$ref, /^#\/components\/schemas\/[A-Z]\w+$/, `${where} body is a named component`)
      const media = op.requestBody?.content?.['application/json']
      if (media !== undefined) t.ok(media.example !== undefined || media.examples !== undefined, `${where} body has examples`)
    }
  }
})

// One scenario, written against each generator's client: health, the caller's key, a refused key, an admin call,
// then a schedule end to end (upsert, trigger, claim, complete). The values it returns are typed by the generated
// code, so a wrong type fails tsc and a wrong value fails the comparison below.
const SCENARIO_EXPECTED = (tenantId: string, id: string) => ({
  status: 'ok',
  tenantId,
  code: 'unauthorized',
  deniedStatus: 401,
  tenantName: 'From the SDK',
  created: 201,
  nextRunAt: '2026-03-25T07:00:00Z',
  trigger: 'manual',
  claimed: [id],
  finalStatus: 'succeeded'
})

const OPENAPI_TYPESCRIPT_CLIENT = `
import createClient from 'openapi-fetch'
import type { paths } from './openapi-typescript/api.js'

export async function run (baseUrl: string, token: string, adminToken: string, id: string): Promise<Record<string, unknown>> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: 'Bearer ' + token } })
  const health = await client.GET('/healthz')
  const status: 'ok' | undefined = health.data?.status
  const me = await client.GET('/v1/me')
  const tenantId: string | undefined = me.data?.tenant_id
  const denied = await createClient<paths>({ baseUrl }).GET('/v1/me')
  const code: string | undefined = denied.error?.error.code
  const admin = createClient<paths>({ baseUrl, headers: { authorization: 'Bearer ' + adminToken } })
  const tenant = await admin.POST('/admin/v1/tenants', { body: { name: 'From the SDK' } })
  const tenantName: string | undefined = tenant.data?.name
  const put = await client.PUT('/v1/recurring/{id}', { params: { path: { id } }, body: { job_type: 'Sdk.' + id, cron_expression: '0 3 * * *', timezone: 'America/New_York' } })
  const nextRunAt: string | null | undefined = put.data?.next_run_at
  const triggered = await client.POST('/v1/recurring/{id}/trigger', { params: { path: { id } } })
  const trigger: string | undefined = triggered.data?.trigger
  const claim = await client.POST('/v1/executions/claim', { body: { worker_id: 'w-' + id, queues: ['default'], limit: 10 } })
  const claimed = (claim.data?.data ?? []).map((e) => e.recurring_id)
  const done = await client.POST('/v1/executions/{id}/complete', { params: { path: { id: triggered.data?.id ?? '' } }, body: { worker_id: 'w-' + id, result: { ok: true } } })
  const finalStatus: 'queued' | 'running' | 'succeeded' | 'failed' | undefined = done.data?.status
  return { status, tenantId, code, deniedStatus: denied.response.status, tenantName, created: tenant.response.status, nextRunAt, trigger, claimed, finalStatus }
}
`

const HEY_API_CLIENT = `
import { createClient } from './hey-api/client/index.js'
import { claimExecutions, completeExecution, createTenant, getHealth, getMe, triggerRecurringJob, upsertRecurringJob } from './hey-api/index.js'

export async function run (baseUrl: string, token: string, adminToken: string, id: string): Promise<Record<string, unknown>> {
  const client = createClient({ baseUrl, headers: { authorization: 'Bearer ' + token } })
  const health = await getHealth({ client })
  const status: 'ok' | undefined = health.data?.status
  const me = await getMe({ client })
  const tenantId: string | undefined = me.data?.tenant_id
  const denied = await getMe({ client: createClient({ baseUrl }) })
  const code: string | undefined = denied.error?.error.code
  const tenant = await createTenant({ client: createClient({ baseUrl, headers: { authorization: 'Bearer ' + adminToken } }), body: { name: 'From the SDK' } })
  const tenantName: string | undefined = tenant.data?.name
  const put = await upsertRecurringJob({ client, path: { id }, body: { job_type: 'Sdk.' + id, cron_expression: '0 3 * * *', timezone: 'America/New_York' } })
  const nextRunAt: string | null | undefined = put.data?.next_run_at
  const triggered = await triggerRecurringJob({ client, path: { id } })
  const trigger: string | undefined = triggered.data?.trigger
  const claim = await claimExecutions({ client, body: { worker_id: 'w-' + id, queues: ['default'], limit: 10 } })
  const claimed = (claim.data?.data ?? []).map((e) => e.recurring_id)
  const done = await completeExecution({ client, path: { id: triggered.data?.id ?? '' }, body: { worker_id: 'w-' + id, result: { ok: true } } })
  const finalStatus: 'queued' | 'running' | 'succeeded' | 'failed' | undefined = done.data?.status
  return { status, tenantId, code, deniedStatus: denied.response.status, tenantName, created: tenant.response.status, nextRunAt, trigger, claimed, finalStatus }
}
`

// orval's fetch client reads the base URL it was generated with and takes headers per call.
const ORVAL_CLIENT = `
import { claimExecutions, completeExecution, createTenant, getHealth, getMe, triggerRecurringJob, upsertRecurringJob } from './orval/api.js'

export async function run (_baseUrl: string, token: string, adminToken: string, id: string): Promise<Record<string, unknown>> {
  const auth = { headers: { authorization: 'Bearer ' + token } }
  const health = await getHealth()
  const status: 'ok' | undefined = health.status === 200 ? health.data.status : undefined
  const me = await getMe(auth)
  const tenantId: string | undefined = me.status === 200 ? me.data.tenant_id : undefined
  const denied = await getMe()
  const code: string | undefined = denied.status === 401 ? denied.data.error.code : undefined
  const tenant = await createTenant({ name: 'From the SDK' }, { headers: { authorization: 'Bearer ' + adminToken } })
  const tenantName: string | undefined = tenant.status === 201 ? tenant.data.name : undefined
  const put = await upsertRecurringJob(id, { job_type: 'Sdk.' + id, cron_expression: '0 3 * * *', timezone: 'America/New_York' }, auth)
  const nextRunAt: string | null | undefined = put.status === 200 ? put.data.next_run_at : undefined
  const triggered = await triggerRecurringJob(id, auth)
  const trigger: string | undefined = triggered.status === 201 ? triggered.data.trigger : undefined
  const executionId = triggered.status === 201 ? triggered.data.id : ''
  const claim = await claimExecutions({ worker_id: 'w-' + id, queues: ['default'], limit: 10 }, auth)
  const claimed = claim.status === 200 ? claim.data.data.map((e) => e.recurring_id) : []
  const done = await completeExecution(executionId, { worker_id: 'w-' + id, result: { ok: true } }, auth)
  const finalStatus: 'queued' | 'running' | 'succeeded' | 'failed' | undefined = done.status === 200 ? done.data.status : undefined
  return { status, tenantId, code, deniedStatus: denied.status, tenantName, created: tenant.status, nextRunAt, trigger, claimed, finalStatus }
}
`

t.test('SDKs generated by openapi-typescript, @hey-api/openapi-ts and orval compile under tsc --strict and run a schedule end to end', async (t) => {
  const db = await openTestDb(t, 'pglite')
  const config = loadConfig({ SCHEDULER: 'off', LOG_LEVEL: 'silent', ADMIN_TOKEN })
  const app = await buildApp({ config, database: db.database, clock: new ManualClock('2026-03-24T15:00:00Z') }, { logger: false })
  t.teardown(() => app.close())
  const address = await app.listen({ port: 0, host: '127.0.0.1' })

  // Generated once, into one temporary folder inside the project (so openapi-fetch resolves from node_modules), under
  // test/: tap records no coverage for files in a test folder, and the generated SDKs (orval's alone is 6,000 lines)
  // are not our code, so they must not count in the coverage figure and its floor.
  // openapi-typescript runs with defaultNonNullable: false, as docs/contract.md §16 advises: by default it makes every
  // property with a default required, request bodies included (claim's wait_seconds, preview's count).
  const dir = mkdtempSync(join(projectRoot.pathname, 'test', '.tmp-openapi-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'openapi-typescript'))
  writeFileSync(join(dir, 'openapi-typescript', 'api.d.ts'), astToString(await openapiTS(pathToFileURL(openApiPath), { defaultNonNullable: false })))
  await createHeyApiClient({ input: openApiPath, output: join(dir, 'hey-api'), plugins: ['@hey-api/client-fetch'], logs: { level: 'silent' } })
  await generateOrval({ input: { target: openApiPath }, output: { target: join(dir, 'orval', 'api.ts'), client: 'fetch', mode: 'single', baseUrl: address } })
  const clients = { 'openapi-typescript': OPENAPI_TYPESCRIPT_CLIENT, '@hey-api/openapi-ts': HEY_API_CLIENT, orval: ORVAL_CLIENT }
  const files = Object.entries(clients).map(([name, source], i) => {
    const file = join(dir, `client-${i}.ts`)
    writeFileSync(file, source)
    return { name, file }
  })

  const program = ts.createProgram(files.map((f) => f.file), {
    strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: []
  })
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.slice(dir.length + 1) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
  t.strictSame(diagnostics, [], 'the three generated SDKs and the clients written against them compile under --strict')

  const tenant = await createTenant(app)
  for (const [i, { name, file }] of files.entries()) {
    const id = `rjob_sdk_${i}`
    const { run } = await import(pathToFileURL(file).href) as { run: (u: string, k: string, a: string, id: string) => Promise<unknown> }
    t.strictSame(await run(address, tenant.token, ADMIN_TOKEN, id), SCENARIO_EXPECTED(tenant.tenantId, id), `${name} client talks to the service`)
  }
})
