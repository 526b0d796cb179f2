// The real process: first start bootstraps and logs a usable key, data survives a restart, a restart never
// bootstraps twice (also with BOOTSTRAP_API_KEY), and SIGTERM shuts down cleanly within 10 s.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { engines, openTestDb } from './helpers/db.js'
import { spawnMain } from './helpers/main-process.js'

interface Running { child: ChildProcess, url: string, logs: string[] }

/** Starts src/main.ts; whatever happens to the test (failure, timeout, bail-out), its teardown kills the child. */
async function start (t: Test, env: Record<string, string | undefined>): Promise<Running> {
  const { child, kill } = spawnMain(t, env)
  const logs: string[] = []
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { kill(); reject(new Error(`no listening line within 90 s:\n${logs.join('\n')}`)) }, 90_000)
    let buffer = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let newline
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        logs.push(line)
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
        if (m !== null) { clearTimeout(timer); resolve(m[1]!) }
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()))
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${logs.join('\n')}`)) })
  })
  return { child, url, logs }
}

async function stop (running: Running): Promise<{ code: number | null, ms: number }> {
  const started = Date.now()
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)))
  running.child.kill('SIGTERM')
  return { code: await exited, ms: Date.now() - started }
}

async function me (url: string, token: string): Promise<number> {
  return (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status
}

function firstStartToken (logs: string[]): string | null {
  const line = logs.find((l) => l.includes('First start'))
  return line === undefined ? null : (/zoop_uk_[A-Za-z0-9_-]{43}/.exec(line)?.[0] ?? null)
}

for (const engine of engines()) {
  t.test(`[${engine}] first start logs a usable key; a restart keeps data and does not bootstrap again; SIGTERM exits 0`, async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rj-main-'))
    t.teardown(() => rmSync(dataDir, { recursive: true, force: true }))
    const env: Record<string, string> = engine === 'pglite' ? { DATA_DIR: dataDir } : { DATABASE_URL: (await openTestDb(t, 'postgres')).url! }

    const first = await start(t, env)
    const token = firstStartToken(first.logs)
    t.match(token, /^zoop_uk_/, 'the first start logs the token')
    t.match(first.logs.join('\n'), /send it as \\?"Authorization: Bearer zoop_uk_/, 'and says how to use it')
    t.equal(await me(first.url, token!), 200)
    t.equal((await fetch(`${first.url}/readyz`)).status, 200)
    const stopped = await stop(first)
    t.equal(stopped.code, 0, 'SIGTERM exits cleanly')
    t.ok(stopped.ms < 10_000, `within 10 s (${stopped.ms} ms)`)

    const second = await start(t, env)
    t.equal(firstStartToken(second.logs), null, 'no second bootstrap')
    t.equal(await me(second.url, token!), 200, 'the key from the first start still works (data survived)')
    t.equal((await stop(second)).code, 0)
  })

  t.test(`[${engine}] BOOTSTRAP_API_KEY is used as the first key, idempotently across restarts`, async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rj-main-'))
    t.teardown(() => rmSync(dataDir, { recursive: true, force: true }))
    const key = `zoop_uk_${'b'.repeat(40)}`
    const env = { BOOTSTRAP_API_KEY: key, ...(engine === 'pglite' ? { DATA_DIR: dataDir } : { DATABASE_URL: (await openTestDb(t, 'postgres')).url! }) }
    const first = await start(t, env)
    t.equal(firstStartToken(first.logs), null, 'a given key is not printed')
    t.ok(first.logs.some((l) => l.includes('Registered BOOTSTRAP_API_KEY')))
    t.equal(await me(first.url, key), 200)
    await stop(first)
    const second = await start(t, env)
    t.notOk(second.logs.some((l) => l.includes('Registered BOOTSTRAP_API_KEY')), 'nothing is created on restart')
    t.equal(await me(second.url, key), 200)
    await stop(second)
  })
}
