// The committed OpenAPI document is what the code generates (a forgotten `npm run openapi` fails here), it is
// what /openapi.json serves, and an SDK generated from it with openapi-typescript type-checks and talks to the
// running service through openapi-fetch.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import t from 'tap'
import ts from 'typescript'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { OPENAPI_CONFIG, openApiPath } from '../src/cli/write-openapi.js'
import { openApiText } from '../src/plugins/openapi.js'
import { ManualClock } from '../src/time/clock.js'
import { ADMIN_TOKEN } from './helpers/app.js'
import { openTestDb } from './helpers/db.js'
import { createTenant } from './helpers/keys.js'

const committed = readFileSync(openApiPath, 'utf8')

// One verb scheme for operationIds (SDK method names come from them): list/get/create/upsert (PUT)/update (PATCH)/
// delete for resources, then the domain actions. Plural resource for lists and batches, singular otherwise.
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
        if (Number(status) >= 400) {
          t.equal(response.content?.['application/json']?.schema?.$ref, '#/components/schemas/Error', `${where} ${status} uses Error`)
        }
      }
      const media = op.requestBody?.content?.['application/json']
      if (media !== undefined) t.ok(media.example !== undefined || media.examples !== undefined, `${where} body has examples`)
    }
  }
})

t.test('an SDK generated from the committed document type-checks and calls the running service', async (t) => {
  const dir = mkdtempSync(join(projectRoot.pathname, '.tmp-openapi-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'api.d.ts'), astToString(await openapiTS(pathToFileURL(openApiPath))))
  writeFileSync(join(dir, 'client.ts'), `
import createClient from 'openapi-fetch'
import type { paths } from './api.js'

export async function run (baseUrl: string, token: string, adminToken: string): Promise<Record<string, unknown>> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: 'Bearer ' + token } })
  const health = await client.GET('/healthz')
  const status: 'ok' | undefined = health.data?.status
  const me = await client.GET('/v1/me')
  const tenantId: string | undefined = me.data?.tenant_id
  const denied = await createClient<paths>({ baseUrl }).GET('/v1/me')
  const code: string | undefined = denied.error?.error.code
  const admin = createClient<paths>({ baseUrl, headers: { authorization: 'Bearer ' + adminToken } })
  const tenant = await admin.POST('/admin/v1/tenants', { body: { name: 'From the SDK' } })
  const name: string | undefined = tenant.data?.name
  return { status, tenantId, code, deniedStatus: denied.response.status, name, created: tenant.response.status }
}
`)
  const program = ts.createProgram([join(dir, 'client.ts')], {
    strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: []
  })
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  t.strictSame(diagnostics, [], 'the generated types and the client compile')

  const db = await openTestDb(t, 'pglite')
  const config = loadConfig({ SCHEDULER: 'off', LOG_LEVEL: 'silent', ADMIN_TOKEN })
  const app = await buildApp({ config, database: db.database, clock: new ManualClock('2026-03-24T15:00:00Z') }, { logger: false })
  t.teardown(() => app.close())
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const tenant = await createTenant(app)
  const { run } = await import(pathToFileURL(join(dir, 'client.ts')).href) as { run: (u: string, k: string, a: string) => Promise<unknown> }
  t.strictSame(await run(address, tenant.token, ADMIN_TOKEN), {
    status: 'ok', tenantId: tenant.tenantId, code: 'unauthorized', deniedStatus: 401, name: 'From the SDK', created: 201
  })
})
