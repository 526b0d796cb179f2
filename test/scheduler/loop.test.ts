// The scheduler loop driven by a ManualClock: it sleeps until the earliest next_run_at (never more than 5 s),
// wakes early on a wake-up message, survives failing ticks with backoff, runs tasks, and stops cleanly.
// Nothing here sleeps for real: the test moves the clock and waits for the loop to be asleep again.
import { sql } from 'drizzle-orm'
import type { Test } from 'tap'
import t from 'tap'
import { queryRows, type Database } from '../../src/db/connect.js'
import { appEventsOf } from '../../src/plugins/execution-metrics.js'
import { AppEvents, type TickSummary } from '../../src/events.js'
import { loopRetryDelayMs, SchedulerLoop, type LoopOptions } from '../../src/scheduler/loop.js'
import { tickStore, type TickStore } from '../../src/scheduler/store.js'
import type { SchedulerTask } from '../../src/scheduler/task.js'
import { RECURRING_JOBS_CHANGED } from '../../src/scheduler/wakeups.js'
import { ManualClock } from '../../src/time/clock.js'
import { buildTestApp, eachApp, type TestApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { insertSchedule, readExecutions } from '../helpers/schedules.js'

/** A ManualClock that remembers how long each sleep was asked to be. */
class RecordingClock extends ManualClock {
  readonly sleeps: number[] = []
  override sleep (ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    return super.sleep(ms, signal)
  }
}

interface LogLine { level: string, obj: object, msg: string | undefined }

function memoryLog () {
  const lines: LogLine[] = []
  const at = (level: string) => (obj: object, msg?: string) => { lines.push({ level, obj, msg }) }
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } }
}

/** Resolves once the loop is asleep on the clock (one event-loop turn at a time; no timers). */
async function untilSleeping (clock: ManualClock): Promise<void> {
  while (clock.sleeping === 0) await new Promise((resolve) => setImmediate(resolve))
}

/** Moves the clock (waking the loop when its sleep is over) and waits until it sleeps again. */
async function moveTo (clock: ManualClock, to: string | Date): Promise<void> {
  clock.set(to)
  await untilSleeping(clock)
}

function startLoop (t: Test, ctx: TestApp, clock: ManualClock, options: LoopOptions & { store?: TickStore } = {}) {
  const events = new AppEvents()
  const { lines, log } = memoryLog()
  const loop = new SchedulerLoop({
    database: ctx.db.database, clock, config: { executionRetentionDays: 14 }, events, log, store: options.store, random: () => 0.5
  }, options)
  t.teardown(() => loop.stop())
  const ticks: TickSummary[] = []
  events.on('tick:done', (s) => ticks.push(s))
  loop.start()
  return { loop, events, lines, ticks }
}

t.test('the loop enqueues each occurrence at its time and sleeps until the next one, at most 5 s', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const clock = new RecordingClock('2026-03-24T15:00:00Z')
    const tenant = await createTenant(ctx.app)
    await insertSchedule(ctx.db.database.db, tenant.tenantId, { id: 'rjob_m', cron: '* * * * *' }, clock.now())
    const { ticks } = startLoop(t, ctx, clock)
    await untilSleeping(clock)
    t.equal(ticks.length, 1, 'ticked at start')
    t.equal(clock.sleeps.at(-1), 5000, 'the next occurrence is 60 s away: it sleeps the 5 s bound')
    await moveTo(clock, '2026-03-24T15:00:05Z')
    t.equal(ticks.length, 2, 'and ticks again after 5 s')
    await moveTo(clock, '2026-03-24T15:00:58Z')
    t.equal(clock.sleeps.at(-1), 2000, 'then sleeps exactly until 15:01:00')
    await moveTo(clock, '2026-03-24T15:01:00Z')
    t.strictSame((await readExecutions(ctx.db.database.db, tenant.tenantId)).map((e) => [e.scheduled_for, e.enqueued_at]),
      [['2026-03-24T15:01:00Z', '2026-03-24T15:01:00Z']], 'enqueued at its time')
    t.equal(clock.sleeps.at(-1), 5000)
  })
})

t.test('a wake-up message ends the sleep early', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const clock = new RecordingClock('2026-03-24T15:00:00Z')
    const tenant = await createTenant(ctx.app)
    const { ticks } = startLoop(t, ctx, clock)
    await untilSleeping(clock)
    t.equal(clock.sleeps.at(-1), 5000, 'nothing scheduled: the bounded sleep')
    // A schedule saved now, due now; the API then notifies (on PostgreSQL through LISTEN/NOTIFY).
    await insertSchedule(ctx.db.database.db, tenant.tenantId, { id: 'rjob_now', cron: '* * * * *', nextRunAt: clock.now() }, clock.now())
    const woken = new Promise<TickSummary>((resolve) => {
      const before = ticks.length
      const check = setInterval(() => { if (ticks.length > before) { clearInterval(check); resolve(ticks.at(-1)!) } }, 1)
    })
    await ctx.db.database.notify(RECURRING_JOBS_CHANGED)
    const summary = await woken
    t.equal(summary.enqueued, 1, 'enqueued without the clock moving')
    t.equal(clock.now().toISOString(), '2026-03-24T15:00:00.000Z')
  })
})

t.test('a failing tick is logged and retried with capped exponential backoff; the loop survives', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const clock = new RecordingClock('2026-03-24T15:00:00Z')
    const tenant = await createTenant(ctx.app)
    await insertSchedule(ctx.db.database.db, tenant.tenantId, { id: 'rjob_m', cron: '* * * * *', nextRunAt: clock.now() }, clock.now())
    // The first three ticks fail, whatever number of batches each one runs.
    const failed: number[] = []
    const store: TickStore = {
      ...tickStore,
      async lockDueSchedules (tx, now, limit) {
        if (failed.length < 3) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
        return tickStore.lockDueSchedules(tx, now, limit)
      }
    }
    const { lines, ticks, events } = startLoop(t, ctx, clock, { store })
    events.on('tick:failed', (e) => failed.push(e.retryInMs))
    await untilSleeping(clock)
    t.equal(clock.sleeps.at(-1), 188, 'first retry: 250 ms × 0.75 (jitter pinned at 0.5)')
    await moveTo(clock, new Date(clock.now().getTime() + 188))
    t.equal(clock.sleeps.at(-1), 375)
    await moveTo(clock, new Date(clock.now().getTime() + 375))
    t.equal(clock.sleeps.at(-1), 750)
    t.equal(ticks.length, 0)
    await moveTo(clock, new Date(clock.now().getTime() + 750))
    t.equal(ticks.length, 1, 'the fourth attempt succeeds')
    t.equal(ticks[0]!.enqueued, 1)
    t.strictSame(failed, [188, 375, 750])
    t.equal(lines.filter((l) => l.level === 'error').length, 3, 'each failure logged')
    t.equal(loopRetryDelayMs(1, 0), 125)
    t.equal(loopRetryDelayMs(1, 1), 250)
    t.equal(loopRetryDelayMs(30, 1), 10_000, 'capped at 10 s')
  })
})

t.test('stop aborts the sleep, awaits the tick in progress, and nothing runs afterwards', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const clock = new RecordingClock('2026-03-24T15:00:00Z')
    // Every batch of the tick (several at once on PostgreSQL) waits until released.
    const waiting: Array<() => void> = []
    let entered = () => {}
    const inTick = new Promise<void>((resolve) => { entered = resolve })
    let blocking = false
    const store: TickStore = {
      ...tickStore,
      async lockDueSchedules (tx, now, limit) {
        if (blocking) {
          entered()
          await new Promise<void>((resolve) => { waiting.push(resolve) })
        }
        return tickStore.lockDueSchedules(tx, now, limit)
      }
    }
    const { loop, ticks } = startLoop(t, ctx, clock, { store })
    await untilSleeping(clock)
    blocking = true
    clock.advance(5000)
    await inTick
    let stopped = false
    const stopping = loop.stop().then(() => { stopped = true })
    await new Promise((resolve) => setImmediate(resolve))
    t.notOk(stopped, 'stop waits for the tick in progress')
    blocking = false
    for (const release of waiting) release()
    await stopping
    t.equal(ticks.length, 2, 'the tick in progress finished')
    t.equal(clock.sleeping, 0, 'and the loop did not go back to sleep')
    t.notOk(loop.running)
  })
})

t.test('tasks run at their interval, again soon after a full batch, and a failing task stops nothing', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const clock = new RecordingClock('2026-03-24T15:00:00Z')
    const runs: Array<[string, string]> = []
    let batches = 2
    const windows: SchedulerTask = {
      name: 'windows',
      intervalMs: 60_000,
      async run (now) { runs.push(['windows', now.toISOString()]); return batches-- > 0 ? 100 : 0 }
    }
    const broken: SchedulerTask = {
      name: 'broken',
      intervalMs: 30_000,
      async run (now) { runs.push(['broken', now.toISOString()]); throw new Error('task bug') }
    }
    const { lines, events } = startLoop(t, ctx, clock, { tasks: [broken, windows] })
    const taskFailures: string[] = []
    events.on('task:failed', (e) => taskFailures.push(e.task))
    await untilSleeping(clock)
    t.equal(clock.sleeps.at(-1), 250, 'windows handled a batch: called again in 250 ms')
    await moveTo(clock, '2026-03-24T15:00:00.250Z')
    await moveTo(clock, '2026-03-24T15:00:00.500Z')
    t.equal(clock.sleeps.at(-1), 5000, 'windows is done for now')
    await moveTo(clock, '2026-03-24T15:00:30Z')
    await moveTo(clock, '2026-03-24T15:01:00.500Z')
    t.strictSame(runs, [
      ['broken', '2026-03-24T15:00:00.000Z'],
      ['windows', '2026-03-24T15:00:00.000Z'],
      ['windows', '2026-03-24T15:00:00.250Z'],
      ['windows', '2026-03-24T15:00:00.500Z'],
      ['broken', '2026-03-24T15:00:30.000Z'],
      ['broken', '2026-03-24T15:01:00.500Z'],
      ['windows', '2026-03-24T15:01:00.500Z']
    ])
    t.strictSame(taskFailures, ['broken', 'broken', 'broken'])
    t.equal(lines.filter((l) => l.level === 'error' && (l.obj as { task?: string }).task === 'broken').length, 3)
  })
})

t.test('SCHEDULER=on starts the loop with the app and notices an expired lease within 5 s', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const events = appEventsOf(app)
    await untilSleeping(clock)
    t.equal(clock.sleeping, 1, 'the loop started on ready and sleeps')
    const tenant = await createTenant(app)
    await insertSchedule(db.database.db, tenant.tenantId, { id: 'rjob_m', cron: '* * * * *', timeoutSeconds: 30 }, clock.now())
    await moveTo(clock, '2026-03-24T15:01:00Z')
    const claim = await app.inject({ method: 'POST', url: '/v1/executions/claim', headers: tenant.headers, payload: { worker_id: 'w1' } })
    t.equal(claim.json().data[0].lease_expires_at, '2026-03-24T15:01:30Z')
    const expired: string[] = []
    events.on('lease:expired', (e) => expired.push(e.executionId))
    // The loop sleeps at most 5 s: by 15:01:35 the lease that ended at 15:01:30 has been expired.
    for (let s = 5; s <= 35; s += 5) await moveTo(clock, new Date(Date.parse('2026-03-24T15:01:00Z') + s * 1000))
    t.strictSame(expired, [claim.json().data[0].id])
    const [row] = await queryRows<{ status: string, last_error: string }>(db.database.db, sql`select status, last_error from executions where id = ${claim.json().data[0].id}`)
    t.strictSame({ ...row }, { status: 'queued', last_error: 'timeout' })
  }, { env: { SCHEDULER: 'on' } })
})

t.test('closing the app stops its loop', async (t) => {
  const ctx = await buildTestApp(t, 'pglite', { env: { SCHEDULER: 'on' } })
  await untilSleeping(ctx.clock)
  await ctx.app.close()
  t.equal(ctx.clock.sleeping, 0, 'the sleep was aborted')
})

/**
 * A database that refuses every call at once, as an unreachable server does. (A real postgres.js pool to a
 * closed port also refuses, but only after its own reconnect backoff, which grows to 20 s.)
 */
function unreachableDatabase (): Database {
  const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
  // Any chain of builder calls (db.select().from()…, db.transaction(fn)) ends in a rejected promise.
  const chain: any = new Proxy(function () {}, {
    get: (_target, prop) => prop === 'then' ? (_resolve: unknown, reject: (e: unknown) => void) => reject(refused()) : chain,
    apply: () => chain
  })
  return {
    kind: 'postgres',
    db: chain,
    supports: { listenNotify: true, concurrentConnections: true },
    listen: async () => { throw refused() },
    notify: async () => { throw refused() },
    close: async () => {}
  }
}

t.test('an unreachable database never crashes the loop: it logs, backs off, and stops cleanly', async (t) => {
  const clock = new RecordingClock('2026-03-24T15:00:00Z')
  const events = new AppEvents()
  const { lines, log } = memoryLog()
  const loop = new SchedulerLoop({ database: unreachableDatabase(), clock, config: { executionRetentionDays: 14 }, events, log, random: () => 1 })
  const failures: number[] = []
  events.on('tick:failed', (e) => failures.push(e.consecutiveFailures))
  loop.start()
  for (const wait of [250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]) {
    await untilSleeping(clock)
    t.equal(clock.sleeps.at(-1), wait, `retry in ${wait} ms`)
    clock.advance(wait)
  }
  await untilSleeping(clock)
  t.strictSame(failures, [1, 2, 3, 4, 5, 6, 7, 8, 9])
  t.equal(lines.filter((l) => l.level === 'warn' && /wake-ups/.test(l.msg ?? '')).length, 9, 'cannot listen: logged each time, not fatal')
  t.equal(lines.filter((l) => l.level === 'error').length, 9)
  await loop.stop()
  t.notOk(loop.running)
})
