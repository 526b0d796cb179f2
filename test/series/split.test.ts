// "This and following" (docs/contract.md §14): POST /v1/job_series/{id}/split and job_series.split.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { allJobs, dates, keyFor, live, mcp, rest, seriesTenant } from './fixtures.js'

const env = { GENERATION_HORIZON_DAYS: '30' }
// Now is 2026-03-24T15:00:00Z (a Tuesday). Mondays in the window: 03-30, 04-06, 04-13, 04-20.
const weekly = { title: 'Pool service', rrule: 'FREQ=WEEKLY;BYDAY=MO', timezone: 'UTC', dtstart: '2026-03-24', line_items: [{ description: 'Clean', unit_price: 40, quantity: 1 }] }

t.test('split ends the series the day before from_date and starts a new one with the changes', async (t) => {
  await eachApp(t, async (t, { app, clock }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const series = (await api.post('/v1/job_series', { ...weekly, external_id: 'crm-1' })).body
    const before = await allJobs(app, tenant.headers, series.id)
    clock.advance(60_000)
    const res = await api.post(`/v1/job_series/${series.id}/split`, { from_date: '2026-04-06', rrule: 'FREQ=WEEKLY;BYDAY=TU', title: 'Pool service (Tuesdays)' })
    t.equal(res.status, 201, JSON.stringify(res.body))
    const { ended, created } = res.body
    t.match(ended, { id: series.id, ends_on: '2026-04-05', ended_at: null, title: 'Pool service', external_id: 'crm-1', updated_at: '2026-03-24T15:01:00Z' })
    t.match(created, {
      title: 'Pool service (Tuesdays)',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      dtstart: '2026-04-06',
      split_from_id: series.id,
      timezone: 'UTC',
      external_id: null,
      created_by: tenant.memberId,
      ends_on: null
    })
    const old = await allJobs(app, tenant.headers, series.id)
    t.strictSame(dates(live(old)), ['2026-03-30'])
    t.strictSame(old.filter((j) => j.cancel_reason === 'series_split').map((j) => [j.id, j.occurrence_date]),
      before.filter((j) => j.occurrence_date >= '2026-04-06').map((j) => [j.id, j.occurrence_date]), 'the old instances from from_date on are cancelled (series_split)')
    const next = await allJobs(app, tenant.headers, created.id)
    t.strictSame(dates(next), ['2026-04-07', '2026-04-14', '2026-04-21'])
    t.equal(next[0].title, 'Pool service (Tuesdays)')
    const detail = await api.get(`/v1/jobs/${next[0].id}`)
    t.strictSame(detail.body.job_line_items.map((i: any) => [i.description, i.unit_price]), [['Clean', 40]], 'the template\'s line items carry over')
    const listed = (await api.get('/v1/jobs?status=cancelled')).body.data
    t.ok(listed.every((j: any) => j.cancel_reason === 'series_split'), 'series_split is a cancel_reason of the job record')
  }, { env })
})

t.test('a COUNT or max_occurrences the new series inherits is reduced by the dates already had', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const counted = (await api.post('/v1/job_series', { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' })).body
    const split = await api.post(`/v1/job_series/${counted.id}/split`, { from_date: '2026-04-13', title: 'Later' })
    t.equal(split.body.created.rrule, 'FREQ=WEEKLY;BYDAY=MO;COUNT=2')
    t.strictSame([...dates(live(await allJobs(app, tenant.headers, counted.id))), ...dates(await allJobs(app, tenant.headers, split.body.created.id))],
      ['2026-03-30', '2026-04-06', '2026-04-13', '2026-04-20'], 'still four dates in all')
    const capped = (await api.post('/v1/job_series', { ...weekly, max_occurrences: 3 })).body
    const cappedSplit = await mcp(app, tenant.headers).tool('job_series.split', { id: capped.id, from_date: '2026-04-06' })
    t.equal(cappedSplit.isError, false, JSON.stringify(cappedSplit.value))
    t.equal(cappedSplit.value.created.max_occurrences, 2)
    t.equal(cappedSplit.value.ended.ends_on, '2026-04-05')
    t.strictSame(dates(await allJobs(app, tenant.headers, cappedSplit.value.created.id)), ['2026-04-06', '2026-04-13'])
  }, { env })
})

t.test('split refuses a from_date not after dtstart or after the last occurrence, a tenant key and an ended series', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const tool = mcp(app, tenant.headers)
    const series = (await api.post('/v1/job_series', { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' })).body
    for (const [says, body, field] of [
      ['from_date on dtstart', { from_date: '2026-03-24' }, 'from_date'],
      ['from_date after the last occurrence (04-13)', { from_date: '2026-04-14' }, 'from_date'],
      ['from_date missing', {}, 'from_date'],
      ['from_date not a date', { from_date: '2026-04-31' }, 'from_date'],
      ['dtstart given', { from_date: '2026-04-06', dtstart: '2026-04-06' }, 'dtstart']
    ] as const) {
      const res = await api.post(`/v1/job_series/${series.id}/split`, body)
      t.equal(res.status, 400, `${says}: ${JSON.stringify(res.body)}`)
      t.equal(res.body.error.code, 'invalid_input', says)
      t.ok(res.body.error.details?.some((d: any) => d.field === field) ?? res.body.error.message.includes(field), `${says} names ${field}`)
      const viaMcp = await tool.tool('job_series.split', { id: series.id, ...body })
      t.strictSame([viaMcp.isError, viaMcp.value.error.code], [true, 'invalid_input'], `${says} over MCP`)
    }
    t.equal((await api.post(`/v1/job_series/${series.id}/split`, { from_date: '2026-04-13' })).status, 201, 'the last occurrence itself is allowed')

    const tenantKey = await keyFor(app, tenant, 'tenant')
    const other = (await api.post('/v1/job_series', weekly)).body
    const byTenantKey = await rest(app, tenantKey.headers).post(`/v1/job_series/${other.id}/split`, { from_date: '2026-04-06' })
    t.strictSame([byTenantKey.status, byTenantKey.body.error.code], [400, 'invalid_input'], 'a tenant key gets invalid_input')
    const readOnly = await keyFor(app, tenant, 'user', ['read:job_series'])
    t.equal((await rest(app, readOnly.headers).post(`/v1/job_series/${other.id}/split`, { from_date: '2026-04-06' })).status, 403, 'needs write:job_series')
    await api.post(`/v1/job_series/${other.id}/end`)
    const ended = await api.post(`/v1/job_series/${other.id}/split`, { from_date: '2026-04-06' })
    t.strictSame([ended.status, ended.body.error.code], [400, 'invalid_input'], 'an ended series cannot be split')
    const missing = await api.post('/v1/job_series/00000000-0000-4000-8000-000000000000/split', { from_date: '2026-04-06' })
    t.strictSame([missing.status, missing.body.error.code], [404, 'not_found'])
  }, { env })
})

t.test('a split that keeps the rule keeps its dates: the parts dtstart implied are written out, INTERVAL keeps its phase', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    // The window runs 03-24 … 07-02. FREQ=MONTHLY from 03-24 is the 24th of every month.
    const monthly = (await api.post('/v1/job_series', { ...weekly, rrule: 'FREQ=MONTHLY' })).body
    const byRest = await api.post(`/v1/job_series/${monthly.id}/split`, { from_date: '2026-04-08', title: 'Renamed' })
    t.equal(byRest.status, 201, JSON.stringify(byRest.body))
    t.match(byRest.body.created, { rrule: 'FREQ=MONTHLY;BYMONTHDAY=24', dtstart: '2026-04-08' })
    t.strictSame([dates(live(await allJobs(app, tenant.headers, monthly.id))), dates(await allJobs(app, tenant.headers, byRest.body.created.id))],
      [['2026-03-24'], ['2026-04-24', '2026-05-24', '2026-06-24']], 'still the 24th, not the 8th')

    // Every other Tuesday from 03-24: 04-07, 04-21, … Tuesday 04-14 lies in a week without one.
    const fortnightly = (await api.post('/v1/job_series', { ...weekly, rrule: 'FREQ=WEEKLY;INTERVAL=2' })).body
    const byMcp = await mcp(app, tenant.headers).tool('job_series.split', { id: fortnightly.id, from_date: '2026-04-14', title: 'Renamed' })
    t.equal(byMcp.isError, false, JSON.stringify(byMcp.value))
    t.match(byMcp.value.created, { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', dtstart: '2026-04-20' }, 'the new series starts with the next week that has a date')
    t.strictSame([dates(live(await allJobs(app, tenant.headers, fortnightly.id))), dates(await allJobs(app, tenant.headers, byMcp.value.created.id))],
      [['2026-03-24', '2026-04-07'], ['2026-04-21', '2026-05-05', '2026-05-19', '2026-06-02', '2026-06-16', '2026-06-30']], 'still every other Tuesday, not the weeks after 04-14')
  }, { env: { GENERATION_HORIZON_DAYS: '100' } })
})

t.test('split: the new series inherits the exdates and rdates from from_date on, or takes the ones given', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    // Mondays in the window: 03-30, 04-06, 04-13, 04-20.
    const exceptions = { exdates: ['2026-03-30', '2026-04-13'], rdates: ['2026-04-01', '2026-04-15'] }
    const first = (await api.post('/v1/job_series', { ...weekly, ...exceptions })).body
    const byRest = await api.post(`/v1/job_series/${first.id}/split`, { from_date: '2026-04-06', title: 'Later' })
    t.equal(byRest.status, 201, JSON.stringify(byRest.body))
    t.strictSame([byRest.body.created.exdates, byRest.body.created.rdates], [['2026-04-13'], ['2026-04-15']])
    t.strictSame([dates(live(await allJobs(app, tenant.headers, first.id))), dates(await allJobs(app, tenant.headers, byRest.body.created.id))],
      [['2026-04-01'], ['2026-04-06', '2026-04-15', '2026-04-20']])

    const second = (await api.post('/v1/job_series', { ...weekly, ...exceptions })).body
    const byMcp = await mcp(app, tenant.headers).tool('job_series.split', { id: second.id, from_date: '2026-04-06', exdates: ['2026-04-20'] })
    t.equal(byMcp.isError, false, JSON.stringify(byMcp.value))
    t.strictSame([byMcp.value.created.exdates, byMcp.value.created.rdates], [['2026-04-20'], ['2026-04-15']], 'given exdates replace the inherited ones')
    t.strictSame(dates(await allJobs(app, tenant.headers, byMcp.value.created.id)), ['2026-04-06', '2026-04-13', '2026-04-15'])
  }, { env })
})
