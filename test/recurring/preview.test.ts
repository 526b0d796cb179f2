// POST /v1/preview/cron (docs/contract.md §8): occurrences with the zone's offset at each instant.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { client, codeOf } from './client.js'

t.test('POST /v1/preview/cron writes each occurrence with the offset of its zone at that instant, across DST changes', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['the contract example: New York springs forward on 8 March',
        { cron_expression: '0 3 * * *', timezone: 'America/New_York', from: '2026-03-06T12:00:00Z', count: 3 },
        ['2026-03-07T03:00:00-05:00', '2026-03-08T03:00:00-04:00', '2026-03-09T03:00:00-04:00']],
      ['a time in the spring gap fires at the end of the gap',
        { cron_expression: '30 2 * * *', timezone: 'America/New_York', from: '2026-03-07T12:00:00Z', count: 2 },
        ['2026-03-08T03:00:00-04:00', '2026-03-09T02:30:00-04:00']],
      ['an interval expression fires in both offsets of the autumn overlap',
        { cron_expression: '*/30 1 * * *', timezone: 'America/New_York', from: '2026-11-01T04:00:00Z', count: 5 },
        ['2026-11-01T01:00:00-04:00', '2026-11-01T01:30:00-04:00', '2026-11-01T01:00:00-05:00', '2026-11-01T01:30:00-05:00', '2026-11-02T01:00:00-05:00']],
      ['a fixed time fires once in the overlap, in the first offset',
        { cron_expression: '30 1 * * *', timezone: 'America/New_York', from: '2026-11-01T04:00:00Z', count: 2 },
        ['2026-11-01T01:30:00-04:00', '2026-11-02T01:30:00-05:00']],
      ['a half-hour offset', { cron_expression: '0 9 * * *', timezone: 'Asia/Kolkata', count: 1 }, ['2026-03-25T09:00:00+05:30']],
      ['UTC is written +00:00, from defaults to now and is exclusive', { cron_expression: '0 15 * * *', count: 2 }, ['2026-03-25T15:00:00+00:00', '2026-03-26T15:00:00+00:00']],
      ['inclusive counts from itself when it matches', { cron_expression: '0 15 * * *', count: 2, inclusive: true }, ['2026-03-24T15:00:00+00:00', '2026-03-25T15:00:00+00:00']],
      ['from with an offset is the same instant', { cron_expression: '0 15 * * *', count: 1, inclusive: true, from: '2026-03-24T11:00:00-04:00' }, ['2026-03-24T15:00:00+00:00']],
      ['inclusive with a from that does not match changes nothing', { cron_expression: '0 15 * * *', count: 1, inclusive: true, from: '2026-03-24T15:00:00.500Z' }, ['2026-03-25T15:00:00+00:00']],
      ['a schedule that never fires gives []', { cron_expression: '0 0 30 2 *' }, []],
      ['fewer than count when the schedule runs out before year 10000', { cron_expression: '0 0 29 2 *', from: '9990-01-01T00:00:00Z', count: 10 },
        ['9992-02-29T00:00:00+00:00', '9996-02-29T00:00:00+00:00']],
      ['six fields', { cron_expression: '*/20 * * * * *', count: 3 }, ['2026-03-24T15:00:20+00:00', '2026-03-24T15:00:40+00:00', '2026-03-24T15:01:00+00:00']],
      ['a macro is never jittered, even with a seed', { cron_expression: '@hourly', seed_id: 'rjob_x', count: 1 }, ['2026-03-24T16:00:00+00:00']]
    ]
    for (const [why, body, expected] of cases) {
      const res = await api.preview(body)
      t.equal(res.statusCode, 200, why)
      t.strictSame(res.json(), { occurrences: expected }, why)
    }
  })
})

t.test('POST /v1/preview/cron gives 10 occurrences by default and up to 1000', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const ten = (await api.preview({ cron_expression: '0 * * * *' })).json().occurrences as string[]
    t.equal(ten.length, 10)
    t.equal(ten[0], '2026-03-24T16:00:00+00:00')
    t.equal(ten[9], '2026-03-25T01:00:00+00:00')
    const many = (await api.preview({ cron_expression: '* * * * * *', count: 1000 })).json().occurrences as string[]
    t.equal(many.length, 1000)
    t.equal(many[999], '2026-03-24T15:16:40+00:00')
  })
})

t.test('POST /v1/preview/cron accepts H only with a seed_id, and the seed picks the value', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const unseeded = await api.preview({ cron_expression: 'H 3 * * *' })
    t.equal(unseeded.statusCode, 400)
    t.equal(codeOf(unseeded), 'invalid_cron_expression')
    t.match(unseeded.json().error.message, /seed id/)

    const seeded = await api.preview({ cron_expression: 'H 3 * * *', seed_id: 'rjob_daily_cleanup', count: 3 })
    t.equal(seeded.statusCode, 200)
    const occurrences = seeded.json().occurrences as string[]
    t.match(occurrences[0], /^2026-03-25T03:\d\d:00\+00:00$/)
    t.strictSame(occurrences.map((o) => o.slice(13)), occurrences.map(() => occurrences[0]!.slice(13)), 'the same minute every day')
    t.strictSame((await api.preview({ cron_expression: 'H 3 * * *', seed_id: 'rjob_daily_cleanup', count: 3 })).json(), seeded.json(), 'stable')

    const minutes = new Set<string>()
    for (let i = 0; i < 8; i++) minutes.add((await api.preview({ cron_expression: 'H 3 * * *', seed_id: `seed-${i}`, count: 1 })).json().occurrences[0])
    t.ok(minutes.size > 1, 'different seeds spread')
  })
})

t.test('POST /v1/preview/cron refuses like PUT, checking the body, then the cron, then the zone', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const cases: Array<[string, Record<string, unknown>, string, string | undefined]> = [
      ['missing cron_expression', { timezone: 'UTC' }, 'invalid_request', 'cron_expression'],
      ['from in words', { cron_expression: '0 3 * * *', from: 'yesterday' }, 'invalid_request', 'from'],
      ['from without an offset', { cron_expression: '0 3 * * *', from: '2026-03-24T15:00:00' }, 'invalid_request', 'from'],
      ['from a date only', { cron_expression: '0 3 * * *', from: '2026-03-24' }, 'invalid_request', 'from'],
      ['from on 30 February', { cron_expression: '0 3 * * *', from: '2026-02-30T00:00:00Z' }, 'invalid_request', 'from'],
      ['count 0', { cron_expression: '0 3 * * *', count: 0 }, 'invalid_request', 'count'],
      ['count 1001', { cron_expression: '0 3 * * *', count: 1001 }, 'invalid_request', 'count'],
      ['count as text', { cron_expression: '0 3 * * *', count: '5' }, 'invalid_request', 'count'],
      ['inclusive as text', { cron_expression: '0 3 * * *', inclusive: 'yes' }, 'invalid_request', 'inclusive'],
      ['seed_id not an id', { cron_expression: 'H 3 * * *', seed_id: 'bad id' }, 'invalid_request', 'seed_id'],
      ['bad from before bad cron', { cron_expression: 'nope', from: 'nope' }, 'invalid_request', 'from'],
      ['bad cron', { cron_expression: '0 3 * *' }, 'invalid_cron_expression', 'cron_expression'],
      ['bad cron before bad zone', { cron_expression: 'x', timezone: 'Mars/Olympus_Mons' }, 'invalid_cron_expression', 'cron_expression'],
      ['bad zone', { cron_expression: '0 3 * * *', timezone: 'Mars/Olympus_Mons' }, 'invalid_timezone', 'timezone']
    ]
    for (const [why, body, code, field] of cases) {
      const res = await api.preview(body)
      t.equal(res.statusCode, 400, why)
      t.equal(codeOf(res), code, why)
      t.equal(res.json().error.details?.[0]?.field, field, why)
    }
  })
})
