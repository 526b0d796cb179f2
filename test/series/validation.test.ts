// Every validation limit of job_series.create (docs/contract.md §7, reference job-series API): invalid_input naming the
// field, over REST and MCP alike, schema errors included; external_id conflicts; scopes and key kinds.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { keyFor, mcp, rest, seriesTenant } from './fixtures.js'

// Now is 2026-03-24T15:00:00Z: today in Los Angeles is 2026-03-24, so UNTIL may reach 2031-03-24.
const base = { title: 'Hedges', rrule: 'FREQ=DAILY', timezone: 'America/Los_Angeles', dtstart: '2026-04-01' }
const without = (key: keyof typeof base) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))

t.test('job_series.create validation: invalid_input naming the field, REST and MCP alike', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const other = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const { tool } = mcp(app, tenant.headers)
    const line = { description: 'Trim', unit_price: 10, quantity: 1 }

    // [name, body, field named, message must match]
    const refused: Array<[string, Record<string, unknown>, string, RegExp?]> = [
      ['title missing', without('title'), 'title'],
      ['title empty', { ...base, title: '' }, 'title'],
      ['title 201 characters', { ...base, title: 'x'.repeat(201) }, 'title'],
      ['title not a string', { ...base, title: 5 }, 'title'],
      ['description 5001 characters', { ...base, description: 'x'.repeat(5001) }, 'description'],
      ['rrule missing', without('rrule'), 'rrule'],
      ['rrule part unknown', { ...base, rrule: 'FREQ=DAILY;SOMETIMES=1' }, 'rrule', /SOMETIMES/],
      ['rrule BYDAY malformed', { ...base, rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'rrule', /BYDAY/],
      ['rrule FREQ unknown', { ...base, rrule: 'FREQ=SOMETIMES' }, 'rrule', /FREQ/],
      ['FREQ=HOURLY', { ...base, rrule: 'FREQ=HOURLY' }, 'rrule', /FREQ/],
      ['FREQ=MINUTELY', { ...base, rrule: 'FREQ=MINUTELY' }, 'rrule', /FREQ/],
      ['BYHOUR', { ...base, rrule: 'FREQ=DAILY;BYHOUR=9' }, 'rrule', /BYHOUR/],
      ['BYMINUTE', { ...base, rrule: 'FREQ=DAILY;BYMINUTE=30' }, 'rrule', /BYMINUTE/],
      ['BYSECOND', { ...base, rrule: 'FREQ=DAILY;BYSECOND=1' }, 'rrule', /BYSECOND/],
      ['COUNT=0', { ...base, rrule: 'FREQ=DAILY;COUNT=0' }, 'rrule', /COUNT/],
      ['COUNT=367', { ...base, rrule: 'FREQ=DAILY;COUNT=367' }, 'rrule', /COUNT/],
      ['COUNT with UNTIL', { ...base, rrule: 'FREQ=DAILY;COUNT=3;UNTIL=20260501' }, 'rrule', /UNTIL/],
      ['floating UNTIL', { ...base, rrule: 'FREQ=DAILY;UNTIL=20260501T000000' }, 'rrule', /UNTIL/],
      ['UNTIL before dtstart', { ...base, rrule: 'FREQ=DAILY;UNTIL=20260331' }, 'rrule', /UNTIL/],
      // 06:00Z on 04-01 is 23:00 on 03-31 in Los Angeles.
      ['UTC UNTIL before dtstart in the series zone', { ...base, rrule: 'FREQ=DAILY;UNTIL=20260401T060000Z' }, 'rrule', /UNTIL/],
      ['UNTIL past today + 5 years', { ...base, rrule: 'FREQ=DAILY;UNTIL=20310325' }, 'rrule', /UNTIL/],
      ['timezone unknown', { ...base, timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      ['timezone as an offset', { ...base, timezone: '+01:00' }, 'timezone'],
      ['timezone missing', without('timezone'), 'timezone'],
      ['dtstart not a real date', { ...base, dtstart: '2026-02-30' }, 'dtstart'],
      ['dtstart in another format', { ...base, dtstart: '2026/04/01' }, 'dtstart'],
      ['dtstart a date-time', { ...base, dtstart: '2026-04-01T00:00:00Z' }, 'dtstart'],
      ['dtstart more than 10 years away', { ...base, dtstart: '2036-03-25' }, 'dtstart'],
      ['dtstart missing', without('dtstart'), 'dtstart'],
      ['customer of another tenant', { ...base, customer_id: other.customerId }, 'customer_id'],
      ['customer unknown', { ...base, customer_id: '00000000-0000-4000-8000-000000000000' }, 'customer_id'],
      ['customer id malformed', { ...base, customer_id: 'abc' }, 'customer_id'],
      ['customer_id and customerId disagree', { ...base, customer_id: tenant.customerId, customerId: tenant.otherCustomerId }, 'customer_id'],
      ['catalog item of another tenant', { ...base, line_items: [line, { ...line, catalog_item_id: other.catalogItemId }] }, 'line_items.1.catalog_item_id'],
      ['assignee of another tenant', { ...base, assigned_user_ids: [tenant.memberId, other.memberId] }, 'assigned_user_ids'],
      ['assignee id malformed', { ...base, assigned_user_ids: ['x'] }, 'assigned_user_ids.0'],
      ['flat_price negative', { ...base, flat_price: -0.01 }, 'flat_price'],
      ['flat_price a string', { ...base, flat_price: '10' }, 'flat_price'],
      ['ends_on before dtstart', { ...base, ends_on: '2026-03-31' }, 'ends_on'],
      ['ends_on not a date', { ...base, ends_on: '2026-04-31' }, 'ends_on'],
      ['max_occurrences 0', { ...base, max_occurrences: 0 }, 'max_occurrences'],
      ['max_occurrences 367', { ...base, max_occurrences: 367 }, 'max_occurrences'],
      ['max_occurrences fractional', { ...base, max_occurrences: 1.5 }, 'max_occurrences'],
      ['line item description missing', { ...base, line_items: [{ unit_price: 1, quantity: 1 }] }, 'line_items.0.description'],
      ['line item description 501 characters', { ...base, line_items: [{ ...line, description: 'x'.repeat(501) }] }, 'line_items.0.description'],
      ['unit_price negative', { ...base, line_items: [{ ...line, unit_price: -1 }] }, 'line_items.0.unit_price'],
      ['quantity 0', { ...base, line_items: [{ ...line, quantity: 0 }] }, 'line_items.0.quantity'],
      ['quantity negative', { ...base, line_items: [{ ...line, quantity: -2 }] }, 'line_items.0.quantity'],
      ['quantity that rounds to 0', { ...base, line_items: [{ ...line, quantity: 0.00001 }] }, 'line_items.0.quantity'],
      ['external_id 201 characters', { ...base, external_id: 'x'.repeat(201) }, 'external_id']
    ]
    for (const [name, body, field, message] of refused) {
      const res = await api.post('/v1/job_series', body)
      t.equal(res.status, 400, `REST ${name}`)
      t.equal(res.body.error?.code, 'invalid_input', `REST ${name}: ${JSON.stringify(res.body)}`)
      t.equal(res.body.error?.details?.[0]?.field, field, `REST ${name} names ${field}`)
      if (message !== undefined) t.match(res.body.error?.message, message, `REST ${name} names the part`)
      const viaMcp = await tool('job_series.create', body)
      t.equal(viaMcp.isError, true, `MCP ${name}`)
      t.equal(viaMcp.value?.error?.code, 'invalid_input', `MCP ${name}`)
      t.equal(viaMcp.value?.error?.details?.[0]?.field, field, `MCP ${name} names ${field}`)
    }
    t.equal((await api.get('/v1/job_series')).body.count, 0, 'nothing was created')

    const accepted: Array<[string, Record<string, unknown>]> = [
      ['title 200 characters', { ...base, title: 'x'.repeat(200) }],
      ['description 5000 characters', { ...base, description: 'x'.repeat(5000) }],
      ['COUNT=366', { ...base, rrule: 'FREQ=DAILY;COUNT=366' }],
      ['COUNT=1', { ...base, rrule: 'FREQ=YEARLY;COUNT=1' }],
      ['UNTIL on dtstart', { ...base, rrule: 'FREQ=DAILY;UNTIL=20260401' }],
      ['UNTIL at today + 5 years', { ...base, rrule: 'FREQ=DAILY;UNTIL=20310324' }],
      ['UNTIL as UTC date-time', { ...base, rrule: 'RRULE:freq=weekly;byday=mo,we;until=20260601T000000Z' }],
      ['ends_on on dtstart', { ...base, ends_on: '2026-04-01' }],
      ['max_occurrences 1 and 366', { ...base, max_occurrences: 366 }],
      ['flat_price 0', { ...base, flat_price: 0 }],
      ['unit_price 0, fractional quantity', { ...base, line_items: [{ description: 'Free', unit_price: 0, quantity: 0.5 }] }],
      ['nulls for optional fields', { ...base, description: null, customer_id: null, flat_price: null, ends_on: null, max_occurrences: null, external_id: null }],
      ['dtstart in the past', { ...base, dtstart: '2020-01-01' }],
      ['zone alias', { ...base, timezone: 'US/Pacific' }]
    ]
    for (const [name, body] of accepted) {
      const res = await api.post('/v1/job_series', body)
      t.equal(res.status, 201, `${name}: ${JSON.stringify(res.body)}`)
    }
    const normalized = await api.post('/v1/job_series', { ...base, rrule: ' rrule:freq=daily;count=3 ' })
    t.equal(normalized.body.rrule, 'FREQ=DAILY;COUNT=3', 'the rule is stored as parsed')
  })
})

t.test('REST bodies that are not JSON objects answer invalid_input on the series side', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const cases: Array<[string, string]> = [['{"title": ', 'malformed JSON'], ['[1,2]', 'an array'], ['', 'an empty body'], ['"text"', 'a string']]
    for (const [payload, name] of cases) {
      const res = await app.inject({ method: 'POST', url: '/v1/job_series', headers: { ...tenant.headers, 'content-type': 'application/json' }, payload })
      t.strictSame([res.statusCode, res.json().error.code], [400, 'invalid_input'], name)
    }
    const patch = await app.inject({ method: 'PATCH', url: '/v1/jobs/00000000-0000-4000-8000-000000000000', headers: { ...tenant.headers, 'content-type': 'application/json' }, payload: '{' })
    t.strictSame([patch.statusCode, patch.json().error.code], [400, 'invalid_input'])
  })
})

t.test('external_id is unique per tenant: reuse is a conflict', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const other = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const first = await api.post('/v1/job_series', { ...base, external_id: 'crm-1' })
    t.equal(first.status, 201)
    const again = await api.post('/v1/job_series', { ...base, external_id: 'crm-1' })
    t.strictSame([again.status, again.body.error.code], [409, 'conflict'])
    const viaMcp = await mcp(app, tenant.headers).tool('job_series.create', { ...base, external_id: 'crm-1' })
    t.strictSame([viaMcp.isError, viaMcp.value.error.code], [true, 'conflict'])
    t.equal((await rest(app, other.headers).post('/v1/job_series', { ...base, external_id: 'crm-1' })).status, 201, 'another tenant may use it')
    const second = await api.post('/v1/job_series', { ...base, external_id: 'crm-2' })
    const moved = await api.patch(`/v1/job_series/${second.body.id}`, { external_id: 'crm-1' })
    t.strictSame([moved.status, moved.body.error.code], [409, 'conflict'])
    t.equal((await api.get('/v1/job_series')).body.count, 2, 'the conflicting create left nothing behind')
    const noIds = await api.post('/v1/job_series', base)
    const noIds2 = await api.post('/v1/job_series', base)
    t.strictSame([noIds.status, noIds2.status], [201, 201], 'series without external_id never conflict')
  })
})

t.test('scopes: read and write are separate; create and update need a user-bound key; end does not', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const series = (await api.post('/v1/job_series', base)).body
    const job = (await api.get(`/v1/jobs?seriesId=${series.id}`)).body.data[0]
    const validPreview = { rrule: 'FREQ=DAILY', dtstart: '2026-04-01', timezone: 'UTC' }

    // [route, method, url, body, tool, args, scope]
    const operations: Array<[string, 'GET' | 'POST' | 'PATCH', string, unknown, string, Record<string, unknown>, string]> = [
      ['list series', 'GET', '/v1/job_series', undefined, 'job_series.list', {}, 'read:job_series'],
      ['get series', 'GET', `/v1/job_series/${series.id}`, undefined, 'job_series.get', { id: series.id }, 'read:job_series'],
      ['preview series', 'POST', '/v1/job_series/preview', validPreview, 'job_series.preview', validPreview, 'read:job_series'],
      ['create series', 'POST', '/v1/job_series', { bad: 'body' }, 'job_series.create', { bad: 'args' }, 'write:job_series'],
      ['update series', 'PATCH', `/v1/job_series/${series.id}`, { title: 'x' }, 'job_series.update', { id: series.id, title: 'x' }, 'write:job_series'],
      ['end series', 'POST', `/v1/job_series/${series.id}/end`, {}, 'job_series.end', { id: series.id }, 'write:job_series'],
      ['list jobs', 'GET', '/v1/jobs', undefined, 'jobs.list', {}, 'read:jobs'],
      ['get job', 'GET', `/v1/jobs/${job.id}`, undefined, 'jobs.get', { id: job.id }, 'read:jobs'],
      ['update job', 'PATCH', `/v1/jobs/${job.id}`, { status: 'nonsense' }, 'jobs.update', { id: job.id, status: 'nonsense' }, 'write:jobs']
    ]
    const allScopes = ['read:job_series', 'write:job_series', 'read:jobs', 'write:jobs'] as const
    for (const [name, method, url, body, toolName, args, scope] of operations) {
      // Every scope but the one needed (write never implies read, and read never implies write).
      const key = await keyFor(app, tenant, 'user', allScopes.filter((s) => s !== scope))
      const res = await rest(app, key.headers).call(method, url, body)
      t.strictSame([res.status, res.body.error.code], [403, 'insufficient_scope'], `REST ${name} without ${scope} (checked before the body)`)
      const viaMcp = await mcp(app, key.headers).tool(toolName, args)
      t.strictSame([viaMcp.isError, viaMcp.value?.error?.code], [true, 'insufficient_scope'], `MCP ${name} without ${scope}`)
    }

    const writeOnly = await keyFor(app, tenant, 'user', ['write:job_series'])
    t.equal((await rest(app, writeOnly.headers).post('/v1/job_series', base)).status, 201, 'write:job_series alone can create')
    t.equal((await rest(app, writeOnly.headers).get('/v1/job_series')).status, 403, '…but not read')

    const tenantKey = await keyFor(app, tenant, 'tenant')
    for (const [name, answer] of [
      ['REST create', await rest(app, tenantKey.headers).post('/v1/job_series', base)],
      ['REST update', await rest(app, tenantKey.headers).patch(`/v1/job_series/${series.id}`, { title: 'x' })]
    ] as const) {
      t.strictSame([answer.status, answer.body.error.code], [400, 'invalid_input'], `${name} with a tenant key`)
    }
    const tenantMcp = mcp(app, tenantKey.headers)
    t.equal((await tenantMcp.tool('job_series.create', base)).value.error.code, 'invalid_input')
    t.equal((await tenantMcp.tool('job_series.update', { id: series.id, title: 'x' })).value.error.code, 'invalid_input')
    t.strictSame((await tenantMcp.tool('job_series.end', { id: series.id })).value, { ended: true, id: series.id }, 'a tenant key can end a series')
    t.equal((await tenantMcp.tool('job_series.list', {})).value.count, 2, 'and read with read:job_series')

    // The plain preview endpoint needs only a valid key.
    const noSeriesScopes = await keyFor(app, tenant, 'tenant', ['read:recurring'])
    t.equal((await rest(app, noSeriesScopes.headers).post('/v1/preview/rrule', validPreview)).status, 200)
    t.equal((await app.inject({ method: 'POST', url: '/v1/preview/rrule', payload: validPreview })).statusCode, 401)
  })
})
