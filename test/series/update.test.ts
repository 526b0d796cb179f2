// job_series.update is edit-all (docs/contract.md §7): pending instances from now on are cancelled (series_updated) and
// regenerated from the new template; done, in_progress and cancelled instances are never touched.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { allJobs, dates, keyFor, live, mcp, rest, seriesTenant } from './fixtures.js'

const env = { GENERATION_HORIZON_DAYS: '10' }
// Now is 2026-03-24T15:00:00Z; in UTC the window is 03-24 … 04-03, and 03-24's instance started at 00:00Z.
const daily = { title: 'Daily check', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' }

function byDate (jobs: any[]): Map<string, any[]> {
  const out = new Map<string, any[]>()
  for (const job of jobs) out.set(job.occurrence_date, [...(out.get(job.occurrence_date) ?? []), job])
  return out
}

t.test('update cancels pending instances from now on and regenerates them; history is kept', async (t) => {
  await eachApp(t, async (t, { app, clock }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const series = (await api.post('/v1/job_series', { ...daily, line_items: [{ description: 'Old', unit_price: 10, quantity: 1 }] })).body
    const before = byDate(await allJobs(app, tenant.headers, series.id))
    t.equal(before.size, 11)
    const idOn = (date: string) => before.get(date)![0].id as string
    t.equal((await api.patch(`/v1/jobs/${idOn('2026-03-25')}`, { status: 'done' })).status, 200)
    await api.patch(`/v1/jobs/${idOn('2026-03-26')}`, { status: 'in_progress' })
    await api.patch(`/v1/jobs/${idOn('2026-03-27')}`, { status: 'cancelled' })
    await api.patch(`/v1/jobs/${idOn('2026-03-28')}`, { title: 'Moved by hand' })

    clock.advance(60_000)
    const updated = await api.patch(`/v1/job_series/${series.id}`, { title: 'Daily inspection', line_items: [{ description: 'New', unit_price: 25, quantity: 2 }] })
    t.equal(updated.status, 200, JSON.stringify(updated.body))
    t.equal(updated.body.title, 'Daily inspection')
    t.equal(updated.body.updated_at, '2026-03-24T15:01:00Z')
    t.equal(updated.body.dtstart, '2026-03-24')

    const after = await allJobs(app, tenant.headers, series.id)
    const grouped = byDate(after)
    // Exactly one live instance per date.
    for (const [date, jobs] of grouped) t.equal(live(jobs).length, 1, `one live instance on ${date}`)
    t.strictSame([...grouped.keys()], [...before.keys()])

    const only = (date: string) => live(grouped.get(date)!)[0]
    t.equal(only('2026-03-24').id, idOn('2026-03-24'), 'started before now: left alone')
    t.equal(only('2026-03-24').title, 'Daily check')
    t.match(only('2026-03-25'), { id: idOn('2026-03-25'), status: 'done', title: 'Daily check' })
    t.match(only('2026-03-26'), { id: idOn('2026-03-26'), status: 'in_progress' })
    t.match(only('2026-03-27'), { id: idOn('2026-03-27'), status: 'cancelled', cancel_reason: 'user' }, 'a user-cancelled date is not re-created')
    for (const date of ['2026-03-28', '2026-03-29', '2026-04-03']) {
      const jobs = grouped.get(date)!
      t.equal(jobs.length, 2, date)
      const old = jobs.find((j) => j.id === idOn(date))
      t.match(old, { status: 'cancelled', cancel_reason: 'series_updated', updated_at: '2026-03-24T15:01:00Z' }, `${date}: old instance cancelled`)
      t.match(only(date), { status: 'scheduled', cancel_reason: null, title: 'Daily inspection', total: 50 }, `${date}: regenerated from the new template`)
      t.not(only(date).id, old.id, 'new id')
    }
    const regenerated = await api.get(`/v1/jobs/${only('2026-03-29').id}`)
    t.strictSame(regenerated.body.job_line_items.map((i: any) => i.description), ['New'])
  }, { env })
})

t.test('preserve_exceptions keeps instances edited on their own (and their dates)', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const { tool } = mcp(app, tenant.headers)
    const series = (await tool('job_series.create', daily)).value
    const jobs = await allJobs(app, tenant.headers, series.id)
    const edited = jobs.find((j) => j.occurrence_date === '2026-03-28')
    const moved = await tool('jobs.update', { id: edited.id, scheduled_start: '2026-03-28T09:30:00+01:00', description: 'gate code 1234' })
    t.equal(moved.isError, false, JSON.stringify(moved.value))
    t.equal(moved.value.scheduled_start, '2026-03-28T08:30:00Z')
    const statusOnly = jobs.find((j) => j.occurrence_date === '2026-03-29')
    await tool('jobs.update', { id: statusOnly.id, status: 'unscheduled' })

    const updated = await tool('job_series.update', { id: series.id, title: 'Renamed', preserve_exceptions: true })
    t.equal(updated.isError, false, JSON.stringify(updated.value))
    const after = byDate(await allJobs(app, tenant.headers, series.id))
    t.strictSame(after.get('2026-03-28')!.map((j) => [j.id, j.status, j.title, j.description]), [[edited.id, 'scheduled', 'Daily check', 'gate code 1234']])
    const on29 = after.get('2026-03-29')!
    t.equal(on29.length, 2, 'a status change alone is not an individual edit')
    t.equal(live(on29)[0].title, 'Renamed')

    // Without the flag the edited instance is regenerated like the others.
    await tool('job_series.update', { id: series.id, title: 'Renamed again' })
    const again = byDate(await allJobs(app, tenant.headers, series.id))
    t.match(again.get('2026-03-28')!.find((j) => j.id === edited.id), { status: 'cancelled', cancel_reason: 'series_updated' })
    t.equal(live(again.get('2026-03-28')!)[0].title, 'Renamed again')
  }, { env })
})

t.test('line_items and assigned_user_ids replace wholesale when given and stay when omitted; null clears', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const series = (await api.post('/v1/job_series', {
      ...daily,
      description: 'Front yard',
      customer_id: tenant.customerId,
      flat_price: 99,
      ends_on: '2026-12-31',
      max_occurrences: 300,
      line_items: [{ description: 'A', unit_price: 1, quantity: 1 }, { description: 'B', unit_price: 2, quantity: 1 }],
      assigned_user_ids: [tenant.memberId]
    })).body
    const items = async () => (await api.get(`/v1/job_series/${series.id}`)).body

    await api.patch(`/v1/job_series/${series.id}`, { title: 'Only the title' })
    let got = await items()
    t.strictSame(got.job_series_line_items.map((i: any) => i.description), ['A', 'B'], 'omitted line_items stay')
    t.strictSame(got.job_series_assignments, [{ user_id: tenant.memberId }], 'omitted assignments stay')

    await api.patch(`/v1/job_series/${series.id}`, { line_items: [{ description: 'C', unit_price: 3, quantity: 2, catalog_item_id: tenant.catalogItemId }], assigned_user_ids: [tenant.secondMemberId] })
    got = await items()
    t.strictSame(got.job_series_line_items.map((i: any) => [i.description, i.unit_price, i.quantity, i.catalog_item_id, i.position]), [['C', 3, 2, tenant.catalogItemId, 0]])
    t.strictSame(got.job_series_assignments, [{ user_id: tenant.secondMemberId }])

    const cleared = await api.patch(`/v1/job_series/${series.id}`, { description: null, customer_id: null, flat_price: null, ends_on: null, max_occurrences: null, assigned_user_ids: [], line_items: [] })
    t.equal(cleared.status, 200)
    t.match(cleared.body, { description: null, customer_id: null, flat_price: null, ends_on: null, max_occurrences: null })
    got = await items()
    t.strictSame(got.job_series_line_items, [])
    t.strictSame(got.job_series_assignments, [])
    const jobs = live(await allJobs(app, tenant.headers, series.id)).filter((j) => j.occurrence_date > '2026-03-24')
    t.match(jobs[0], { description: null, customer_id: null, flat_price: null, total: 0 })
    const job = await api.get(`/v1/jobs/${jobs[0].id}`)
    t.strictSame([job.body.job_line_items, job.body.job_assignments], [[], []])

    await api.patch(`/v1/job_series/${series.id}`, { customerId: tenant.otherCustomerId, rrule: 'FREQ=WEEKLY;BYDAY=FR', timezone: 'Europe/Paris' })
    const weekly = live(await allJobs(app, tenant.headers, series.id)).filter((j) => j.occurrence_date > '2026-03-24')
    t.strictSame(dates(weekly), ['2026-03-27', '2026-04-03'], 'a new rule gives new dates')
    t.strictSame(weekly.map((j) => j.scheduled_start), ['2026-03-26T23:00:00Z', '2026-04-02T22:00:00Z'], 'midnight in the new zone (CET, then CEST)')
    t.equal(weekly[0].customer_id, tenant.otherCustomerId)
  }, { env })
})

t.test('moving ends_on in cuts dates; moving it out again brings them back', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const series = (await api.post('/v1/job_series', daily)).body
    await api.patch(`/v1/job_series/${series.id}`, { ends_on: '2026-03-30' })
    t.strictSame(dates(live(await allJobs(app, tenant.headers, series.id))), ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'])
    await api.patch(`/v1/job_series/${series.id}`, { ends_on: '2026-04-02' })
    t.strictSame(dates(live(await allJobs(app, tenant.headers, series.id))).slice(-4), ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02'])
    await api.patch(`/v1/job_series/${series.id}`, { ends_on: null })
    const jobs = await allJobs(app, tenant.headers, series.id)
    t.equal(live(jobs).length, 11)
    for (const [, group] of byDate(jobs)) t.equal(live(group).length, 1)
  }, { env })
})

t.test('update refuses dtstart, ended series, tenant keys and unknown ids', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const other = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const { tool } = mcp(app, tenant.headers)
    const series = (await api.post('/v1/job_series', daily)).body

    for (const dtstart of ['2026-04-01', '2026-03-24', null]) {
      const res = await api.patch(`/v1/job_series/${series.id}`, { dtstart, title: 'x' })
      t.equal(res.status, 400)
      t.equal(res.body.error.code, 'invalid_input')
      t.match(res.body.error.message, /dtstart/)
      const viaMcp = await tool('job_series.update', { id: series.id, dtstart })
      t.equal(viaMcp.value.error.code, 'invalid_input')
    }
    t.equal((await api.get(`/v1/job_series/${series.id}`)).body.title, 'Daily check', 'nothing changed')

    const tenantKey = await keyFor(app, tenant, 'tenant')
    const byTenantKey = await rest(app, tenantKey.headers).patch(`/v1/job_series/${series.id}`, { title: 'x' })
    t.strictSame([byTenantKey.status, byTenantKey.body.error.code], [400, 'invalid_input'])
    t.match(byTenantKey.body.error.message, /user-bound/)

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', (await rest(app, other.headers).post('/v1/job_series', daily)).body.id]) {
      const res = await api.patch(`/v1/job_series/${id}`, { title: 'x' })
      t.strictSame([res.status, res.body.error.code], [404, 'not_found'], id)
      t.equal((await tool('job_series.update', { id, title: 'x' })).value.error.code, 'not_found')
    }

    await api.post(`/v1/job_series/${series.id}/end`)
    const ended = await api.patch(`/v1/job_series/${series.id}`, { title: 'x' })
    t.strictSame([ended.status, ended.body.error.code], [400, 'invalid_input'])
    t.match(ended.body.error.message, /ended/)
  }, { env })
})
