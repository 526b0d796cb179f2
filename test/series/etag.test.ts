// Series ETags (docs/contract.md §13): GET and PATCH answer ETag; PATCH and end with an If-Match that does not match
// answer 412 precondition_failed; over MCP job_series.update / end take if_match.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { mcp, rest, seriesTenant } from './fixtures.js'

const daily = { title: 'Daily check', rrule: 'FREQ=DAILY;COUNT=3', timezone: 'UTC', dtstart: '2026-03-24' }

t.test('GET and PATCH answer the series ETag; a stale If-Match answers 412', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const series = (await api.post('/v1/job_series', daily)).body
    const url = `/v1/job_series/${series.id}`
    const get = await app.inject({ method: 'GET', url, headers: tenant.headers })
    const etag = get.headers.etag as string
    t.equal(etag, '"v1"')
    const patch = (ifMatch: string, payload: object) => app.inject({ method: 'PATCH', url, headers: { ...tenant.headers, 'if-match': ifMatch }, payload })
    const ok = await patch(etag, { title: 'Renamed' })
    t.equal(ok.statusCode, 200)
    t.equal(ok.headers.etag, '"v2"', 'PATCH answers the new ETag')
    t.equal((await app.inject({ method: 'GET', url, headers: tenant.headers })).headers.etag, '"v2"')
    const stale = await patch(etag, { title: 'Lost update' })
    t.equal(stale.statusCode, 412)
    t.equal(stale.json().error.code, 'precondition_failed')
    t.equal((await api.get(url)).body.title, 'Renamed', 'nothing written')
    t.equal((await patch('*', { title: 'Any version' })).statusCode, 200, 'If-Match: * matches any version')
    t.equal((await patch('"v1", "v3"', { title: 'From a list' })).statusCode, 200, 'a list holding the current ETag matches')
    const staleEnd = await app.inject({ method: 'POST', url: `${url}/end`, headers: { ...tenant.headers, 'if-match': '"v1"' } })
    t.strictSame([staleEnd.statusCode, staleEnd.json().error.code], [412, 'precondition_failed'])
    const end = await app.inject({ method: 'POST', url: `${url}/end`, headers: { ...tenant.headers, 'if-match': '"v4"' } })
    t.strictSame([end.statusCode, end.json()], [200, { ended: true, id: series.id }])
  })
})

t.test('over MCP, job_series.get answers the etag and update / end take if_match', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const tool = mcp(app, tenant.headers).tool
    const series = (await tool('job_series.create', daily)).value
    const got = await tool('job_series.get', { id: series.id })
    t.equal(got.value.etag, '"v1"')
    const updated = await tool('job_series.update', { id: series.id, title: 'Renamed', if_match: got.value.etag })
    t.strictSame([updated.isError, updated.value.etag], [false, '"v2"'])
    const stale = await tool('job_series.update', { id: series.id, title: 'Lost', if_match: got.value.etag })
    t.strictSame([stale.isError, stale.value.error.code], [true, 'precondition_failed'])
    const staleEnd = await tool('job_series.end', { id: series.id, if_match: '"v1"' })
    t.strictSame([staleEnd.isError, staleEnd.value.error.code], [true, 'precondition_failed'])
    const end = await tool('job_series.end', { id: series.id, if_match: '"v2"' })
    t.strictSame([end.isError, end.value], [false, { ended: true, id: series.id }])
  })
})
