// The SDK's Worker (docs/contract.md §11) across a worker SIGKILL: nothing is lost, and nothing is handled twice.
// "Handled twice" here, as §6/§11 allow it: a worker that dies loses its leases; each lease expires (a failed
// attempt, "timeout") and its execution runs again on another worker, with the next attempt number. So an
// execution may RUN more than once, but only after the run before it lost its lease (never two runs on one
// lease), and its completion is accepted exactly once: the succeeded row carries the last run's result, and no
// run after a completion was accepted. The handlers keep their own record in a file (the killed process cannot
// reach PGlite's in-memory database); the service's side is read in SQL.
import t from 'tap'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/db/connect.js'
import { eachService, enqueue, startService, within, worker } from '../helpers/service.js'
import { childEnv } from '../helpers/child-env.js'

// Bounded: about 10–20 s per engine (the lease, the scheduler's 5 s, the retry's backoff); a hang fails in 60 s waits.
t.setTimeout(180_000)

const EXECUTIONS = 24
/** Runs the child finishes and has acknowledged before the kill; its next 4 (its concurrency) are cut short. */
const QUICK = 8
const CHILD_CONCURRENCY = 4

interface Run { id: string, attempt: number, by: string, ended: boolean }

t.test('Worker', async (t) => {
  await eachService(t, 'nothing is lost or handled twice across a worker SIGKILL', async (t, db) => {
    // Leases of 1 s: the killed worker's expire 1 s after its last heartbeat, the scheduler notices within 5 s, and
    // the retry is claimable after its backoff (2.5–5 s for a first attempt).
    const s = await startService(t, db, { scheduler: true, timeoutSeconds: 1 })
    const dir = mkdtempSync(join(tmpdir(), 'rj-kill-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const record = join(dir, 'record')
    appendFileSync(record, '')
    const ids = await enqueue(s, EXECUTIONS)

    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/worker-child.ts', import.meta.url))], {
      env: childEnv({ ...process.env, BASE_URL: s.url, TOKEN: s.tenant.token, RECORD: record, QUICK: String(QUICK) }),
      stdio: ['pipe', 'pipe', 'inherit']
    })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    t.teardown(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    })
    const completedByChild = new Set<string>()
    const startedByChild = new Set<string>()
    const lines = createInterface({ input: child.stdout! })
    // Killed once the child has had QUICK completions accepted and holds CHILD_CONCURRENCY leases mid-run: its slots
    // are full, so it has no claim in flight either.
    await within(60_000, new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        const [what, id] = line.split(' ')
        if (what === 'completed') completedByChild.add(id!)
        if (what === 'started') startedByChild.add(id!)
        if (completedByChild.size === QUICK && startedByChild.size === QUICK + CHILD_CONCURRENCY) resolve()
      })
    }), 'the child worker reaching the kill point')
    child.kill('SIGKILL')
    await exited
    lines.close()
    t.equal(child.signalCode, 'SIGKILL', 'the child was killed mid-run')

    const completedByUs: string[] = []
    const w = worker(t, s, {
      concurrency: 4,
      handlers: {
        'crm.sync': async ({ execution }) => {
          appendFileSync(record, `start ${execution.id} ${execution.attempt} parent\n`)
          appendFileSync(record, `end ${execution.id} ${execution.attempt} parent\n`)
          return { by: 'parent', attempt: execution.attempt }
        }
      }
    })
    w.on('completed', (e) => completedByUs.push(e.id))
    await w.start()
    const rows = () => queryRows<{ id: string, status: string, attempt: number, worker_id: string | null, result: { by: string, attempt: number } | null }>(
      s.db.database.db, sql`select id::text, status, attempt, worker_id, result from executions where tenant_id = ${s.tenant.tenantId}::uuid order by seq`)
    await within(60_000, (async () => {
      while ((await rows()).some((r) => r.status !== 'succeeded')) await new Promise((resolve) => setTimeout(resolve, 100))
    })(), 'every execution succeeding')
    await w.stop({ graceMs: 1_000 })

    const final = await rows()
    t.strictSame(final.map((r) => r.id).sort(), [...ids].sort(), 'the tenant has exactly the enqueued executions')
    t.strictSame(final.filter((r) => r.status !== 'succeeded'), [], 'nothing lost: every execution succeeded')

    const runs = new Map<string, Run[]>()
    for (const line of readFileSync(record, 'utf8').split('\n').filter(Boolean)) {
      const [what, id, attempt, by] = line.split(' ') as [string, string, string, string]
      const list = runs.get(id) ?? []
      runs.set(id, list)
      if (what === 'start') list.push({ id, attempt: Number(attempt), by, ended: false })
      else list.find((r) => r.attempt === Number(attempt) && r.by === by)!.ended = true
    }
    const problems: string[] = []
    for (const row of final) {
      const list = runs.get(row.id) ?? []
      const last = list[list.length - 1]
      if (last === undefined) { problems.push(`${row.id} succeeded without a run`); continue }
      // One run per lease: the attempts are 1, 2, … in order (a second run on the same lease would repeat one).
      if (list.some((r, i) => r.attempt !== i + 1)) problems.push(`${row.id} ran attempts ${list.map((r) => r.attempt).join(',')}`)
      // A run again only after the killed worker's lease was lost.
      if (list.slice(0, -1).some((r) => r.by !== 'child')) problems.push(`${row.id} ran again after a run by ${list.map((r) => r.by).join(',')}`)
      // The accepted completion is the last run's; none before it was accepted (else nothing could have run after it).
      const by = row.worker_id === 'child' ? 'child' : 'parent'
      if (!last.ended || row.attempt !== last.attempt || row.result?.by !== by || row.result.attempt !== last.attempt || last.by !== by) {
        problems.push(`${row.id}: row (attempt ${row.attempt}, ${row.worker_id ?? 'no worker'}, result ${JSON.stringify(row.result)}) is not its last run (${JSON.stringify(last)})`)
      }
    }
    t.strictSame(problems, [], 'one run per lease, re-runs only after the lease was lost, the last run\'s completion accepted')

    const runCounts = [...runs.values()].map((l) => l.length)
    t.equal(runCounts.filter((n) => n === 2).length, CHILD_CONCURRENCY, 'the executions the child held when killed ran again, once each')
    t.equal(runCounts.filter((n) => n > 2).length, 0, 'none ran a third time')
    t.equal([...runs.values()].filter((l) => l.length === 2 && l[0]!.ended).length, CHILD_CONCURRENCY / 2,
      'among them, the runs that had finished their work but were not acknowledged when the child died')
    t.equal(final.filter((r) => r.worker_id === 'child').length, QUICK, 'the child\'s accepted completions: its quick runs')
    t.strictSame(final.filter((r) => r.worker_id === 'child').map((r) => r.id).sort(), [...completedByChild].sort(), 'exactly the ones it reported')
    t.equal(completedByUs.length, EXECUTIONS - QUICK, 'the second worker completed the rest')
    t.equal(new Set([...completedByUs, ...completedByChild]).size, EXECUTIONS, 'no execution completed twice, by either worker')
  })
})
