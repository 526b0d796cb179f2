// Explainable updates (docs/contract.md §14): every update answers regeneration {cancelled, created, kept, preserved}
// (dates within the window); dry_run writes nothing and answers {series, regeneration}.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { allJobs, dates, live, mcp, rest, seriesTenant } from './fixtures.js'

const env = { GENERATION_HORIZON_DAYS: '6' }
// Now is 2026-03-24T15:00:00Z; the UTC window is 03-24 … 03-30, and 03-24's instance started at 00:00Z.
const daily = { title: 'Daily check', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' }

t.test('regeneration says which dates an update cancels, creates, keeps and preserves; dry_run writes nothing', async (t) => {
  await eachApp(t, async (t, { app, db }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const series = (await api.post('/v1/job_series', daily)).body
    const jobs = await allJobs(app, tenant.headers, series.id)
    const on = (date: string) => jobs.find((j) => j.occurrence_date === date).id
    await api.patch(`/v1/jobs/${on('2026-03-25')}`, { status: 'done' })
    await api.patch(`/v1/jobs/${on('2026-03-26')}`, { title: 'Moved by hand' })
    const change = { rrule: 'FREQ=DAILY;INTERVAL=2', preserve_exceptions: true }
    const expected = {
      cancelled: ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'],
      created: ['2026-03-28', '2026-03-30'],
      kept: ['2026-03-24', '2026-03-25'],
      preserved: ['2026-03-26']
    }

    const rowsBefore = await db.database.db.execute('select id, status, cancel_reason, updated_at from jobs order by id')
    const dry = await api.patch(`/v1/job_series/${series.id}`, { ...change, dry_run: true })
    t.equal(dry.status, 200, JSON.stringify(dry.body))
    t.strictSame(Object.keys(dry.body).sort(), ['regeneration', 'series'])
    t.equal(dry.body.series.rrule, 'FREQ=DAILY;INTERVAL=2', 'the series as the update would leave it')
    t.strictSame(dry.body.regeneration, expected)
    t.strictSame(await db.database.db.execute('select id, status, cancel_reason, updated_at from jobs order by id'), rowsBefore, 'no job row changed')
    t.equal((await api.get(`/v1/job_series/${series.id}`)).body.rrule, 'FREQ=DAILY', 'the template is unchanged')

    const viaMcp = await mcp(app, tenant.headers).tool('job_series.update', { id: series.id, ...change, dry_run: true })
    t.strictSame([viaMcp.isError, viaMcp.value.regeneration], [false, expected], 'dry_run over MCP')

    const real = await api.patch(`/v1/job_series/${series.id}`, change)
    t.equal(real.status, 200)
    t.equal(real.body.rrule, 'FREQ=DAILY;INTERVAL=2', 'a real update answers the record …')
    t.strictSame(real.body.regeneration, expected, '… plus the same regeneration the dry run announced')
    t.strictSame(dates(live(await allJobs(app, tenant.headers, series.id))), ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-28', '2026-03-30'])

    const again = await mcp(app, tenant.headers).tool('job_series.update', { id: series.id, title: 'Renamed' })
    t.strictSame(again.value.regeneration, { cancelled: ['2026-03-26', '2026-03-28', '2026-03-30'], created: ['2026-03-26', '2026-03-28', '2026-03-30'], kept: ['2026-03-24', '2026-03-25'], preserved: [] },
      'over MCP; without preserve_exceptions the edited instance is cancelled and re-created')
  }, { env })
})
