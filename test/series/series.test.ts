// job_series.create / get / list and what a create materializes (docs/contract.md §7), through MCP and REST.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { allJobs, dates, mcp, referenceSeries, rest, seriesTenant } from './fixtures.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

t.test('the reference example over MCP: every Monday from Tuesday 2026-07-07 starts 2026-07-13', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const { tool } = mcp(app, tenant.headers)
    const created = await tool('job_series.create', referenceSeries(tenant))
    t.equal(created.isError, false, JSON.stringify(created.value))
    t.match(created.value.id, UUID)
    t.strictSame(created.value, {
      id: created.value.id,
      tenant_id: tenant.tenantId,
      title: 'Weekly lawn maintenance',
      description: null,
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      timezone: 'America/Los_Angeles',
      dtstart: '2026-07-07',
      ends_on: null,
      max_occurrences: null,
      flat_price: null,
      customer_id: tenant.customerId,
      external_id: null,
      exdates: [],
      rdates: [],
      split_from_id: null,
      created_by: tenant.memberId,
      ended_at: null,
      created_at: '2026-06-13T00:00:00Z',
      updated_at: null
    })
    // The text content carries the same record as JSON.
    t.strictSame(JSON.parse(created.envelope.result.content[0].text), created.value)

    const listed = await tool('jobs.list', { seriesId: created.value.id })
    t.equal(listed.isError, false)
    // Today in Los Angeles is 2026-06-12; the window runs through 2026-09-10: nine Mondays.
    t.same({ count: listed.value.count, page: listed.value.page, limit: listed.value.limit }, { count: 9, page: 1, limit: 20 })
    t.strictSame(dates(listed.value.data), ['2026-07-13', '2026-07-20', '2026-07-27', '2026-08-03', '2026-08-10', '2026-08-17', '2026-08-24', '2026-08-31', '2026-09-07'])
    const first = listed.value.data[0]
    t.strictSame(first, {
      id: first.id,
      tenant_id: tenant.tenantId,
      series_id: created.value.id,
      occurrence_date: '2026-07-13',
      title: 'Weekly lawn maintenance',
      description: null,
      status: 'scheduled',
      cancel_reason: null,
      scheduled_start: '2026-07-13T07:00:00Z',
      customer_id: tenant.customerId,
      flat_price: null,
      total: 80,
      created_at: '2026-06-13T00:00:00Z',
      updated_at: null
    })

    const job = await tool('jobs.get', { id: first.id })
    t.strictSame(job.value.job_line_items.map((i: any) => ({ ...i, id: 'x' })), [{ id: 'x', description: 'Mow and edge', unit_price: 80, quantity: 1, catalog_item_id: null, position: 0 }])
    t.strictSame(job.value.job_assignments, [{ user_id: tenant.memberId }])

    const series = await tool('job_series.get', { id: created.value.id })
    const { etag, ...record } = series.value
    t.strictSame({ ...record, job_series_line_items: undefined, job_series_assignments: undefined }, { ...created.value, job_series_line_items: undefined, job_series_assignments: undefined },
      'job_series.get answers the record job_series.create answered')
    t.equal(etag, '"v1"', 'job_series.get answers the etag a later if_match sends')
    t.match(series.value.job_series_line_items[0].id, UUID)
    t.strictSame(series.value.job_series_line_items.map((i: any) => ({ ...i, id: 'x' })), [{ id: 'x', description: 'Mow and edge', unit_price: 80, quantity: 1, catalog_item_id: null, position: 0 }])
    t.strictSame(series.value.job_series_assignments, [{ user_id: tenant.memberId }])
  }, { now: '2026-06-13T00:00:00Z' })
})

t.test('POST /v1/job_series answers 201 with the record; GET adds the template rows', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const body = {
      title: 'Pool service',
      description: 'Skim, brush, check chemicals',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,15',
      timezone: 'America/New_York',
      dtstart: '2026-03-01',
      customerId: tenant.customerId,
      ends_on: '2026-12-31',
      max_occurrences: 12,
      line_items: [
        { description: 'Chemicals', unit_price: 19.99, quantity: 3, catalog_item_id: tenant.catalogItemId },
        { description: 'Filter rinse', unit_price: 0.1, quantity: 0.3333, position: 7 }
      ],
      assigned_user_ids: [tenant.secondMemberId, tenant.memberId, tenant.memberId],
      external_id: 'crm-42',
      ignored_field: 'unknown fields are ignored'
    }
    const created = await api.post('/v1/job_series', body)
    t.equal(created.status, 201, JSON.stringify(created.body))
    t.equal(created.body.customer_id, tenant.customerId, 'customerId is an alias of customer_id')
    t.equal(created.body.external_id, 'crm-42')
    t.equal(created.body.ends_on, '2026-12-31')
    t.equal(created.body.max_occurrences, 12)
    t.equal(created.body.description, 'Skim, brush, check chemicals')
    t.notOk('ignored_field' in created.body)

    const got = await api.get(`/v1/job_series/${created.body.id}`)
    t.equal(got.status, 200)
    t.strictSame(got.body.job_series_line_items.map((i: any) => ({ ...i, id: 'x' })), [
      { id: 'x', description: 'Chemicals', unit_price: 19.99, quantity: 3, catalog_item_id: tenant.catalogItemId, position: 0 },
      { id: 'x', description: 'Filter rinse', unit_price: 0.1, quantity: 0.3333, catalog_item_id: null, position: 7 }
    ])
    t.strictSame(got.body.job_series_assignments, [tenant.memberId, tenant.secondMemberId].sort().map((id) => ({ user_id: id })), 'duplicates collapse')

    // 1 and 15 of each month; 2026-03-01 and 03-15 are before today (03-24) and are counted, not materialized.
    const jobs = await allJobs(app, tenant.headers, created.body.id)
    t.strictSame(dates(jobs), ['2026-04-01', '2026-04-15', '2026-05-01', '2026-05-15', '2026-06-01', '2026-06-15'])
    t.equal(jobs[0].scheduled_start, '2026-04-01T04:00:00Z')
    // Σ unit_price × quantity: 59.97 + 0.03333 → 60.00
    t.equal(jobs[0].total, 60)
    t.equal(jobs[0].description, 'Skim, brush, check chemicals')
    const job = await api.get(`/v1/jobs/${jobs[0].id}`)
    t.strictSame(job.body.job_line_items.map((i: any) => ({ ...i, id: 'x' })), got.body.job_series_line_items.map((i: any) => ({ ...i, id: 'x' })))
    t.strictSame(job.body.job_assignments, got.body.job_series_assignments)

    const flat = await api.post('/v1/job_series', { ...body, external_id: 'crm-43', flat_price: 150.5 })
    const flatJobs = await allJobs(app, tenant.headers, flat.body.id)
    t.equal(flatJobs[0].flat_price, 150.5)
    t.equal(flatJobs[0].total, 150.5, 'flat_price overrides the line items')
  })
})

t.test('occurrences before today count toward COUNT and max_occurrences but are never materialized', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    // Now: 2026-03-24T15:00:00Z = 08:00 in Los Angeles; today there is 2026-03-24.
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['COUNT', { rrule: 'FREQ=DAILY;COUNT=5' }, ['2026-03-24', '2026-03-25', '2026-03-26']],
      ['max_occurrences', { rrule: 'FREQ=DAILY', max_occurrences: 4 }, ['2026-03-24', '2026-03-25']],
      ['COUNT and max_occurrences: the smaller wins', { rrule: 'FREQ=DAILY;COUNT=4', max_occurrences: 5 }, ['2026-03-24', '2026-03-25']],
      ['ends_on', { rrule: 'FREQ=DAILY', ends_on: '2026-03-25' }, ['2026-03-24', '2026-03-25']],
      ['UNTIL as a date', { rrule: 'FREQ=DAILY;UNTIL=20260326' }, ['2026-03-24', '2026-03-25', '2026-03-26']],
      // 2026-03-26T00:00:00Z is 17:00 on 03-25 in Los Angeles: 03-26's midnight is after UNTIL.
      ['UNTIL as a UTC date-time, resolved in the series zone', { rrule: 'FREQ=DAILY;UNTIL=20260326T000000Z' }, ['2026-03-24', '2026-03-25']],
      ['all occurrences in the past', { rrule: 'FREQ=DAILY;COUNT=2' }, []]
    ]
    for (const [name, extra, expected] of cases) {
      const created = await api.post('/v1/job_series', { title: name, timezone: 'America/Los_Angeles', dtstart: '2026-03-22', ...extra })
      t.equal(created.status, 201, `${name}: ${JSON.stringify(created.body)}`)
      t.strictSame(dates(await allJobs(app, tenant.headers, created.body.id)), expected, name)
    }
    // Today's instance exists even though its midnight (07:00Z) has passed.
    const today = await api.post('/v1/job_series', { title: 'today', rrule: 'FREQ=DAILY;COUNT=1', timezone: 'America/Los_Angeles', dtstart: '2026-03-24' })
    t.strictSame((await allJobs(app, tenant.headers, today.body.id)).map((j) => j.scheduled_start), ['2026-03-24T07:00:00Z'])
  })
})

t.test('the window runs from today through today + GENERATION_HORIZON_DAYS', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const created = await rest(app, tenant.headers).post('/v1/job_series', { title: 'Daily', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-01-01' })
    const jobs = await allJobs(app, tenant.headers, created.body.id)
    t.equal(jobs.length, 11)
    t.equal(jobs[0].occurrence_date, '2026-03-24')
    t.equal(jobs[10].occurrence_date, '2026-04-03')
  }, { env: { GENERATION_HORIZON_DAYS: '10' } })

  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const created = await rest(app, tenant.headers).post('/v1/job_series', { title: 'Daily', rrule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-24' })
    const jobs = await allJobs(app, tenant.headers, created.body.id)
    t.equal(jobs.length, 91, 'default horizon: 90 days after today')
    t.equal(jobs.at(-1).occurrence_date, '2026-06-22')
  })
})

t.test('job_series.list: 20 per page, newest first, customer filter', async (t) => {
  await eachApp(t, async (t, { app, clock }) => {
    const tenant = await seriesTenant(app)
    const other = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const { tool } = mcp(app, tenant.headers)
    const ids: string[] = []
    for (let i = 0; i < 23; i++) {
      clock.advance(1000)
      const created = await api.post('/v1/job_series', { title: `S${i}`, rrule: 'FREQ=YEARLY', timezone: 'UTC', dtstart: '2026-12-25', customer_id: i % 3 === 0 ? tenant.customerId : null })
      ids.push(created.body.id)
    }
    await rest(app, other.headers).post('/v1/job_series', { title: 'other tenant', rrule: 'FREQ=YEARLY', timezone: 'UTC', dtstart: '2026-12-25' })
    const newestFirst = [...ids].reverse()

    const page1 = await api.get('/v1/job_series')
    t.equal(page1.status, 200)
    t.same({ count: page1.body.count, page: page1.body.page, limit: page1.body.limit }, { count: 23, page: 1, limit: 20 })
    t.strictSame(page1.body.data.map((s: any) => s.id), newestFirst.slice(0, 20))
    const page2 = await tool('job_series.list', { page: 2 })
    t.strictSame(page2.value.data.map((s: any) => s.id), newestFirst.slice(20))
    t.equal(page2.value.page, 2)
    const page3 = await api.get('/v1/job_series?page=3')
    t.strictSame(page3.body, { data: [], count: 23, page: 3, limit: 20 })

    const withCustomer = newestFirst.filter((_, i) => (22 - i) % 3 === 0)
    const filtered = await api.get(`/v1/job_series?customer_id=${tenant.customerId}`)
    t.strictSame(filtered.body.data.map((s: any) => s.id), withCustomer)
    t.equal(filtered.body.count, 8)
    const aliased = await tool('job_series.list', { customerId: tenant.customerId })
    t.strictSame(aliased.value.data.map((s: any) => s.id), withCustomer)

    for (const bad of ['page=0', 'page=x', 'customer_id=nope']) {
      const res = await api.get(`/v1/job_series?${bad}`)
      t.equal(res.status, 400, bad)
      t.equal(res.body.error.code, 'invalid_input', bad)
    }
    const badPage = await tool('job_series.list', { page: '2' })
    t.equal(badPage.value.error.code, 'invalid_input', 'MCP arguments are not coerced')
  })
})
