// The window task and the window's edge cases (docs/contract.md §7): windows extend as days pass, idempotently; a failed
// first generation is picked up by the task; one live instance per date under concurrency; DST midnights.
import { sql } from 'drizzle-orm'
import t from 'tap'
import type { Principal } from '../../src/auth/scopes.js'
import { queryRows } from '../../src/db/connect.js'
import { SeriesService } from '../../src/series/service.js'
import { seriesWindowTask } from '../../src/series/window-task.js'
import { eachApp, type TestApp } from '../helpers/app.js'
import { allJobs, dates, live, rest, seriesTenant, type SeriesTenant } from './fixtures.js'

const env = { GENERATION_HORIZON_DAYS: '10' }
const DAY = 86_400_000

function principalOf (tenant: SeriesTenant): Principal {
  return { tenantId: tenant.tenantId, keyId: tenant.keyId, kind: 'user', userId: tenant.memberId, scopes: new Set(['read:job_series', 'write:job_series', 'read:jobs', 'write:jobs']) }
}

function task ({ config, db, clock }: TestApp, batch?: number) {
  return seriesWindowTask({ config, database: db.database, clock }, batch === undefined ? {} : { batch })
}

/** A service whose window generation always fails: what a transient database error after the commit looks like. */
function failingService ({ config, db, clock }: TestApp): SeriesService {
  return new SeriesService(db.database.db, clock, config.generationHorizonDays, {
    beforeGenerate: () => { throw new Error('injected generation failure') }
  })
}

t.test('the window task extends windows as the clock advances, idempotently', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock } = ctx
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const dailyUtc = (await api.post('/v1/job_series', { title: 'UTC daily', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' })).body
    const weekly = (await api.post('/v1/job_series', { title: 'LA Mondays', rrule: 'FREQ=WEEKLY;BYDAY=MO', timezone: 'America/Los_Angeles', dtstart: '2026-03-24' })).body
    const counted = (await api.post('/v1/job_series', { title: 'Five days', rrule: 'FREQ=DAILY;COUNT=5', timezone: 'UTC', dtstart: '2026-03-24' })).body
    t.equal((await allJobs(app, tenant.headers, dailyUtc.id)).length, 11)
    t.strictSame(dates(await allJobs(app, tenant.headers, weekly.id)), ['2026-03-30'])

    t.equal(await task(ctx).run(clock.now()), 0, 'nothing is due on the day of creation')

    clock.advance(DAY) // 2026-03-25T15:00:00Z
    t.equal(await task(ctx).run(clock.now()), 2, 'the two open-ended series are due; the exhausted one is not')
    t.equal(await task(ctx).run(clock.now()), 0, 'a second run finds nothing to do')
    let utcJobs = await allJobs(app, tenant.headers, dailyUtc.id)
    t.equal(utcJobs.length, 12)
    t.equal(utcJobs.at(-1).occurrence_date, '2026-04-04')

    clock.advance(7 * DAY) // 2026-04-01T15:00:00Z, Los Angeles 08:00
    t.equal(await task(ctx).run(clock.now()), 2)
    utcJobs = await allJobs(app, tenant.headers, dailyUtc.id)
    t.equal(utcJobs.length, 19, 'missed days are filled in one run')
    t.strictSame(dates(utcJobs).slice(-2), ['2026-04-10', '2026-04-11'])
    t.strictSame(dates(await allJobs(app, tenant.headers, weekly.id)), ['2026-03-30', '2026-04-06'])
    t.equal((await allJobs(app, tenant.headers, counted.id)).length, 5)

    // Running the window twice over the same day creates nothing twice.
    const rows = await queryRows<{ n: number }>(ctx.db.database.db, sql`select count(*)::int as n from jobs`)
    await task(ctx).run(clock.now())
    await task(ctx).run(clock.now())
    t.equal((await queryRows<{ n: number }>(ctx.db.database.db, sql`select count(*)::int as n from jobs`))[0]!.n, rows[0]!.n)
  }, { env })
})

t.test('a failed first generation leaves the series; the window task generates it', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock } = ctx
    const tenant = await seriesTenant(app)
    const failing = failingService(ctx)
    const created = await failing.create(principalOf(tenant), { title: 'Created while the database hiccuped', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' })
    t.equal(created.generationDueAt?.toISOString(), '2026-03-24T15:00:00.000Z', 'due now')
    const got = await rest(app, tenant.headers).get(`/v1/job_series/${created.id}`)
    t.equal(got.status, 200, 'the series exists')
    t.equal((await allJobs(app, tenant.headers, created.id)).length, 0)

    clock.advance(5_000)
    t.equal(await task(ctx).run(clock.now()), 1)
    const jobs = await allJobs(app, tenant.headers, created.id)
    t.strictSame([jobs.length, jobs[0].occurrence_date, jobs.at(-1).occurrence_date], [11, '2026-03-24', '2026-04-03'])
    t.equal(await task(ctx).run(clock.now()), 0)

    // The same after an update: the template is saved and pending instances are cancelled at once, the new
    // window comes with the task.
    await failing.update(principalOf(tenant), created.id, { title: 'Renamed' })
    let after = await allJobs(app, tenant.headers, created.id)
    t.equal(live(after).length, 1, 'only 03-24 (started before now) is live until the task runs')
    t.equal(await task(ctx).run(clock.now()), 1)
    after = await allJobs(app, tenant.headers, created.id)
    t.equal(live(after).length, 11)
    t.strictSame([...new Set(live(after).slice(1).map((j) => j.title))], ['Renamed'])
  }, { env })
})

t.test('two window tasks at once never create a second live instance for a date', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await seriesTenant(app)
    const failing = failingService(ctx)
    for (let i = 0; i < 12; i++) {
      await failing.create(principalOf(tenant), { title: `S${i}`, rrule: 'FREQ=DAILY', timezone: 'America/New_York', dtstart: '2026-03-24' })
    }
    clock.advance(1000)
    const handled = await Promise.all([task(ctx, 5).run(clock.now()), task(ctx, 5).run(clock.now()), task(ctx).run(clock.now())])
    t.ok(handled.reduce((a, b) => a + b, 0) >= 12, `handled ${handled.join('+')}`)
    while (await task(ctx).run(clock.now()) > 0);
    const duplicates = await queryRows(db.database.db, sql`
      select series_id, occurrence_date, count(*) from jobs
      where cancel_reason is null or cancel_reason = 'user'
      group by series_id, occurrence_date having count(*) > 1`)
    t.equal(duplicates.length, 0, 'no date holds two live instances')
    const total = await queryRows<{ n: number }>(db.database.db, sql`select count(*)::int as n from jobs`)
    t.equal(total[0]!.n, 12 * 11)
    // The database itself refuses a second live instance.
    const [one] = await queryRows<{ series_id: string, occurrence_date: string }>(db.database.db, sql`select series_id, occurrence_date::text from jobs limit 1`)
    await t.rejects(db.database.db.execute(sql`insert into jobs (tenant_id, series_id, occurrence_date, title, status, scheduled_start, total)
      values (${tenant.tenantId}, ${one!.series_id}, ${one!.occurrence_date}, 'dup', 'scheduled', now(), 0)`))
  }, { env })
})

t.test('a series whose window cannot be generated is postponed and never blocks the others', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock, db } = ctx
    const tenant = await seriesTenant(app)
    const failing = failingService(ctx)
    const healthy = await failing.create(principalOf(tenant), { title: 'Healthy', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' })
    // A zone this runtime no longer knows (stored before a tzdata change, say): its expansion throws.
    const [broken] = await queryRows<{ id: string }>(db.database.db, sql`
      insert into job_series (tenant_id, title, rrule, timezone, dtstart, created_by, generation_due_at, created_at)
      values (${tenant.tenantId}, 'Broken', 'FREQ=DAILY', 'Mars/Olympus_Mons', '2026-03-24', ${tenant.memberId}, ${clock.now().toISOString()}::timestamptz, now())
      returning id`)
    const errors: string[] = []
    const service = new SeriesService(db.database.db, clock, ctx.config.generationHorizonDays, { onGenerationError: (_error, id) => { errors.push(id) } })
    clock.advance(1000)
    t.equal(await service.generateDue(clock.now(), 200), 2)
    t.strictSame(errors, [broken!.id], 'the failure is reported')
    t.equal((await allJobs(app, tenant.headers, healthy.id)).length, 11, 'the healthy series got its window')
    const [due] = await queryRows<{ due: string }>(db.database.db, sql`select to_char(generation_due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as due from job_series where id = ${broken!.id}`)
    t.equal(due!.due, '2026-03-24T15:10:01', 'retried ten minutes later')
    t.equal(await service.generateDue(clock.now(), 200), 0, 'nothing is due until then')
  }, { env })
})

t.test('DST: scheduled_start is local midnight, or the first valid instant when midnight does not exist', async (t) => {
  await eachApp(t, async (t, ctx) => {
    const { app, clock } = ctx
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    // America/Santiago springs forward at 2026-09-06 00:00 (-04) straight to 01:00 (-03).
    const santiago = (await api.post('/v1/job_series', { title: 'Santiago', rrule: 'FREQ=DAILY', timezone: 'America/Santiago', dtstart: '2026-09-04' })).body
    const jobs = await allJobs(app, tenant.headers, santiago.id)
    t.strictSame(jobs.slice(0, 4).map((j) => [j.occurrence_date, j.scheduled_start]), [
      ['2026-09-04', '2026-09-04T04:00:00Z'],
      ['2026-09-05', '2026-09-05T04:00:00Z'],
      ['2026-09-06', '2026-09-06T04:00:00Z'],
      ['2026-09-07', '2026-09-07T03:00:00Z']
    ])
    // The Santiago window is next due at the first instant of 09-05 there; the task extends it then, not before.
    clock.set('2026-09-05T03:59:59Z')
    t.equal(await task(ctx).run(clock.now()), 0)
    clock.set('2026-09-05T04:00:00Z')
    t.equal(await task(ctx).run(clock.now()), 1)
    t.equal((await allJobs(app, tenant.headers, santiago.id)).at(-1).occurrence_date, '2026-09-15')
    clock.set('2026-10-25T12:00:00Z')
    // Los Angeles falls back on 2026-11-01: Mondays before start at 07:00Z, after at 08:00Z.
    const la = (await api.post('/v1/job_series', { title: 'LA', rrule: 'FREQ=WEEKLY;BYDAY=MO', timezone: 'America/Los_Angeles', dtstart: '2026-09-01' })).body
    const laJobs = await allJobs(app, tenant.headers, la.id)
    t.strictSame(laJobs.filter((j) => j.occurrence_date >= '2026-10-26' && j.occurrence_date <= '2026-11-02').map((j) => j.scheduled_start), ['2026-10-26T07:00:00Z', '2026-11-02T08:00:00Z'])
  }, { env, now: '2026-09-04T12:00:00Z' })
})
