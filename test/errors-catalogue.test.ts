// Keeps the error catalogue (src/errors.ts, CONTRACT §4) honest, as fastify's errors-vs-docs test does: every
// code is documented in the OpenAPI document, reachable through some documented response status, and asserted
// by at least one test.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { ERROR_CODES, STATUS } from '../src/errors.js'
import { openApiPath } from '../src/cli/write-openapi.js'

const testDir = fileURLToPath(new URL('.', import.meta.url))

function testFiles (dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return testFiles(path)
    return name.endsWith('.test.ts') && !path.endsWith('errors-catalogue.test.ts') ? [path] : []
  })
}

t.test('every error code is documented, reachable and asserted by a test', async (t) => {
  const doc = JSON.parse(readFileSync(openApiPath, 'utf8'))
  t.strictSame(doc.components.schemas.Error.properties.error.properties.code.enum, ERROR_CODES)
  const statuses = new Set<string>()
  for (const item of Object.values<Record<string, any>>(doc.paths)) {
    for (const op of Object.values<any>(item)) for (const status of Object.keys(op.responses)) statuses.add(status)
  }
  const tests = testFiles(testDir).map((file) => readFileSync(file, 'utf8')).join('\n')
  for (const code of ERROR_CODES) {
    t.ok(statuses.has(String(STATUS[code])), `${code}: status ${STATUS[code]} is a documented response`)
    t.ok(tests.includes(`'${code}'`) || tests.includes(`"${code}"`) || tests.includes(`\\"${code}\\"`), `${code} is asserted by a test`)
  }
})
