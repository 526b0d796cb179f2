// GET /v1/recurring (creation order, cursor pages) and PATCH /v1/recurring/{id} (docs/contract.md §5 extensions).
import { sql } from 'drizzle-orm'
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'
import { client, codeOf, DEFAULT_CONTROLS, REFERENCE_BODY, REFERENCE_RESPONSE } from './client.js'

const ids = (res: { json: () => { data: Array<{ id: string }> } }) => res.json().data.map((j) => j.id)

t.test('GET /v1/recurring lists in creation order, not by id or update time, and answers {data: []} with no schedules', async (t) => {
  await eachApp(t, async (t, { app, clock }) => {
    const a = await createTenant(app, { name: 'A' })
    const b = await createTenant(app, { name: 'B' })
    const apiA = client(app, a.headers)
    const apiB = client(app, b.headers)
    t.strictSame((await apiA.list()).json(), { data: [], next_cursor: null })

    for (const id of ['c', 'a', 'e', 'b', 'd']) {
      await apiA.put(id, { job_type: `Job.${id}`, cron_expression: '0 3 * * *' })
      await apiB.put(`b-${id}`, { job_type: `Job.${id}`, cron_expression: '0 3 * * *' })
    }
    clock.advance(60_000)
    await apiA.put('c', { job_type: 'Job.c', cron_expression: '0 4 * * *' })
    await apiA.patch('a', { enabled: false })
    const res = await apiA.list()
    t.equal(res.statusCode, 200)
    t.strictSame(ids(res), ['c', 'a', 'e', 'b', 'd'])
    t.equal(res.json().next_cursor, null)
    t.equal(res.json().data[0].cron_expression, '0 4 * * *', 'each item is the full record')
    t.strictSame(ids(await apiB.list()), ['b-c', 'b-a', 'b-e', 'b-b', 'b-d'])
  })
})

t.test('GET /v1/recurring with limit pages through every schedule once, following next_cursor', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const a = await createTenant(app, { name: 'A' })
    const other = client(app, (await createTenant(app, { name: 'B' })).headers)
    const api = client(app, a.headers)
    for (const id of ['c', 'a', 'e', 'b', 'd']) {
      await api.put(id, { job_type: `Job.${id}`, cron_expression: '0 3 * * *' })
      await other.put(id, { job_type: `Job.${id}`, cron_expression: '0 3 * * *' })
    }
    const seen: string[][] = []
    let cursor: string | null = null
    do {
      const res = await api.list(`?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`)
      t.equal(res.statusCode, 200)
      seen.push(ids(res))
      cursor = res.json().next_cursor
      if (cursor !== null) t.match(cursor, /^[A-Za-z0-9_-]+$/, 'the cursor is URL-safe')
    } while (cursor !== null && seen.length < 10)
    t.strictSame(seen, [['c', 'a'], ['e', 'b'], ['d']])

    const exact = await api.list('?limit=5')
    t.strictSame(ids(exact), ['c', 'a', 'e', 'b', 'd'])
    t.equal(exact.json().next_cursor, null, 'no cursor when the page ends exactly at the last schedule')

    // A schedule created while paging appears on a later page; one deleted behind the cursor does not matter.
    const first = await api.list('?limit=2')
    await api.del('a')
    await api.put('f', { job_type: 'Job.f', cron_expression: '0 3 * * *' })
    t.strictSame(ids(await api.list(`?limit=10&cursor=${first.json().next_cursor as string}`)), ['e', 'b', 'd', 'f'])
  })
})

t.test('GET /v1/recurring without limit answers at most 100 schedules and a next_cursor when there are more', async (t) => {
  await eachApp(t, async (t, { app, db }) => {
    const a = await createTenant(app)
    const api = client(app, a.headers)
    await db.database.db.execute(sql`insert into recurring_jobs (tenant_id, id, job_type, queue, cron_expression, timezone, payload,
      enabled, max_attempts, timeout_seconds, next_run_at, created_at)
      select ${a.tenantId}, 'r' || lpad(g::text, 4, '0'), 'T' || g, 'default', '0 3 * * *', 'UTC', '{}'::jsonb, true, 3, 1800,
        '2026-03-25T03:00:00Z', '2026-03-24T15:00:00Z' from generate_series(1, 1001) g`)
    const first = await api.list()
    t.equal(first.json().data.length, 100)
    t.equal(first.json().data[99].id, 'r0100')
    t.type(first.json().next_cursor, 'string')
    const last = await api.list('?limit=1000')
    t.equal(last.json().data.length, 1000)
    const rest = await api.list(`?limit=1000&cursor=${last.json().next_cursor as string}`)
    t.strictSame(ids(rest), ['r1001'])
    t.equal(rest.json().next_cursor, null)
  })
})

t.test('GET /v1/recurring with a bad limit or a malformed cursor answers 400 invalid_request', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    await api.put('a', { job_type: 'A', cron_expression: '0 3 * * *' })
    const forged = Buffer.from('abc').toString('base64url')
    for (const query of ['?limit=0', '?limit=1001', '?limit=abc', '?limit=1.5', '?cursor=', '?cursor=not*base64', `?cursor=${forged}`,
      `?cursor=${Buffer.from('-1').toString('base64url')}`, `?cursor=${Buffer.from('01').toString('base64url')}`, `?cursor=${'A'.repeat(101)}`]) {
      const res = await api.list(query)
      t.equal(res.statusCode, 400, query)
      t.equal(codeOf(res), 'invalid_request', query)
    }
    const cursor = await api.list(`?cursor=${forged}`)
    t.strictSame(cursor.json().error.details, [{ field: 'cursor', message: 'is malformed' }])
  })
})

t.test('PATCH /v1/recurring/{id} changes only the given fields and recomputes next_run_at from now', async (t) => {
  await eachApp(t, async (t, { app, clock, db }) => {
    const a = await createTenant(app)
    const api = client(app, a.headers)
    await api.put('rjob_daily_cleanup', { ...REFERENCE_BODY, max_attempts: 5 })
    await db.database.db.execute(sql`update recurring_jobs set last_run_at = '2026-03-24T07:00:00Z' where tenant_id = ${a.tenantId}`)

    clock.set('2026-03-24T16:00:00Z')
    const paused = await api.patch('rjob_daily_cleanup', { enabled: false })
    t.equal(paused.statusCode, 200)
    t.strictSame(paused.json(), {
      ...REFERENCE_RESPONSE,
      enabled: false,
      next_run_at: null,
      max_attempts: 5,
      last_run_at: '2026-03-24T07:00:00Z',
      state: 'paused',
      paused_at: '2026-03-24T16:00:00Z',
      updated_at: '2026-03-24T16:00:00Z'
    })

    clock.set('2026-03-26T12:00:00Z')
    const resumed = await api.patch('rjob_daily_cleanup', { enabled: true })
    t.equal(resumed.json().next_run_at, '2026-03-27T07:00:00Z', 're-enabling never catches up')

    const moved = await api.patch('rjob_daily_cleanup', { timezone: 'Europe/London' })
    t.equal(moved.json().next_run_at, '2026-03-27T03:00:00Z')
    t.equal(moved.json().cron_expression, '0 3 * * *')

    const several = await api.patch('rjob_daily_cleanup', { cron_expression: '30 2 * * 0', queue: 'q2', max_attempts: 9, timeout_seconds: 60, job_type: 'Renamed' })
    t.strictSame(several.json(), {
      id: 'rjob_daily_cleanup',
      job_type: 'Renamed',
      queue: 'q2',
      cron_expression: '30 2 * * 0',
      timezone: 'Europe/London',
      enabled: true,
      payload: { retention_days: 30 },
      last_run_at: '2026-03-24T07:00:00Z',
      next_run_at: '2026-03-29T01:30:00Z',
      max_attempts: 9,
      timeout_seconds: 60,
      ...DEFAULT_CONTROLS,
      created_at: '2026-03-24T15:00:00Z',
      updated_at: '2026-03-26T12:00:00Z'
    }, 'Sunday 29 March, London springs forward at 01:00 GMT: 02:30 BST is 01:30 UTC')

    const payload = await api.patch('rjob_daily_cleanup', { payload: { other: true } })
    t.strictSame(payload.json().payload, { other: true }, 'payload is replaced as a whole, not merged')
    t.strictSame((await api.get('rjob_daily_cleanup')).json(), payload.json())
  })
})

t.test('PATCH /v1/recurring/{id} with {} is a save without changes: updated_at moves, the rest stays', async (t) => {
  await eachApp(t, async (t, { app, clock }) => {
    const api = client(app, (await createTenant(app)).headers)
    await api.put('rjob_daily_cleanup', REFERENCE_BODY)
    clock.set('2026-03-24T17:00:00Z')
    const res = await api.patch('rjob_daily_cleanup', {})
    t.equal(res.statusCode, 200)
    t.strictSame(res.json(), { ...REFERENCE_RESPONSE, updated_at: '2026-03-24T17:00:00Z' })
    const unknownOnly = await api.patch('rjob_daily_cleanup', { colour: 'blue' })
    t.equal(unknownOnly.statusCode, 200, 'unknown fields are ignored, leaving {}')
  })
})

t.test('PATCH /v1/recurring/{id} validates like PUT: 400s, 404 recurring_job_not_found, 409 recurring_job_type_conflict', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    await api.put('rjob_daily_cleanup', REFERENCE_BODY)
    await api.put('rjob_other', { job_type: 'Other', cron_expression: '0 * * * *' })
    const cases: Array<[string, string, unknown, number, string]> = [
      ['bad id', 'bad id', {}, 400, 'invalid_request'],
      ['null field', 'rjob_daily_cleanup', { queue: null }, 400, 'invalid_request'],
      ['null enabled', 'rjob_daily_cleanup', { enabled: null }, 400, 'invalid_request'],
      ['empty job_type', 'rjob_daily_cleanup', { job_type: '' }, 400, 'invalid_request'],
      ['max_attempts 101', 'rjob_daily_cleanup', { max_attempts: 101 }, 400, 'invalid_request'],
      ['timeout_seconds as text', 'rjob_daily_cleanup', { timeout_seconds: '60' }, 400, 'invalid_request'],
      ['payload too big', 'rjob_daily_cleanup', { payload: { d: 'x'.repeat(65529) } }, 400, 'invalid_request'],
      ['payload an array', 'rjob_daily_cleanup', { payload: [] }, 400, 'invalid_request'],
      ['body not an object', 'rjob_daily_cleanup', [], 400, 'invalid_request'],
      ['bad cron', 'rjob_daily_cleanup', { cron_expression: '0 3 * *' }, 400, 'invalid_cron_expression'],
      ['bad zone', 'rjob_daily_cleanup', { timezone: 'Mars/Olympus_Mons' }, 400, 'invalid_timezone'],
      ['cron before zone', 'rjob_daily_cleanup', { cron_expression: 'x', timezone: 'Mars/Olympus_Mons' }, 400, 'invalid_cron_expression'],
      ['validation before existence', 'rjob_missing', { cron_expression: 'x' }, 400, 'invalid_cron_expression'],
      ['unknown id', 'rjob_missing', { enabled: false }, 404, 'recurring_job_not_found'],
      ['job_type of another schedule', 'rjob_other', { job_type: REFERENCE_BODY.job_type }, 409, 'recurring_job_type_conflict']
    ]
    for (const [why, id, body, status, code] of cases) {
      const res = await api.patch(id, body)
      t.equal(res.statusCode, status, why)
      t.equal(codeOf(res), code, why)
    }
    t.strictSame((await api.get('rjob_daily_cleanup')).json(), REFERENCE_RESPONSE, 'no refused PATCH changed anything')
    t.equal((await api.get('rjob_other')).json().job_type, 'Other')
  })
})

t.test('PATCH /v1/recurring/{id} seeds H in a new expression with the id', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    await api.put('rjob_hashed', { job_type: 'Hashed', cron_expression: '0 3 * * *' })
    const patched = await api.patch('rjob_hashed', { cron_expression: 'H H * * *' })
    t.equal(patched.statusCode, 200)
    const put = await api.put('rjob_hashed', { job_type: 'Hashed', cron_expression: 'H H * * *' })
    t.equal(patched.json().next_run_at, put.json().next_run_at)
  })
})
