// A bounded, seeded fuzz of the whole surface (docs/contract.md §10): every operation of openapi/openapi.json (read from
// the document, so new routes are fuzzed without touching this file) and every MCP tool get malformed input —
// U+0000, lone surrogates, 1e400, deep nesting, non-canonical ids, wrong types, random JSON — and must never
// answer 5xx; REST errors are in the §4 shape. FUZZ_SEED and FUZZ_RUNS reproduce or widen a run.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import t from 'tap'
import { openApiPath } from '../src/cli/write-openapi.js'
import { TOOLS } from '../src/mcp/tools.js'
import { ADMIN_TOKEN, eachApp } from './helpers/app.js'
import { createTenant } from './helpers/keys.js'
import { MCP_HEADERS } from './series/fixtures.js'

const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
const RUNS = Number(process.env.FUZZ_RUNS ?? 4)

const nasty = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', 'urn:uuid:00000000-0000-4000-8000-000000000000',
  '{00000000-0000-4000-8000-000000000000}', '00000000-0000-4000-8000-000000000000', '', ' ', 'x'.repeat(300), '😀', '../etc', '%', '-1', '1e400']
const nastyString = fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 8 }))
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }), fc.dictionary(nastyString, nastyString, { maxKeys: 3 }), fc.jsonValue({ maxDepth: 3 }))

/** Raw bodies JSON.parse accepts but the service must refuse, plus ones it does not parse. */
const rawBodies = ['{"a": "\\u0000"}', '{"\\ud800": 1}', '{"payload": {"n": 1e400}}', `{"payload": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
  'not json', '[]', '"text"', '42', 'null', '{"result": {"x": "\\udc00"}}']

function encode (text: string): string {
  // Lone surrogates cannot be percent-encoded as UTF-8; send them as the raw bad bytes a client could.
  return text.isWellFormed() ? encodeURIComponent(text) : '%ED%A0%80'
}

function isErrorShape (body: any): boolean {
  return typeof body?.error?.code === 'string' && typeof body.error.message === 'string'
}

t.test('no operation of the OpenAPI document answers 5xx to malformed input; errors are in the §4 shape', async (t) => {
  const doc = JSON.parse(readFileSync(openApiPath, 'utf8'))
  const operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })))
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    const tokens = [tenant.headers.authorization, `Bearer ${ADMIN_TOKEN}`]
    let sent = 0
    for (const { path, method, op } of operations) {
      const params: string[] = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name)
      const sample = fc.sample(fc.record({
        pathValue: nastyString,
        query: fc.dictionary(fc.constantFrom(...(params.length > 0 ? params : ['x'])), nastyString, { maxKeys: 3 }),
        body: fc.oneof(fc.constantFrom(...rawBodies), fc.dictionary(fc.string({ maxLength: 12 }), nastyValue, { maxKeys: 6 }).map((v) => JSON.stringify(v))),
        token: fc.constantFrom(...tokens)
      }), { seed: SEED + sent, numRuns: RUNS })
      for (const input of sample) {
        const url = path.replace(/\{[^}]+\}/g, () => encode(input.pathValue)) +
          (Object.keys(input.query).length > 0 ? '?' + Object.entries(input.query).map(([k, v]) => `${k}=${encode(v)}`).join('&') : '')
        const hasBody = method !== 'GET' && method !== 'DELETE'
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: { authorization: path.startsWith('/admin') ? `Bearer ${ADMIN_TOKEN}` : input.token, ...(hasBody ? MCP_HEADERS : {}) },
          ...(hasBody ? { payload: input.body } : {})
        })
        sent++
        const what = `${method} ${url.slice(0, 120)} ${hasBody ? input.body.slice(0, 120) : ''}`
        if (res.statusCode >= 500) t.fail(`${what} answered ${res.statusCode}: ${res.body.slice(0, 300)}`)
        if (res.statusCode >= 400 && path !== '/api/mcp') {
          let body: unknown
          try { body = res.json() } catch { body = undefined }
          if (!isErrorShape(body)) t.fail(`${what} answered ${res.statusCode} outside the error shape: ${res.body.slice(0, 300)}`)
        }
      }
    }
    t.ok(sent >= operations.length * RUNS, `${sent} requests over ${operations.length} operations`)
  })
})

t.test('no MCP tool answers an internal error to malformed arguments', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await createTenant(app)
    let id = 0
    for (const tool of TOOLS) {
      const names = Object.keys(tool.inputSchema.properties)
      const sample = fc.sample(fc.oneof(
        fc.dictionary(fc.constantFrom(...names), nastyValue, { maxKeys: names.length }),
        fc.constantFrom<unknown>([], 'x', 42, null, { [names[0] ?? 'id']: '\u0000' })
      ), { seed: SEED + id, numRuns: RUNS * 2 })
      for (const args of sample) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/mcp',
          headers: { ...MCP_HEADERS, ...tenant.headers },
          payload: JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name: tool.name, arguments: args } })
        })
        const what = `${tool.name} ${JSON.stringify(args)?.slice(0, 200)}`
        if (res.statusCode >= 500) { t.fail(`${what} answered ${res.statusCode}`); continue }
        const body = res.json()
        if (body.error !== undefined) {
          if (body.error.code === -32603) t.fail(`${what}: -32603 ${body.error.message}`)
          continue
        }
        if (body.result?.isError === true) {
          const error = JSON.parse(body.result.content[0].text)
          if (!isErrorShape(error) || error.error.code === 'internal') t.fail(`${what}: ${body.result.content[0].text.slice(0, 300)}`)
        }
      }
    }
    t.pass(`${id} tool calls`)
  })
})
