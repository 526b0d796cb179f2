// The process around the embedded database (docs/contract.md §10): the first-start key reaches standard error whatever
// LOG_LEVEL says, and a second process on a DATA_DIR in use refuses to start with one clear line while the first
// keeps serving (a lock left by a dead process is taken over).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { childEnv } from './helpers/child-env.js'

const root = fileURLToPath(new URL('..', import.meta.url))

async function freePort (): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => resolve(port))
    })
  })
}

function run (env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: childEnv({ PATH: process.env.PATH ?? '', SCHEDULER: 'off', LOG_LEVEL: 'error', ...env }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const out = { stdout: '', stderr: '' }
  child.stdout!.on('data', (chunk: Buffer) => { out.stdout += chunk.toString() })
  child.stderr!.on('data', (chunk: Buffer) => { out.stderr += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, out, exited }
}

async function until (check: () => Promise<boolean> | boolean, what: string, ms = 300_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function status (port: number, token: string): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status
  } catch {
    return 0
  }
}

function stop (child: ChildProcess, exited: Promise<number | null>) {
  child.kill('SIGTERM')
  return exited
}

t.test('LOG_LEVEL=error still shows the first-start key; a second process on the same DATA_DIR refuses to start', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rj-lock-'))
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }))
  const port = await freePort()
  const first = run({ DATA_DIR: dataDir, PORT: String(port) })
  t.teardown(() => { first.child.kill('SIGKILL') })
  await until(() => first.out.stderr.includes('First start'), 'the first-start line')
  const token = /zoop_uk_[A-Za-z0-9_-]{43}/.exec(first.out.stderr)?.[0]
  t.ok(token, 'the key is on standard error')
  t.equal(first.out.stdout, '', 'nothing at info level reached the log')
  await until(async () => await status(port, token!) === 200, 'the first process to serve')

  const second = run({ DATA_DIR: dataDir, PORT: String(await freePort()) })
  const code = await second.exited
  t.equal(code, 1, 'the second process exits non-zero')
  const lines = second.out.stderr.trim().split('\n')
  t.equal(lines.length, 1, 'with one line')
  t.match(lines[0], new RegExp(`^DATA_DIR .* is in use by process ${first.child.pid} `))
  t.notMatch(second.out.stderr, /First start/, 'and bootstraps nothing')
  t.equal(await status(port, token!), 200, 'the first process keeps serving with its key')
  t.equal(await stop(first.child, first.exited), 0)

  // A lock file left by a process that is gone (SIGKILL) is taken over; the data is still there.
  writeFileSync(join(dataDir, 'recurring-jobs.lock'), '999999\n')
  const port3 = await freePort()
  const third = run({ DATA_DIR: dataDir, PORT: String(port3) })
  t.teardown(() => { third.child.kill('SIGKILL') })
  await until(async () => await status(port3, token!) === 200, 'a restart over a stale lock to serve the same key')
  t.notMatch(third.out.stderr, /First start/)
  t.equal(await stop(third.child, third.exited), 0)
})
