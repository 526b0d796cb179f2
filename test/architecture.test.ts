// Dependencies point one way (STYLE §3.1): routes → service → store → db, and service → cron | rrule | time.
// The pure engines import nothing from the application, and services know nothing about Fastify.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const src = fileURLToPath(new URL('../src', import.meta.url))

function files (dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : []
  })
}

function imports (file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!)
}

const all = files(src).map((file) => ({ file: relative(src, file), imports: imports(file) }))

t.test('cron/, rrule/ and time/ import nothing from the application', async (t) => {
  for (const { file, imports: list } of all.filter((f) => /^(cron|rrule|time)\//.test(f.file))) {
    for (const spec of list.filter((s) => s.startsWith('.'))) {
      const target = join(file, '..', spec)
      t.ok(/^(cron|rrule|time)\//.test(target), `${file} imports ${spec}`)
      if (file.startsWith('time/')) t.ok(target.startsWith('time/'), `${file} stays inside time/`)
    }
  }
})

t.test('services and stores do not import Fastify or routes', async (t) => {
  for (const { file, imports: list } of all.filter((f) => /\/(service|store)\.ts$/.test(f.file))) {
    t.notOk(list.some((s) => s === 'fastify' || s.startsWith('@fastify/')), `${file} does not import Fastify`)
    t.notOk(list.some((s) => /routes?\.js$/.test(s)), `${file} does not import routes`)
  }
})

t.test('stores do not import services', async (t) => {
  for (const { file, imports: list } of all.filter((f) => f.file.endsWith('/store.ts'))) {
    t.notOk(list.some((s) => /service\.js$/.test(s)), `${file} does not import a service`)
  }
})

// STYLE §3.12 "One owner per noun": the execution row is written only by executions/ (its lifecycle.ts decides
// every transition), and the scheduler is a loop that calls it. No cycle, not even through a type-only import.
const graph = new Map(all.map(({ file, imports: list }) => [file, list
  .filter((s) => s.startsWith('.'))
  .map((s) => join(file, '..', s).replace(/\.js$/, '.ts'))]))

function cycleThrough (start: string): string[] | null {
  const seen = new Set<string>()
  const walk = (file: string, path: string[]): string[] | null => {
    for (const next of graph.get(file) ?? []) {
      if (next === start) return [...path, next]
      if (seen.has(next)) continue
      seen.add(next)
      const found = walk(next, [...path, next])
      if (found !== null) return found
    }
    return null
  }
  return walk(start, [start])
}

t.test('executions/ never imports scheduler/', async (t) => {
  for (const { file, imports: list } of all.filter((f) => f.file.startsWith('executions/'))) {
    t.notOk(list.some((s) => join(file, '..', s).startsWith('scheduler/')), `${file} does not import scheduler/`)
  }
})

// Any cycle between the two folders would pass through a scheduler/ file (executions/ never imports scheduler/).
t.test('no import cycle passes through scheduler/', async (t) => {
  for (const { file } of all.filter((f) => /^scheduler\//.test(f.file))) {
    const cycle = cycleThrough(file)
    t.equal(cycle, null, cycle === null ? `${file}: no cycle` : `cycle: ${cycle.join(' → ')}`)
  }
})

t.test('only executions/ writes the executions table', async (t) => {
  const writes = /\b(insert|update|delete)\(executions\)|\binsert\s+into\s+executions\b|\bupdate\s+executions\b|\bdelete\s+from\s+executions\b/i
  for (const { file } of all.filter((f) => !f.file.startsWith('executions/'))) {
    t.notOk(writes.test(readFileSync(join(src, file), 'utf8')), `${file} does not write executions`)
  }
})

/** The top-level folder (or root file) each relative import of `file` reaches. */
function folderTargets (file: string, list: string[]): string[] {
  return list.filter((s) => s.startsWith('.')).map((spec) => join(file, '..', spec).split('/')[0]!)
}

t.test('series/ and jobs/ do not import each other both ways; what both use sits below them', async (t) => {
  const reaches = (from: string, to: string) => all.some(({ file, imports: list }) => file.startsWith(`${from}/`) && folderTargets(file, list).includes(to))
  t.notOk(reaches('series', 'jobs') && reaches('jobs', 'series'), 'no series/ ↔ jobs/ cycle')
  t.notOk(reaches('jobs', 'series'), 'jobs/ imports nothing from series/ (series/ materializes jobs through jobs/store.ts)')
  for (const lower of ['schemas', 'http']) {
    for (const { file, imports: list } of all.filter((f) => f.file.startsWith(`${lower}/`))) {
      const features = folderTargets(file, list).filter((target) => ['series', 'jobs', 'recurring', 'executions', 'admin', 'mcp', 'scheduler'].includes(target))
      t.strictSame(features, [], `${file} imports no feature folder`)
    }
  }
})
