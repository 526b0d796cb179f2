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
