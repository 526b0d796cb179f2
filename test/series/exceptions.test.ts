// exdates / rdates (docs/contract.md §14): RFC 5545 EXDATE and RDATE with dateutil rruleset semantics on create, update
// and preview, over REST and MCP.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { allJobs, dates, live, mcp, rest, seriesTenant } from './fixtures.js'

const env = { GENERATION_HORIZON_DAYS: '20' }
// Now is 2026-03-24T15:00:00Z (a Tuesday). Mondays in the window: 03-30, 04-06, 04-13.
const weekly = { title: 'Pool service', rrule: 'FREQ=WEEKLY;BYDAY=MO', timezone: 'UTC', dtstart: '2026-03-24' }

t.test('create: an exdate never gets an instance, an rdate gets one; the record carries both', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const created = await api.post('/v1/job_series', { ...weekly, exdates: ['2026-04-06', '2026-04-06'], rdates: ['2026-04-01', '2026-03-30'] })
    t.equal(created.status, 201, JSON.stringify(created.body))
    t.strictSame([created.body.exdates, created.body.rdates, created.body.split_from_id], [['2026-04-06'], ['2026-03-30', '2026-04-01'], null], 'sorted, distinct')
    t.strictSame(dates(await allJobs(app, tenant.headers, created.body.id)), ['2026-03-30', '2026-04-01', '2026-04-13'])
    const got = await api.get(`/v1/job_series/${created.body.id}`)
    t.strictSame([got.body.exdates, got.body.rdates], [['2026-04-06'], ['2026-03-30', '2026-04-01']])
  }, { env })
})

t.test('job_series.create takes exdates and rdates too; a BYDAY union and a WEEKLY BYSETPOS follow RFC 5545 in the instances', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const { tool } = mcp(app, tenant.headers)
    const created = await tool('job_series.create', { ...weekly, exdates: ['2026-04-06'], rdates: ['2026-04-08', '2026-04-01', '2026-04-08'] })
    t.equal(created.isError, false, JSON.stringify(created.value))
    t.strictSame([created.value.exdates, created.value.rdates], [['2026-04-06'], ['2026-04-01', '2026-04-08']], 'sorted, distinct')
    t.strictSame(dates(await allJobs(app, tenant.headers, created.value.id)), ['2026-03-30', '2026-04-01', '2026-04-08', '2026-04-13'])
    const got = await tool('job_series.get', { id: created.value.id })
    t.strictSame([got.value.exdates, got.value.rdates], [['2026-04-06'], ['2026-04-01', '2026-04-08']])

    // Window 03-24 … 04-13. dateutil would give the first of these no date at all and start the second on 03-25.
    const union = await rest(app, tenant.headers).post('/v1/job_series', { ...weekly, rrule: 'FREQ=MONTHLY;BYDAY=1MO,FR', exdates: ['2026-04-03'] })
    t.strictSame(dates(await allJobs(app, tenant.headers, union.body.id)), ['2026-03-27', '2026-04-06', '2026-04-10'], 'every Friday and the first Monday, less the exdate')
    const setPos = await tool('job_series.create', { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1', dtstart: '2026-03-25' })
    t.strictSame(dates(await allJobs(app, tenant.headers, setPos.value.id)), ['2026-03-30', '2026-04-06', '2026-04-13'], 'the first of each week from Monday; Monday 03-23 was before dtstart')
  }, { env })
})

t.test('COUNT counts the rule\'s own dates; max_occurrences counts the resulting set', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const counted = await api.post('/v1/job_series', { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=2', exdates: ['2026-03-30'], rdates: ['2026-04-10'] })
    t.strictSame(dates(await allJobs(app, tenant.headers, counted.body.id)), ['2026-04-06', '2026-04-10'], 'the excluded Monday still used one of the two')
    const capped = await api.post('/v1/job_series', { ...weekly, max_occurrences: 2, exdates: ['2026-03-30'], rdates: ['2026-04-01'] })
    t.strictSame(dates(await allJobs(app, tenant.headers, capped.body.id)), ['2026-04-01', '2026-04-06'], 'two dates of the set')
  }, { env })
})

t.test('preview takes exdates and rdates, over REST and MCP', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const body = { rrule: 'FREQ=MONTHLY;BYDAY=1MO,FR;COUNT=4', dtstart: '2026-05-01', timezone: 'America/New_York', exdates: ['2026-05-08'], rdates: ['2026-05-03'], count: 4 }
    const expected = {
      occurrences: [
        { date: '2026-05-01', scheduled_start: '2026-05-01T00:00:00-04:00' },
        { date: '2026-05-03', scheduled_start: '2026-05-03T00:00:00-04:00' },
        { date: '2026-05-04', scheduled_start: '2026-05-04T00:00:00-04:00' },
        { date: '2026-05-15', scheduled_start: '2026-05-15T00:00:00-04:00' }
      ]
    }
    const viaRest = await rest(app, tenant.headers).post('/v1/job_series/preview', body)
    t.strictSame(viaRest, { status: 200, body: expected })
    t.strictSame((await rest(app, tenant.headers).post('/v1/preview/rrule', body)).body, expected)
    const viaMcp = await mcp(app, tenant.headers).tool('job_series.preview', body)
    t.strictSame([viaMcp.isError, viaMcp.value], [false, expected])
  }, { env })
})

t.test('update: adding an exdate cancels that date\'s pending instance (series_updated), even one already started', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const daily = (await api.post('/v1/job_series', { ...weekly, rrule: 'FREQ=DAILY;COUNT=5' })).body
    const before = await allJobs(app, tenant.headers, daily.id)
    t.strictSame(dates(before), ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28'])
    const updated = await api.patch(`/v1/job_series/${daily.id}`, { exdates: ['2026-03-24', '2026-03-26'], rdates: ['2026-04-02'] })
    t.equal(updated.status, 200, JSON.stringify(updated.body))
    t.strictSame(updated.body.regeneration, { cancelled: ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28'], created: ['2026-03-25', '2026-03-27', '2026-03-28', '2026-04-02'], kept: [], preserved: [] })
    const after = await allJobs(app, tenant.headers, daily.id)
    t.strictSame(dates(live(after)), ['2026-03-25', '2026-03-27', '2026-03-28', '2026-04-02'])
    const today = after.find((j) => j.id === before[0].id)
    t.match(today, { status: 'cancelled', cancel_reason: 'series_updated' }, 'today\'s instance started at 00:00Z and is cancelled all the same')
    const { tool } = mcp(app, tenant.headers)
    // Edit-all: the pending instances from now on are cancelled and every date of the new set gets a fresh one.
    const REGEN = { cancelled: ['2026-03-25', '2026-03-27', '2026-03-28', '2026-04-02'], created: ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-04-02'], kept: [], preserved: [] }
    const dry = await tool('job_series.update', { id: daily.id, exdates: [], dry_run: true })
    t.strictSame([dry.isError, dry.value.series.exdates, dry.value.regeneration], [false, [], REGEN], 'dry_run over MCP announces the regeneration …')
    t.strictSame(dates(live(await allJobs(app, tenant.headers, daily.id))), ['2026-03-25', '2026-03-27', '2026-03-28', '2026-04-02'], '… and writes nothing')
    const viaMcp = await tool('job_series.update', { id: daily.id, exdates: [] })
    t.strictSame([viaMcp.isError, viaMcp.value.regeneration], [false, REGEN], '… that the real update then reports')
    t.strictSame(dates(live(await allJobs(app, tenant.headers, daily.id))), ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-04-02'],
      'dropping the exdates brings their dates back (today\'s too: only the service cancelled it), the rdate stays')
  }, { env })
})

t.test('exdates and rdates are validated: real dates, at most 366, rdates not before dtstart', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const tool = mcp(app, tenant.headers)
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['an impossible exdate', { exdates: ['2026-02-30'] }, 'exdates.0'],
      ['an exdate that is not a date', { exdates: ['next monday'] }, 'exdates'],
      ['an rdate before dtstart', { rdates: ['2026-04-01', '2026-03-01'] }, 'rdates.1'],
      ['367 exdates', { exdates: Array.from({ length: 367 }, (_, i) => new Date(Date.UTC(2026, 3, 1 + i)).toISOString().slice(0, 10)) }, 'exdates']
    ]
    for (const [says, extra, field] of cases) {
      const res = await api.post('/v1/job_series', { ...weekly, ...extra })
      t.equal(res.status, 400, says)
      t.equal(res.body.error.code, 'invalid_input', says)
      t.ok(res.body.error.details.some((d: any) => d.field.startsWith(field)), `${says} names ${field}: ${JSON.stringify(res.body.error.details)}`)
      const viaMcp = await tool.tool('job_series.create', { ...weekly, ...extra })
      t.strictSame([viaMcp.isError, viaMcp.value.error.code], [true, 'invalid_input'], `${says} over MCP`)
    }
  }, { env })
})
