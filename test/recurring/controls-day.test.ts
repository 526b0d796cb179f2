// The occurrence ledger (docs/contract.md §13) through one whole day, for four schedules with different policies (§12),
// run by two service instances on one database and one injected clock, on both engines. The day has a downtime
// (05:00–08:29), a paused hour (12:00–13:00), a run that overlaps the next occurrence (15:00 runs until 17:00)
// and backfills at the end. Every occurrence of the day appears in the ledger exactly once, with the outcome the
// policies give it, and every execution stands for exactly the occurrences the ledger names it for.
import type { Test } from 'tap'
import t from 'tap'
import { eachApp, type TestApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { api, secondInstance, tick, type Api, type Json } from './controls-client.js'

const hour = (h: number) => `2026-03-24T${String(h).padStart(2, '0')}:00:00Z`
const hh = (iso: string) => iso.slice(11, 13)
const END = '2026-03-25T01:00:00Z'

const SCHEDULES: Record<string, Json> = {
  rjob_skip: { overlap_policy: 'skip' },
  rjob_buffer: { overlap_policy: 'buffer_one', misfire_policy: 'all', misfire_threshold_seconds: 600 },
  rjob_replace: { overlap_policy: 'replace', misfire_policy: 'skip', misfire_threshold_seconds: 600 },
  rjob_allow: { misfire_policy: 'all', misfire_threshold_seconds: 600, starts_at: '2026-03-24T01:30:00Z', ends_at: '2026-03-24T22:30:00Z' }
}

/** The ledger of [00:00, next day 01:00) as `HH outcome` (00:00 of the creation is not an occurrence of it). */
async function ledgerOf (c: Api, id: string): Promise<Json[]> {
  const page = await c.ledger(id, hour(0), END)
  return page.data as Json[]
}

const lines = (ledger: Json[]) => ledger.map((o) => `${hh(o.scheduled_for)} ${o.outcome}`)

/** Each occurrence after the creation exactly once, in order; each execution names exactly the occurrences it stands for. */
async function accountsForEverything (t: Test, c: Api, id: string, ledger: Json[]): Promise<void> {
  const expected = [...Array.from({ length: 23 }, (_, i) => hour(i + 1)), '2026-03-25T00:00:00Z']
  t.strictSame(ledger.map((o) => o.scheduled_for), expected, `${id}: every occurrence of the day, none missing, none twice`)
  const named = new Map<string, string[]>()
  for (const o of ledger) if (o.execution_id !== undefined) named.set(o.execution_id, [...(named.get(o.execution_id) ?? []), o.scheduled_for])
  const executions = (await c.executions(id)).filter((e) => e.trigger !== 'manual')
  const standsFor = new Map(executions.map((e) => [e.id as string, expected.filter((o) => o >= e.scheduled_for && o <= e.covers_until)]))
  t.strictSame(Object.fromEntries(named), Object.fromEntries(standsFor), `${id}: the ledger names each execution for exactly its occurrences`)
  for (const o of ledger) {
    if (o.execution_id === undefined) continue
    const e = executions.find((x) => x.id === o.execution_id)!
    t.equal(o.execution_status, e.status, `${id} ${hh(o.scheduled_for)}: execution_status is the execution's`)
  }
}

t.test('a day with downtime, a paused hour, an overlap and backfills: every occurrence of four schedules accounted for', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const tenant = await createTenant(ctx.app)
    const other = await secondInstance(t, ctx)
    const instances: Array<{ ctx: TestApp, c: Api }> = [{ ctx, c: api(ctx.app, tenant) }, { ctx: other, c: api(other.app, tenant) }]
    const [a, b] = [instances[0]!.c, instances[1]!.c]
    ctx.clock.set(hour(0))
    for (const [id, controls] of Object.entries(SCHEDULES)) {
      t.equal((await a.put(id, { job_type: id, cron_expression: '0 * * * *', timeout_seconds: 10800, ...controls })).statusCode, 200)
    }
    /** Workers on both instances: everything claimable runs and succeeds at once, except the 15:00 runs (held). */
    const work = async (h: number) => {
      for (let turn = 0; ; turn++) {
        const c = instances[turn % 2]!.c
        const claimed = await c.claim(`w${turn % 2}`, 100)
        if (claimed.length === 0) return
        for (const e of claimed) if (e.scheduled_for !== hour(15) || h >= 17) await c.complete(e.id, `w${turn % 2}`)
      }
    }
    const held: Json[] = []
    for (let h = 1; h < 24; h++) {
      if (h >= 5 && h <= 7) continue //                                  no instance runs 05:00–08:29
      ctx.clock.set(h === 8 ? '2026-03-24T08:30:00Z' : hour(h))
      // Each is paused 12:00–13:00, through either instance.
      if (h === 12) for (const [i, id] of Object.keys(SCHEDULES).entries()) await instances[i % 2]!.c.patch(id, { enabled: false, pause_note: 'lunch' })
      if (h === 13) for (const [i, id] of Object.keys(SCHEDULES).entries()) await instances[(i + 1) % 2]!.c.patch(id, { enabled: true })
      if (h === 17) {
        // The 15:00 runs end now (the replaced one's worker is told 409: it was replaced at 16:00).
        for (const e of held) t.equal((await a.complete(e.id, e.worker_id)).statusCode, e.recurring_id === 'rjob_replace' ? 409 : 200, `${e.recurring_id} 15:00 ends`)
      }
      // Both instances tick at once; SKIP LOCKED shares the due schedules between them.
      await Promise.all(instances.map((i) => tick(i.ctx, i.ctx.db.database)))
      await work(h)
      if (h === 15) {
        for (const c of [a, b]) {
          for (const id of Object.keys(SCHEDULES)) held.push(...(await c.executions(id)).filter((e) => e.scheduled_for === hour(15) && e.status === 'running' && !held.some((x) => x.id === e.id)))
        }
        t.equal(held.length, 4, 'the four 15:00 runs are held')
      }
    }

    ctx.clock.set('2026-03-24T23:30:00Z')
    const before: Record<string, string[]> = {}
    for (const id of Object.keys(SCHEDULES)) before[id] = lines(await ledgerOf(a, id))
    const common = ['09 enqueued', '10 enqueued', '11 enqueued']
    const tail = ['17 enqueued', '18 enqueued', '19 enqueued', '20 enqueued', '21 enqueued', '22 enqueued']
    t.strictSame(before.rjob_skip, [
      '01 enqueued', '02 enqueued', '03 enqueued', '04 enqueued',
      '05 enqueued', '06 coalesced', '07 coalesced', '08 coalesced', //       the downtime: one execution stands for four
      ...common, '12 skipped_paused', '13 skipped_paused', //                 re-enabling never catches up
      '14 enqueued', '15 enqueued', '16 skipped_overlap', ...tail, '23 enqueued', '00 upcoming'
    ], 'skip + coalesce')
    t.strictSame(before.rjob_buffer, [
      '01 enqueued', '02 enqueued', '03 enqueued', '04 enqueued',
      '05 enqueued', '06 enqueued', '07 skipped_overlap', '08 skipped_overlap', // all: one each; buffer_one: one waits, the rest skipped
      ...common, '12 skipped_paused', '13 skipped_paused',
      '14 enqueued', '15 enqueued', '16 enqueued', ...tail, '23 enqueued', '00 upcoming' //      16:00 waited behind 15:00
    ], 'buffer_one + all')
    t.strictSame(before.rjob_replace, [
      '01 enqueued', '02 enqueued', '03 enqueued', '04 enqueued',
      '05 skipped_misfire', '06 skipped_misfire', '07 skipped_misfire', '08 skipped_misfire',
      ...common, '12 skipped_paused', '13 skipped_paused',
      '14 enqueued', '15 enqueued', '16 enqueued', ...tail, '23 enqueued', '00 upcoming' //      15:00 was replaced by 16:00
    ], 'replace + misfire skip')
    t.strictSame(before.rjob_allow, [
      '01 before_start', '02 enqueued', '03 enqueued', '04 enqueued',
      '05 enqueued', '06 enqueued', '07 enqueued', '08 enqueued',
      ...common, '12 skipped_paused', '13 skipped_paused',
      '14 enqueued', '15 enqueued', '16 enqueued', ...tail, '23 after_end', '00 after_end'
    ], 'allow + all, with starts_at and ends_at')
    t.match((await a.get('rjob_allow')).json(), { state: 'ended', next_run_at: null })
    t.match((await a.executions('rjob_replace')).find((e) => e.scheduled_for === hour(15)), { status: 'failed', last_error: 'replaced' })

    // Backfills: each occurrence without an execution gets one, once.
    const fills: Array<[string, number, number, number]> = [['rjob_skip', 16, 17, 1], ['rjob_buffer', 7, 9, 2], ['rjob_replace', 5, 9, 4], ['rjob_allow', 12, 14, 2]]
    for (const [id, from, to, n] of fills) {
      const body = { from: hour(from), to: hour(to) }
      t.strictSame((await b.backfill(id, { ...body, dry_run: true })).json(), { occurrences: to - from, enqueued: n, already_present: to - from - n }, `${id} dry run`)
      t.strictSame((await b.backfill(id, body)).json(), { occurrences: to - from, enqueued: n, already_present: to - from - n }, `${id} backfill`)
      t.strictSame((await a.backfill(id, body)).json(), { occurrences: to - from, enqueued: 0, already_present: to - from }, `${id} backfill again: idempotent`)
    }
    // Two instances backfilling the same window at once still enqueue each occurrence once.
    const twice = await Promise.all([a.backfill('rjob_skip', { from: hour(12), to: hour(14) }), b.backfill('rjob_skip', { from: hour(12), to: hour(14) })])
    t.strictSame(twice.map((r) => r.json().enqueued).sort(), [0, 2])

    const backfilled: Record<string, string[]> = { rjob_skip: ['12', '13', '16'], rjob_buffer: ['07', '08'], rjob_replace: ['05', '06', '07', '08'], rjob_allow: ['12', '13'] }
    for (const id of Object.keys(SCHEDULES)) {
      const ledger = await ledgerOf(b, id)
      const expected = before[id]!.map((line) => backfilled[id]!.includes(line.slice(0, 2)) ? `${line.slice(0, 2)} enqueued` : line)
      t.strictSame(lines(ledger), expected, `${id}: the backfilled occurrences are enqueued now, the rest unchanged`)
      await accountsForEverything(t, b, id, ledger)
      const triggers = (await b.executions(id)).filter((e) => e.trigger === 'backfill').map((e) => hh(e.scheduled_for)).sort()
      t.strictSame(triggers, backfilled[id], `${id}: trigger backfill on exactly those`)
    }
  })
})
