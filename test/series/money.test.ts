// Exact money (docs/contract.md §10): amounts with at most 2 decimals, quantities with at most 4; more is refused, never
// rounded. Totals are exact in integer cents, the same on both databases.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { adminHeaders } from '../helpers/keys.js'
import { allJobs, mcp, rest, seriesTenant } from './fixtures.js'

const weekly = { title: 'Pool service', rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=1', timezone: 'UTC', dtstart: '2026-03-24' }

t.test('more than 2 decimals in a price, or 4 in a quantity, is invalid_input, never rounded', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const tool = mcp(app, tenant.headers).tool
    for (const [says, extra, field] of [
      ['unit_price 1.005', { line_items: [{ description: 'A', unit_price: 1.005, quantity: 1 }] }, 'line_items.0.unit_price'],
      ['flat_price 10.001', { flat_price: 10.001 }, 'flat_price'],
      ['quantity 0.00001', { line_items: [{ description: 'A', unit_price: 1, quantity: 0.00001 }] }, 'line_items.0.quantity'],
      ['quantity 1.23456', { line_items: [{ description: 'A', unit_price: 1, quantity: 1.23456 }] }, 'line_items.0.quantity']
    ] as const) {
      const res = await api.post('/v1/job_series', { ...weekly, ...extra })
      t.strictSame([res.status, res.body.error?.code, res.body.error?.details?.[0]?.field], [400, 'invalid_input', field], says)
      const viaMcp = await tool('job_series.create', { ...weekly, ...extra })
      t.strictSame([viaMcp.isError, viaMcp.value.error.code], [true, 'invalid_input'], `${says} over MCP`)
    }
    const series = (await api.post('/v1/job_series', weekly)).body
    const patched = await api.patch(`/v1/job_series/${series.id}`, { flat_price: 0.125 })
    t.strictSame([patched.status, patched.body.error.code], [400, 'invalid_input'], 'update too')
    const catalog = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${tenant.tenantId}/catalog_items`, headers: adminHeaders, payload: { name: 'Chlorine', unit_price: 1.005 } })
    t.strictSame([catalog.statusCode, catalog.json().error.code, catalog.json().error.details], [400, 'invalid_request', [{ field: 'unit_price', message: 'has more than 2 decimals' }]], 'the admin catalog price too')
    const fine = await app.inject({ method: 'POST', url: `/admin/v1/tenants/${tenant.tenantId}/catalog_items`, headers: adminHeaders, payload: { name: 'Chlorine', unit_price: 1.01 } })
    t.equal(fine.json().unit_price, 1.01)
  })
})

t.test('totals are exact decimal sums in cents, carried as JSON numbers', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const tenant = await seriesTenant(app)
    const api = rest(app, tenant.headers)
    const cases: Array<[string, Array<{ unit_price: number, quantity: number }>, number]> = [
      ['0.1 × 3 is 0.30, not 0.30000000000000004', [{ unit_price: 0.1, quantity: 3 }], 0.3],
      ['0.29 × 3 + 0.01 × 7', [{ unit_price: 0.29, quantity: 3 }, { unit_price: 0.01, quantity: 7 }], 0.94],
      ['19.99 × 3 + 0.01 × 0.5: the half cent rounds up once, at the end', [{ unit_price: 19.99, quantity: 3 }, { unit_price: 0.01, quantity: 0.5 }], 59.98],
      ['999999.99 × 1000.0001', [{ unit_price: 999999.99, quantity: 1000.0001 }], 1000000090],
      ['1234.56 × 0.3333', [{ unit_price: 1234.56, quantity: 0.3333 }], 411.48]
    ]
    for (const [says, items, total] of cases) {
      const series = (await api.post('/v1/job_series', { ...weekly, line_items: items.map((i) => ({ description: 'x', ...i })) })).body
      const [job] = await allJobs(app, tenant.headers, series.id)
      t.equal(job.total, total, says)
      const detail = await api.get(`/v1/jobs/${job.id}`)
      t.strictSame(detail.body.job_line_items.map((i: any) => [i.unit_price, i.quantity]), items.map((i) => [i.unit_price, i.quantity]), `${says}: stored as given`)
    }
  })
})
