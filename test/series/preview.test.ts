// RRULE previews (docs/contract.md §8): POST /v1/preview/rrule, POST /v1/job_series/preview and job_series.preview list
// the first `count` occurrences counted from dtstart, validated like job_series.create.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { mcp, rest, seriesTenant } from './fixtures.js'

const reference = { rrule: 'FREQ=WEEKLY;BYDAY=MO', dtstart: '2026-07-07', timezone: 'America/Los_Angeles' }

t.test('the reference example: every Monday from Tuesday 2026-07-07 starts 2026-07-13', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const expected = {
      occurrences: ['2026-07-13', '2026-07-20', '2026-07-27'].map((date) => ({ date, scheduled_start: `${date}T00:00:00-07:00` }))
    }
    for (const url of ['/v1/preview/rrule', '/v1/job_series/preview']) {
      const res = await api.post(url, { ...reference, count: 3 })
      t.strictSame([res.status, res.body], [200, expected], url)
    }
    const viaMcp = await mcp(app, tenant.headers).tool('job_series.preview', { ...reference, count: 3 })
    t.strictSame(viaMcp.value, expected)

    const defaults = await api.post('/v1/preview/rrule', reference)
    t.equal(defaults.body.occurrences.length, 10, 'count defaults to 10')
    t.equal(defaults.body.occurrences[9].date, '2026-09-14')
    const many = await api.post('/v1/preview/rrule', { ...reference, rrule: 'FREQ=DAILY', count: 1000 })
    t.equal(many.body.occurrences.length, 1000)
  })
})

t.test('previews count from dtstart, honour every cap, and show DST offsets', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const datesOf = async (body: Record<string, unknown>) => ((await api.post('/v1/preview/rrule', body)).body.occurrences as any[]).map((o) => o.date)
    // Today is 2026-03-24: a preview still starts at dtstart, in the past too.
    t.strictSame(await datesOf({ rrule: 'FREQ=DAILY;COUNT=3', dtstart: '2026-01-30', timezone: 'UTC' }), ['2026-01-30', '2026-01-31', '2026-02-01'])
    t.strictSame(await datesOf({ rrule: 'FREQ=MONTHLY', dtstart: '2026-01-31', timezone: 'UTC', count: 4 }), ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31'], 'dateutil skips months without a 31st')
    t.strictSame(await datesOf({ rrule: 'FREQ=DAILY', dtstart: '2026-04-01', timezone: 'UTC', max_occurrences: 2 }), ['2026-04-01', '2026-04-02'])
    t.strictSame(await datesOf({ rrule: 'FREQ=DAILY', dtstart: '2026-04-01', timezone: 'UTC', ends_on: '2026-04-03' }), ['2026-04-01', '2026-04-02', '2026-04-03'])
    t.strictSame(await datesOf({ rrule: 'FREQ=DAILY;UNTIL=20260402T120000Z', dtstart: '2026-04-01', timezone: 'Pacific/Kiritimati' }), ['2026-04-01', '2026-04-02', '2026-04-03'], 'UTC UNTIL read in the zone (+14:00)')
    t.strictSame(await datesOf({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', dtstart: '2026-01-01', timezone: 'UTC' }), [], 'a rule without occurrences previews none')

    const santiago = await api.post('/v1/preview/rrule', { rrule: 'FREQ=DAILY', dtstart: '2026-09-05', timezone: 'America/Santiago', count: 3 })
    t.strictSame(santiago.body.occurrences, [
      { date: '2026-09-05', scheduled_start: '2026-09-05T00:00:00-04:00' },
      { date: '2026-09-06', scheduled_start: '2026-09-06T01:00:00-03:00' },
      { date: '2026-09-07', scheduled_start: '2026-09-07T00:00:00-03:00' }
    ])
    const utc = await api.post('/v1/preview/rrule', { rrule: 'FREQ=DAILY', dtstart: '2026-09-05', timezone: 'UTC', count: 1 })
    t.equal(utc.body.occurrences[0].scheduled_start, '2026-09-05T00:00:00+00:00')
  })
})

t.test('previews validate like job_series.create', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const { tool } = mcp(app, tenant.headers)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...reference, rrule: 'FREQ=HOURLY' }, 'rrule'],
      [{ ...reference, rrule: 'FREQ=DAILY;COUNT=400' }, 'rrule'],
      [{ ...reference, rrule: 'FREQ=DAILY;UNTIL=20400101' }, 'rrule'],
      [{ ...reference, timezone: 'Nowhere/Special' }, 'timezone'],
      [{ ...reference, dtstart: '2026-13-01' }, 'dtstart'],
      [{ ...reference, ends_on: '2026-07-06' }, 'ends_on'],
      [{ ...reference, max_occurrences: 0 }, 'max_occurrences'],
      [{ ...reference, count: 0 }, 'count'],
      [{ ...reference, count: 1001 }, 'count'],
      [{ rrule: 'FREQ=DAILY', timezone: 'UTC' }, 'dtstart']
    ]
    for (const [body, field] of cases) {
      for (const url of ['/v1/preview/rrule', '/v1/job_series/preview']) {
        const res = await api.post(url, body)
        t.strictSame([res.status, res.body.error.code, res.body.error.details?.[0]?.field], [400, 'invalid_input', field], `${url} ${JSON.stringify(body)}`)
      }
      const viaMcp = await tool('job_series.preview', body)
      t.strictSame([viaMcp.value.error.code, viaMcp.value.error.details?.[0]?.field], ['invalid_input', field])
    }
  })
})

t.test('the three RFC 5545 corrections of dateutil answer the same over both REST previews and job_series.preview', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const { tool } = mcp(app, tenant.headers)
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      // dateutil intersects the two lists and answers nothing.
      ['a BYDAY mixing plain and ordinal weekdays is a union', { rrule: 'FREQ=MONTHLY;BYDAY=1MO,FR;COUNT=6', dtstart: '2026-01-01' },
        ['2026-01-02', '2026-01-05', '2026-01-09', '2026-01-16', '2026-01-23', '2026-01-30']],
      // dateutil: 2022-01-01, 2022-01-02, 2026-12-28 (it counts 2021 as a year with a week 53).
      ['BYWEEKNO gives the days before week 1 to the previous year\'s real last week', { rrule: 'FREQ=YEARLY;BYWEEKNO=53;COUNT=3', dtstart: '2022-01-01' },
        ['2026-12-28', '2026-12-29', '2026-12-30']],
      // dateutil: 2026-01-07, 2026-01-12, 2026-01-19 (it counts the first week from dtstart).
      ['WEEKLY BYSETPOS counts positions in weeks starting on WKST', { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1;COUNT=3', dtstart: '2026-01-07' },
        ['2026-01-12', '2026-01-19', '2026-01-26']]
    ]
    for (const [says, rule, expectedDates] of cases) {
      const body = { ...rule, timezone: 'UTC' }
      const expected = { occurrences: expectedDates.map((date) => ({ date, scheduled_start: `${date}T00:00:00+00:00` })) }
      for (const url of ['/v1/preview/rrule', '/v1/job_series/preview']) t.strictSame(await api.post(url, body), { status: 200, body: expected }, `${says}: ${url}`)
      const viaMcp = await tool('job_series.preview', body)
      t.strictSame([viaMcp.isError, viaMcp.value], [false, expected], `${says}: job_series.preview`)
    }
  })
})
