// The service's V8 flags (src/node-flags.ts): every launcher of dist/main.js passes them, and on the Node that runs
// this test they cap the young generation where the service's memory figures were measured. .ci/run also runs this
// file on Node 24, the image's runtime, where without the flag the young generation grows to 128 MB.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { NODE_FLAGS } from '../src/node-flags.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const read = (path: string) => readFileSync(join(root, path), 'utf8')

t.test('the Dockerfile, npm start and the benches start dist/main.js with the flags', async (t) => {
  const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1]
  t.same(cmd === undefined ? undefined : JSON.parse(cmd), ['node', ...NODE_FLAGS, 'dist/main.js'], 'Dockerfile CMD')
  const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start
  t.match(start, new RegExp(`&& node ${NODE_FLAGS.join(' ')} dist/main\\.js$`), 'npm start')
  t.match(read('bench/startup.sh'), `node ${NODE_FLAGS.join(' ')} dist/main.js`, 'bench/startup.sh')
  t.match(read('bench/api.ts'), "spawn(process.execPath, [...NODE_FLAGS, ...nodeArgs, 'dist/main.js']", 'bench/api.ts')
})

t.test('no other launcher starts dist/main.js without them', async (t) => {
  const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n')
    .filter((file) => /\.(ts|mjs|js|sh|json|md|yml|yaml)$|(^|\/)Dockerfile$/.test(file) && !file.startsWith('openapi/'))
  const bare = tracked.flatMap((file) => read(file).split('\n')
    .filter((line) => /\bnode\s+"?dist\/main\.js/.test(line) || /"node",\s*"dist\/main\.js"/.test(line))
    .map((line) => `${file}: ${line.trim()}`))
  t.ok(tracked.includes('Dockerfile'), 'the repository\'s files are listed')
  t.same(bare, [], 'each of them passes the flags before the entry point')
})

t.test('on this Node, the flags keep the young generation at 32 MB under a burst of garbage', async (t) => {
  // Allocates ~200 MB of short-lived objects with a tenth surviving a while, as start-up and request bursts do.
  const script = `
    const v8 = require('node:v8')
    const keep = []
    for (let i = 0; i < 3e6; i++) { const o = { a: i, b: 'x' + i }; if (i % 10 === 0) keep.push(o) }
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')
    process.stdout.write(String(space.space_size))`
  const newSpace = Number(execFileSync(process.execPath, [...NODE_FLAGS, '-e', script], { encoding: 'utf8' }))
  t.ok(newSpace > 0, `new space ${newSpace} bytes`)
  t.ok(newSpace <= 32 * 1024 * 1024, `new space ${(newSpace / 1048576).toFixed(0)} MB on Node ${process.versions.node}, at most 32 MB`)
})
