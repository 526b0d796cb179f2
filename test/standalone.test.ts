// docs/contract.md §16: the repository stands alone. Nothing the code, the tests, the README or the OpenAPI text
// carries may point at the planning documents outside it (a sibling `shared` folder, or their section numbers);
// rules are cited from docs/contract.md, whose §1–§16 this test also checks.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const root = fileURLToPath(new URL('..', import.meta.url))
// Built from pieces so that this file does not match itself.
const OUTSIDE = ['..' + '/shared', 'CONTRACT' + ' §', 'CONTRACT' + '.md']
const CITATION = OUTSIDE[1]!
const FIX = `grep -rl '${CITATION}' src test README.md | xargs sed -i 's/${CITATION}/docs\\/contract.md §/g' && npm run openapi`

function files (path: string): string[] {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path).flatMap((name) => name === 'fixtures' || name.startsWith('.') ? [] : files(join(path, name)))
}

t.test('nothing under src/, test/, README.md or openapi/ refers to documents outside the repository', async (t) => {
  const offenders: string[] = []
  for (const file of ['src', 'test', 'README.md', 'openapi/openapi.json'].flatMap((p) => files(join(root, p)))) {
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, i) => {
      const found = OUTSIDE.find((needle) => line.includes(needle))
      if (found !== undefined) offenders.push(`${relative(root, file)}:${i + 1}: ${found}`)
    })
  }
  t.strictSame(offenders, [], `cite docs/contract.md instead; to rewrite the citations run: ${FIX}`)
})

t.test('docs/contract.md has the sections 1–16 the code cites', async (t) => {
  const text = readFileSync(join(root, 'docs', 'contract.md'), 'utf8')
  const sections = [...text.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]))
  t.strictSame(sections, Array.from({ length: 16 }, (_, i) => i + 1))
})

t.test('the conformance vectors are in the repository with their notice', async (t) => {
  for (const file of ['test/fixtures/NOTICE.md', 'test/fixtures/cronos/vectors.json', 'test/fixtures/rrule/vectors.json']) {
    t.ok(statSync(join(root, file)).size > 0, file)
  }
})
