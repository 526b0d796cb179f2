// job_series.end (docs/contract.md §7): ends_on = today (series zone), ended_at set, pending instances from now on
// cancelled (series_ended); done work untouched; ending again answers the same.
import t from 'tap'
import { seriesWindowTask } from '../../src/series/window-task.js'
import { eachApp } from '../helpers/app.js'
import { allJobs, keyFor, mcp, rest, seriesTenant } from './fixtures.js'

t.test('end caps ends_on at today, cancels pending instances from now on and is idempotent', async (t) => {
  await eachApp(t, async (t, { app, clock, config, db }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    // 2026-03-24T15:00:00Z is 2026-03-25 00:00 in Tokyo: today there is 03-25, whose instance starts right now.
    const series = (await api.post('/v1/job_series', { title: 'Tokyo daily', rrule: 'FREQ=DAILY', timezone: 'Asia/Tokyo', dtstart: '2026-03-20' })).body
    const jobs = await allJobs(app, tenant.headers, series.id)
    t.equal(jobs[0].occurrence_date, '2026-03-25')
    t.equal(jobs[0].scheduled_start, '2026-03-24T15:00:00Z')
    await api.patch(`/v1/jobs/${jobs[1].id}`, { status: 'done' })
    await api.patch(`/v1/jobs/${jobs[2].id}`, { status: 'in_progress' })
    await api.patch(`/v1/jobs/${jobs[3].id}`, { status: 'cancelled' })
    await api.patch(`/v1/jobs/${jobs[4].id}`, { status: 'unscheduled' })

    clock.advance(1000)
    // Instances before now stay: nothing pending starts before 15:00:01Z except 03-25's.
    const { tool } = mcp(app, tenant.headers)
    const ended = await tool('job_series.end', { id: series.id })
    t.strictSame(ended.value, { ended: true, id: series.id })
    const got = (await api.get(`/v1/job_series/${series.id}`)).body
    t.match(got, { ends_on: '2026-03-25', ended_at: '2026-03-24T15:00:01Z', updated_at: '2026-03-24T15:00:01Z' })

    const after = await allJobs(app, tenant.headers, series.id)
    t.equal(after.length, jobs.length, 'end creates nothing')
    const status = (job: any) => [job.status, job.cancel_reason]
    t.strictSame(status(after[0]), ['scheduled', null], 'started before now: left alone')
    t.strictSame(status(after[1]), ['done', null])
    t.strictSame(status(after[2]), ['in_progress', null])
    t.strictSame(status(after[3]), ['cancelled', 'user'])
    t.strictSame(status(after[4]), ['cancelled', 'series_ended'], 'unscheduled is pending too')
    for (const job of after.slice(5)) t.strictSame(status(job), ['cancelled', 'series_ended'])

    // Ending again: same answer, nothing changes; REST and a tenant key with write:job_series both work.
    clock.advance(1000)
    const tenantKey = await keyFor(app, tenant, 'tenant', ['write:job_series'])
    const again = await rest(app, tenantKey.headers).post(`/v1/job_series/${series.id}/end`)
    t.strictSame([again.status, again.body], [200, { ended: true, id: series.id }])
    t.equal((await api.get(`/v1/job_series/${series.id}`)).body.ended_at, '2026-03-24T15:00:01Z')

    // The window task leaves an ended series alone as days pass.
    clock.advance(3 * 86_400_000)
    await seriesWindowTask({ config, database: db.database, clock }).run(clock.now())
    t.equal((await allJobs(app, tenant.headers, series.id)).length, jobs.length)
  }, { env: { GENERATION_HORIZON_DAYS: '10' } })
})

t.test('end keeps an earlier ends_on and answers not_found for unknown ids', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const other = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const series = (await api.post('/v1/job_series', { title: 'Past', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-01', ends_on: '2026-03-10' })).body
    await api.post(`/v1/job_series/${series.id}/end`)
    t.equal((await api.get(`/v1/job_series/${series.id}`)).body.ends_on, '2026-03-10')

    const theirs = (await rest(app, other.headers).post('/v1/job_series', { title: 'Theirs', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-01' })).body
    for (const id of [theirs.id, '00000000-0000-4000-8000-000000000000', 'zzz', 'x'.repeat(150)]) {
      const res = await api.post(`/v1/job_series/${id}/end`)
      t.strictSame([res.status, res.body.error.code], [404, 'not_found'], id)
      t.equal((await mcp(app, tenant.headers).tool('job_series.end', { id })).value.error.code, 'not_found')
    }
    t.equal((await rest(app, other.headers).get(`/v1/job_series/${theirs.id}`)).body.ended_at, null, 'the other tenant\'s series is untouched')
  })
})
