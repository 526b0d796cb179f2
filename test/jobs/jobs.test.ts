// jobs.list / jobs.get / jobs.update (docs/contract.md §7), through REST and MCP.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { mcp, rest, seriesTenant } from '../series/fixtures.js'

t.test('jobs.list: order by scheduled_start then id, 20 per page, filters and aliases', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const other = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const { tool } = mcp(app, tenant.headers)
    // Two daily series in different zones interleave by instant; 11 + 11 instances.
    const tokyo = (await api.post('/v1/job_series', { title: 'Tokyo', rrule: 'FREQ=DAILY', timezone: 'Asia/Tokyo', dtstart: '2026-03-25', customer_id: tenant.customerId })).body
    const utc = (await api.post('/v1/job_series', { title: 'UTC', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' })).body
    await rest(app, other.headers).post('/v1/job_series', { title: 'Theirs', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' })

    const page1 = await api.get('/v1/jobs')
    t.same({ count: page1.body.count, page: page1.body.page, limit: page1.body.limit }, { count: 22, page: 1, limit: 20 }, 'only this tenant\'s instances')
    const page2 = (await tool('jobs.list', { page: 2 })).value
    const all = [...page1.body.data, ...page2.data]
    t.equal(all.length, 22)
    const sorted = [...all].sort((a, b) => a.scheduled_start === b.scheduled_start ? (a.id < b.id ? -1 : 1) : (a.scheduled_start < b.scheduled_start ? -1 : 1))
    t.strictSame(all.map((j) => j.id), sorted.map((j) => j.id))
    t.strictSame(all.slice(0, 3).map((j) => [j.title, j.scheduled_start]), [['UTC', '2026-03-24T00:00:00Z'], ['Tokyo', '2026-03-24T15:00:00Z'], ['UTC', '2026-03-25T00:00:00Z']])

    const bySeries = async (query: string) => (await api.get(`/v1/jobs?${query}`)).body
    t.equal((await bySeries(`seriesId=${tokyo.id}`)).count, 11)
    t.equal((await bySeries(`series_id=${tokyo.id}`)).count, 11, 'series_id is an alias')
    t.equal((await tool('jobs.list', { series_id: utc.id })).value.count, 11)
    t.equal((await bySeries(`customer_id=${tenant.customerId}`)).count, 11)
    t.equal((await tool('jobs.list', { customerId: tenant.customerId })).value.count, 11, 'customerId is an alias')
    const mismatch = await bySeries(`seriesId=${tokyo.id}&series_id=${utc.id}`)
    t.equal(mismatch.error.code, 'invalid_input')

    // from/to as dates bound occurrence_date (inclusive); as instants they bound scheduled_start (from ≤ s < to).
    const window = await bySeries(`seriesId=${tokyo.id}&from=2026-03-26&to=2026-03-28`)
    t.strictSame(window.data.map((j: any) => j.occurrence_date), ['2026-03-26', '2026-03-27', '2026-03-28'])
    const instants = await bySeries('from=2026-03-25T00:00:00Z&to=2026-03-26T00:00:00Z')
    t.strictSame(instants.data.map((j: any) => [j.title, j.scheduled_start]), [['UTC', '2026-03-25T00:00:00Z'], ['Tokyo', '2026-03-25T15:00:00Z']])

    await api.patch(`/v1/jobs/${all[5].id}`, { status: 'done' })
    const done = (await tool('jobs.list', { status: 'done' })).value
    t.strictSame(done.data.map((j: any) => j.id), [all[5].id])

    for (const bad of ['status=finished', 'from=yesterday', 'to=2026-02-30', 'page=0', 'seriesId=nope']) {
      const res = await api.get(`/v1/jobs?${bad}`)
      t.strictSame([res.status, res.body.error.code], [400, 'invalid_input'], bad)
    }
    t.equal((await tool('jobs.list', { status: 'finished' })).value.error.code, 'invalid_input')
  }, { env: { GENERATION_HORIZON_DAYS: '10' } })
})

t.test('jobs.update: status changes, user cancellation, individual edits', async (t) => {
  await eachApp(t, async (t, { app, clock, db }) => {
    const tenant = await seriesTenant(app)
    const other = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const { tool } = mcp(app, tenant.headers)
    const series = (await api.post('/v1/job_series', { title: 'Daily', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' })).body
    const [j0, j1, j2] = (await api.get(`/v1/jobs?seriesId=${series.id}`)).body.data

    clock.advance(60_000)
    const started = await api.patch(`/v1/jobs/${j0.id}`, { status: 'in_progress' })
    t.equal(started.status, 200)
    t.strictSame(started.body, { ...j0, status: 'in_progress', updated_at: '2026-03-24T15:01:00Z' })

    const cancelled = await tool('jobs.update', { id: j1.id, status: 'cancelled' })
    t.match(cancelled.value, { status: 'cancelled', cancel_reason: 'user' })
    const reopened = await tool('jobs.update', { id: j1.id, status: 'scheduled' })
    t.match(reopened.value, { status: 'scheduled', cancel_reason: null }, 'a user-cancelled instance can be reopened')

    const edited = await api.patch(`/v1/jobs/${j2.id}`, { title: 'Moved', description: 'side gate', scheduled_start: '2026-03-26T10:15:30.999-03:00' })
    t.match(edited.body, { title: 'Moved', description: 'side gate', scheduled_start: '2026-03-26T13:15:30Z', status: 'scheduled', occurrence_date: '2026-03-26' })
    const flags = await db.database.db.query.jobs.findMany({ columns: { id: true, editedIndividually: true } })
    t.strictSame(flags.filter((f) => f.editedIndividually).map((f) => f.id), [j2.id], 'only title/description/scheduled_start edits mark an instance')
    const cleared = await api.patch(`/v1/jobs/${j2.id}`, { description: null })
    t.equal(cleared.body.description, null)

    const unchanged = await api.patch(`/v1/jobs/${j2.id}`, {})
    t.strictSame(unchanged.body, cleared.body)

    for (const [body, field] of [[{ status: 'paused' }, 'status'], [{ title: '' }, 'title'], [{ title: 'x'.repeat(201) }, 'title'], [{ scheduled_start: '2026-03-26 10:00' }, 'scheduled_start'], [{ scheduled_start: '2026-03-26T10:00:00' }, 'scheduled_start']] as const) {
      const res = await api.patch(`/v1/jobs/${j2.id}`, body)
      t.strictSame([res.status, res.body.error.code], [400, 'invalid_input'], JSON.stringify(body))
      t.equal(res.body.error.details?.[0]?.field, field)
      t.equal((await tool('jobs.update', { id: j2.id, ...body })).value.error.code, 'invalid_input')
    }

    // An instance the series cancelled cannot be revived: its date may hold the replacement.
    await api.patch(`/v1/job_series/${series.id}`, { title: 'Renamed' })
    const serviceCancelled = await api.patch(`/v1/jobs/${j1.id}`, { status: 'scheduled' })
    t.strictSame([serviceCancelled.status, serviceCancelled.body.error.code], [400, 'invalid_input'])

    const theirs = (await rest(app, other.headers).post('/v1/job_series', { title: 'Theirs', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' })).body
    const theirJob = (await rest(app, other.headers).get(`/v1/jobs?seriesId=${theirs.id}`)).body.data[0]
    for (const id of [theirJob.id, '00000000-0000-4000-8000-000000000000', 'nope']) {
      t.strictSame((await api.patch(`/v1/jobs/${id}`, { status: 'done' })).body.error.code, 'not_found', id)
      t.strictSame((await api.get(`/v1/jobs/${id}`)).status, 404, id)
      t.equal((await tool('jobs.get', { id })).value.error.code, 'not_found')
      t.equal((await tool('jobs.update', { id, status: 'done' })).value.error.code, 'not_found')
    }
    t.equal((await rest(app, other.headers).get(`/v1/jobs/${theirJob.id}`)).body.status, 'scheduled')
  }, { env: { GENERATION_HORIZON_DAYS: '3' } })
})
