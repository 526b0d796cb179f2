// Start-up failures of the real process (docs/contract.md §10 "Configuration"): a bad variable is refused at once with
// one line and exit code 2, no stack; a database that cannot be reached is retried with one line per attempt saying
// why, and the process exits 1 with that reason after STARTUP_TIMEOUT_SECONDS.
import t, { type Test } from 'tap'
import { postgresUrl } from './helpers/db.js'
import { spawnMain } from './helpers/main-process.js'

interface Exit { code: number | null, lines: string[], ms: number }

/** Runs src/main.ts to its exit (killed by the test's teardown, or after 60 s, whatever happens). */
async function run (t: Test, env: Record<string, string>): Promise<Exit> {
  const started = Date.now()
  const { child, kill } = spawnMain(t, env)
  const timer = setTimeout(kill, 60_000)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  clearTimeout(timer)
  return { code, lines: output.split('\n').filter((l) => l !== ''), ms: Date.now() - started }
}

for (const [name, value, message] of [
  ['PORT', 'true', 'PORT="true": must be a whole number from 0 to 65535 in decimal digits'],
  ['PORT', '1.5', 'PORT="1.5": must be a whole number from 0 to 65535 in decimal digits'],
  ['PORT', '0x5A7D', 'PORT="0x5A7D": must be a whole number from 0 to 65535 in decimal digits'],
  ['DATABASE_URL', 'garbage', 'DATABASE_URL="garbage": must be postgres://…, postgresql://… or memory://']
] as const) {
  t.test(`${name}=${value} is refused at once: one line, exit code 2`, async (t) => {
    const exit = await run(t, { [name]: value })
    t.equal(exit.code, 2)
    t.strictSame(exit.lines, [`invalid configuration: ${message}`], 'one line, no stack')
    t.ok(exit.ms < 15_000, `exited after ${exit.ms} ms (node and tsx start-up included)`)
  })
}

const ATTEMPT = /^database unreachable \(attempt (\d+), (\d+\.\d) s\): (.+); (retrying|giving up after STARTUP_TIMEOUT_SECONDS=3)$/

async function unreachable (t: Test, url: string, reason: string | RegExp): Promise<void> {
  const exit = await run(t, { DATABASE_URL: url, STARTUP_TIMEOUT_SECONDS: '3' })
  t.equal(exit.code, 1, 'exits non-zero')
  t.ok(exit.lines.length >= 2, `one line per attempt (${exit.lines.length} attempts)`)
  exit.lines.forEach((line, i) => {
    const m = ATTEMPT.exec(line)
    t.ok(m, `line ${i + 1} has the attempt's shape: ${line}`)
    if (m === null) return
    t.equal(Number(m[1]), i + 1, 'attempts are numbered')
    if (typeof reason === 'string') t.equal(m[3], reason, `line ${i + 1} says why`)
    else t.match(m[3], reason, `line ${i + 1} says why`)
    t.equal(m[4], i === exit.lines.length - 1 ? 'giving up after STARTUP_TIMEOUT_SECONDS=3' : 'retrying')
    if (i === exit.lines.length - 1) t.ok(Number(m[2]) >= 3 && Number(m[2]) < 6, `gives up after 3 s (${m[2]} s)`)
  })
  t.notOk(exit.lines.some((l) => /^\s+at |Failed query/.test(l)), 'no stack, no SQL')
}

t.test('a host that refuses connections: host unreachable', async (t) => {
  await unreachable(t, 'postgres://postgres@127.0.0.1:1/x', 'host unreachable (connect ECONNREFUSED 127.0.0.1:1)')
})

t.test('a database that does not exist on a reachable server', { skip: postgresUrl === undefined && 'TEST_DATABASE_URL is not set' }, async (t) => {
  const url = new URL(postgresUrl!)
  const name = `${decodeURIComponent(url.pathname.slice(1)) || 'postgres'}_does_not_exist`
  url.pathname = `/${name}`
  await unreachable(t, url.toString(), `database does not exist (database "${name}" does not exist)`)
})

t.test('a role the server does not know: authentication failed', { skip: postgresUrl === undefined && 'TEST_DATABASE_URL is not set' }, async (t) => {
  const url = new URL(postgresUrl!)
  url.username = 'recurring_jobs_no_such_role'
  url.password = 'x'
  // The words depend on the server's pg_hba.conf: `role … does not exist` (trust) or `password authentication failed`.
  await unreachable(t, url.toString(), /^authentication failed \((role "recurring_jobs_no_such_role" does not exist|password authentication failed for user "recurring_jobs_no_such_role")\)$/)
})
