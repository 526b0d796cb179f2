// Bounded list answers (CONTRACT §10): a page holds at most `limit` rows and at most 4 MiB of JSON, ending early
// with next_cursor set; following the cursors still gives every row exactly once.
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'

const MiB = 1024 * 1024

async function everyPage (t: Test, app: FastifyInstance, headers: Record<string, string>, url: string) {
  const pages: Array<{ bytes: number, ids: string[] }> = []
  let cursor: string | null = null
  do {
    const res: Awaited<ReturnType<FastifyInstance['inject']>> = await app.inject({ method: 'GET', url: `${url}${cursor === null ? '' : `${url.includes('?') ? '&' : '?'}cursor=${cursor}`}`, headers })
    t.equal(res.statusCode, 200)
    const body = res.json()
    pages.push({ bytes: Buffer.byteLength(res.body), ids: body.data.map((row: { id: string }) => row.id) })
    cursor = body.next_cursor
  } while (cursor !== null && pages.length < 10)
  return pages
}

t.test('GET /v1/recurring and GET /v1/executions stop a page before 4 MiB of JSON', async (t) => {
  await eachApp(t, async (t, { app, db }) => {
    const tenant = await createTenant(app)
    // 100 schedules of a 60,000-character payload: 6 MB if answered in one page.
    await db.database.db.execute(sql`insert into recurring_jobs (tenant_id, id, job_type, queue, cron_expression, timezone, payload,
      enabled, max_attempts, timeout_seconds, next_run_at, created_at)
      select ${tenant.tenantId}, 'r' || lpad(g::text, 3, '0'), 'T' || g, 'default', '0 3 * * *', 'UTC',
        jsonb_build_object('blob', repeat('x', 60000)), true, 3, 1800, '2026-03-25T03:00:00Z', '2026-03-24T15:00:00Z'
      from generate_series(1, 100) g`)
    const pages = await everyPage(t, app, tenant.headers, '/v1/recurring?limit=1000')
    t.ok(pages.length >= 2, `the list took ${pages.length} pages`)
    for (const page of pages) t.ok(page.bytes <= 4 * MiB, `a page of ${page.ids.length} rows is ${page.bytes} bytes`)
    t.ok(pages[0]!.ids.length >= 60, 'the first page is filled up to the budget')
    const all = pages.flatMap((p) => p.ids)
    t.strictSame(all, Array.from({ length: 100 }, (_, i) => `r${String(i + 1).padStart(3, '0')}`), 'every schedule once, in order')

    for (let i = 0; i < 80; i++) {
      const res = await app.inject({ method: 'POST', url: `/v1/recurring/r${String((i % 100) + 1).padStart(3, '0')}/trigger`, headers: tenant.headers })
      t.equal(res.statusCode, 201)
    }
    const executionPages = await everyPage(t, app, tenant.headers, '/v1/executions?limit=1000')
    t.ok(executionPages.length >= 2, `executions took ${executionPages.length} pages`)
    for (const page of executionPages) t.ok(page.bytes <= 4 * MiB, `an executions page of ${page.ids.length} rows is ${page.bytes} bytes`)
    const executionIds = executionPages.flatMap((p) => p.ids)
    t.equal(new Set(executionIds).size, 80, 'every execution once')
    const defaultPage = await app.inject({ method: 'GET', url: '/v1/executions', headers: tenant.headers })
    t.ok(defaultPage.json().data.length <= 100)
  })
})
