// Every refusal of the recurring-jobs API (docs/contract.md §2, §4, §5): codes, the order of checks, scopes and tenants.
import { sql } from 'drizzle-orm'
import t from 'tap'
import { queryRows } from '../../src/db/connect.js'
import { eachApp } from '../helpers/app.js'
import { createKey, createTenant } from '../helpers/keys.js'
import { client, codeOf, REFERENCE_BODY, REFERENCE_RESPONSE } from './client.js'

const valid = { job_type: 'Valid', cron_expression: '0 3 * * *' }

t.test('PUT /v1/recurring/{id} answers 400 invalid_request for a bad id, a missing or ill-typed field and a payload over 64 KiB', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const cases: Array<[string, string, unknown, string]> = [
      // [why, id, body, details[0].field]
      ['id with a space', 'rjob daily', valid, 'id'],
      ['id starting with a dash', '-rjob', valid, 'id'],
      ['id starting with an underscore', '_rjob', valid, 'id'],
      ['id with a slash-free but unlisted character', 'rjob@daily', valid, 'id'],
      ['id with a non-ASCII letter', 'rjöb', valid, 'id'],
      ['missing job_type', 'ok', { cron_expression: '0 3 * * *' }, 'job_type'],
      ['missing cron_expression', 'ok', { job_type: 'X' }, 'cron_expression'],
      ['empty job_type', 'ok', { ...valid, job_type: '' }, 'job_type'],
      ['job_type of 256 characters', 'ok', { ...valid, job_type: 'j'.repeat(256) }, 'job_type'],
      ['job_type a number', 'ok', { ...valid, job_type: 42 }, 'job_type'],
      ['cron_expression a number', 'ok', { ...valid, cron_expression: 5 }, 'cron_expression'],
      ['empty queue', 'ok', { ...valid, queue: '' }, 'queue'],
      ['queue null', 'ok', { ...valid, queue: null }, 'queue'],
      ['timezone a number', 'ok', { ...valid, timezone: 1 }, 'timezone'],
      ['enabled as a string', 'ok', { ...valid, enabled: 'true' }, 'enabled'],
      ['max_attempts 0', 'ok', { ...valid, max_attempts: 0 }, 'max_attempts'],
      ['max_attempts 101', 'ok', { ...valid, max_attempts: 101 }, 'max_attempts'],
      ['max_attempts as a string is not coerced', 'ok', { ...valid, max_attempts: '3' }, 'max_attempts'],
      ['max_attempts fractional', 'ok', { ...valid, max_attempts: 2.5 }, 'max_attempts'],
      ['timeout_seconds 0', 'ok', { ...valid, timeout_seconds: 0 }, 'timeout_seconds'],
      ['timeout_seconds 86401', 'ok', { ...valid, timeout_seconds: 86401 }, 'timeout_seconds'],
      ['payload an array', 'ok', { ...valid, payload: [1, 2] }, 'payload'],
      ['payload a string', 'ok', { ...valid, payload: '{}' }, 'payload'],
      ['payload null', 'ok', { ...valid, payload: null }, 'payload'],
      ['payload of 65 537 bytes of JSON', 'ok', { ...valid, payload: { d: 'x'.repeat(65529) } }, 'payload'],
      ['payload under 64 Ki characters but over 64 KiB of UTF-8', 'ok', { ...valid, payload: { d: 'é'.repeat(32765) } }, 'payload'],
      ['body an array', 'ok', [valid], '(root)']
    ]
    for (const [why, id, body, field] of cases) {
      const res = await api.put(id, body)
      t.equal(res.statusCode, 400, why)
      t.equal(codeOf(res), 'invalid_request', why)
      t.equal(res.json().error.details?.[0]?.field, field, why)
    }
    t.equal((await api.list()).json().data.length, 0, 'nothing was saved')

    const exactly64KiB = await api.put('ok', { ...valid, payload: { d: 'x'.repeat(65528) } })
    t.equal(exactly64KiB.statusCode, 200, 'exactly 65 536 bytes of JSON is allowed')
  })
})

t.test('PUT /v1/recurring/{id} with an unparsable expression answers 400 invalid_cron_expression naming the field and the text', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    const cases: Array<[string, RegExp]> = [
      ['not a cron', /Expected 5 fields/],
      ['61 * * * *', /"61" in the minute field/],
      ['0 25 * * *', /"25" in the hour field/],
      ['0 0 32 * *', /day of month/],
      ['0 0 * 13 *', /month/],
      ['0 0 * * 8', /day of week/],
      ['', /empty/],
      ['@fortnightly', /@fortnightly/],
      ['* * * * * * *', /fields/]
    ]
    for (const [cron, message] of cases) {
      const res = await api.put('rjob_bad', { ...valid, cron_expression: cron })
      t.equal(res.statusCode, 400, cron)
      t.equal(codeOf(res), 'invalid_cron_expression', cron)
      t.ok(res.json().error.message.includes(`"${cron}"`), `message quotes the expression: ${res.json().error.message}`)
      t.match(res.json().error.message, message, cron)
      t.equal(res.json().error.details[0].field, 'cron_expression')
    }
  })
})

t.test('PUT /v1/recurring/{id} with an unknown zone answers 400 invalid_timezone', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    for (const zone of ['Mars/Olympus_Mons', '', 'EST5EDTX', 'america/new york']) {
      const res = await api.put('rjob_bad', { ...valid, timezone: zone })
      t.equal(res.statusCode, 400, zone)
      t.strictSame(res.json(), {
        error: {
          code: 'invalid_timezone',
          message: `"${zone}" is not a recognized IANA time zone`,
          details: [{ field: 'timezone', message: 'is not a recognized IANA time zone (e.g. America/New_York)' }]
        }
      })
    }
  })
})

t.test('PUT /v1/recurring/{id} with a job_type held by another id answers 409 recurring_job_type_conflict and changes nothing', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    await api.put('rjob_daily_cleanup', REFERENCE_BODY)
    await api.put('rjob_other', { job_type: 'Other', cron_expression: '0 * * * *' })

    const taken = await api.put('rjob_second', REFERENCE_BODY)
    t.equal(taken.statusCode, 409)
    t.equal(codeOf(taken), 'recurring_job_type_conflict')
    t.equal((await api.get('rjob_second')).statusCode, 404, 'the conflicting create left no row')

    const renamed = await api.put('rjob_other', REFERENCE_BODY)
    t.equal(renamed.statusCode, 409, 'an update onto a held job_type conflicts too')
    t.equal((await api.get('rjob_other')).json().job_type, 'Other', 'and leaves the row as it was')
    t.strictSame((await api.get('rjob_daily_cleanup')).json(), REFERENCE_RESPONSE)
  })
})

t.test('PUT /v1/recurring/{id} checks in order: schema, then cron, then zone, then job_type conflict', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const api = client(app, (await createTenant(app)).headers)
    await api.put('rjob_daily_cleanup', REFERENCE_BODY)
    const badCron = 'not a cron'
    const badZone = 'Mars/Olympus_Mons'
    const jt = REFERENCE_BODY.job_type
    const cases: Array<[string, string, unknown, string]> = [
      ['bad id before anything', 'bad id', { job_type: jt, cron_expression: badCron, timezone: badZone }, 'invalid_request'],
      ['ill-typed field before cron', 'rjob_x', { job_type: jt, cron_expression: badCron, timezone: badZone, max_attempts: 0 }, 'invalid_request'],
      ['payload size before cron', 'rjob_x', { job_type: jt, cron_expression: badCron, payload: { d: 'x'.repeat(70000) } }, 'invalid_request'],
      ['cron before zone', 'rjob_x', { job_type: jt, cron_expression: badCron, timezone: badZone }, 'invalid_cron_expression'],
      ['cron before conflict', 'rjob_x', { job_type: jt, cron_expression: badCron }, 'invalid_cron_expression'],
      ['zone before conflict', 'rjob_x', { job_type: jt, cron_expression: '0 3 * * *', timezone: badZone }, 'invalid_timezone'],
      ['conflict last', 'rjob_x', { job_type: jt, cron_expression: '0 3 * * *' }, 'recurring_job_type_conflict']
    ]
    for (const [why, id, body, code] of cases) t.equal(codeOf(await api.put(id, body)), code, why)
  })
})

t.test('the recurring routes demand their scopes: read for GET, write for PUT/PATCH/DELETE/register, any key for preview', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const owner = await createTenant(app)
    await client(app, owner.headers).put('rjob_daily_cleanup', REFERENCE_BODY)
    const readOnly = client(app, (await createKey(app, owner.tenantId, { kind: 'tenant', scopes: ['read:recurring'] })).headers)
    const writeOnly = client(app, (await createKey(app, owner.tenantId, { kind: 'tenant', scopes: ['write:recurring'] })).headers)
    const unrelated = client(app, (await createKey(app, owner.tenantId, { kind: 'tenant', scopes: ['read:jobs'] })).headers)
    const register = { recurring: [{ job_type: 'W.Job', cron_expression: '0 * * * *' }] }
    const preview = { cron_expression: '0 3 * * *' }

    const refused: Array<[string, Promise<import('fastify').LightMyRequestResponse>, string]> = [
      ['read-only PUT', readOnly.put('rjob_new', valid), 'write:recurring'],
      ['read-only PATCH', readOnly.patch('rjob_daily_cleanup', { enabled: false }), 'write:recurring'],
      ['read-only DELETE', readOnly.del('rjob_daily_cleanup'), 'write:recurring'],
      ['read-only register', readOnly.register(register), 'write:recurring'],
      ['write-only GET one (write never implies read)', writeOnly.get('rjob_daily_cleanup'), 'read:recurring'],
      ['write-only list', writeOnly.list(), 'read:recurring'],
      ['unrelated GET', unrelated.get('rjob_daily_cleanup'), 'read:recurring'],
      ['unrelated PUT', unrelated.put('rjob_new', valid), 'write:recurring']
    ]
    for (const [why, pending, scope] of refused) {
      const res = await pending
      t.equal(res.statusCode, 403, why)
      t.equal(codeOf(res), 'insufficient_scope', why)
      t.match(res.json().error.message, scope, why)
    }
    t.equal((await readOnly.get('rjob_daily_cleanup')).statusCode, 200)
    t.equal((await readOnly.list()).statusCode, 200)
    t.equal((await writeOnly.put('rjob_new', valid)).statusCode, 200)
    t.equal((await writeOnly.patch('rjob_new', { queue: 'q' })).statusCode, 200)
    t.equal((await writeOnly.register(register)).statusCode, 200)
    t.equal((await writeOnly.del('rjob_new')).statusCode, 200)
    for (const key of [readOnly, writeOnly, unrelated]) t.equal((await key.preview(preview)).statusCode, 200, 'preview needs any valid key')
  })
})

t.test('the recurring routes answer 401 unauthorized without a valid key', async (t) => {
  await eachApp(t, async (t, { app }) => {
    for (const headers of [{}, { authorization: 'Bearer zoop_uk_not-a-real-token' }, { authorization: 'Basic abc' }] as Array<Record<string, string>>) {
      const api = client(app, headers)
      for (const res of [await api.put('rjob_x', valid), await api.get('rjob_x'), await api.list(), await api.patch('rjob_x', {}),
        await api.del('rjob_x'), await api.register({ recurring: [valid] }), await api.preview({ cron_expression: '0 3 * * *' })]) {
        t.equal(res.statusCode, 401)
        t.equal(codeOf(res), 'unauthorized')
        t.equal(res.headers['www-authenticate'], 'Bearer')
      }
    }
  })
})

t.test('tenants are isolated: both may own rjob_daily_cleanup, and another tenant\'s schedule answers as a missing one', async (t) => {
  await eachApp(t, async (t, { app, db }) => {
    const a = await createTenant(app, { name: 'A' })
    const b = await createTenant(app, { name: 'B' })
    const apiA = client(app, a.headers)
    const apiB = client(app, b.headers)
    t.equal((await apiA.put('rjob_daily_cleanup', REFERENCE_BODY)).json().updated_at, null)
    const mineB = await apiB.put('rjob_daily_cleanup', { ...REFERENCE_BODY, queue: 'b-queue' })
    t.equal(mineB.statusCode, 200, 'the same id and job_type in another tenant is no conflict')
    t.equal(mineB.json().updated_at, null, 'and is a create, not an update of A\'s')
    t.equal((await apiA.get('rjob_daily_cleanup')).json().queue, 'maintenance')

    await apiA.put('rjob_only_a', { job_type: 'OnlyA', cron_expression: '0 * * * *' })
    const missing = await apiB.get('rjob_missing')
    for (const res of [await apiB.get('rjob_only_a'), await apiB.patch('rjob_only_a', { enabled: false }), await apiB.del('rjob_only_a')]) {
      t.equal(res.statusCode, 404)
      t.strictSame(res.json(), { error: { code: 'recurring_job_not_found', message: 'No recurring job with id "rjob_only_a"' } })
      t.strictSame(Object.keys(res.json().error), Object.keys(missing.json().error))
    }
    t.strictSame((await apiB.list()).json().data.map((j: { id: string }) => j.id), ['rjob_daily_cleanup'])
    t.equal((await apiA.get('rjob_only_a')).json().enabled, true, 'B\'s attempts changed nothing')
    const rows = await queryRows(db.database.db, sql`select tenant_id from recurring_jobs where id = 'rjob_daily_cleanup' order by seq`)
    t.strictSame(rows.map((r) => r.tenant_id), [a.tenantId, b.tenantId])
  })
})
