// Failed authentication is limited per client address (docs/contract.md §10): after 30 failures in a minute, 429
// rate_limited with Retry-After for the rest of that minute, for API keys and ADMIN_TOKEN alike; a token whose
// format cannot be valid costs no database query.
import t from 'tap'
import { eachApp } from '../helpers/app.js'
import { createTenant } from '../helpers/keys.js'

const WELL_FORMED_UNKNOWN = `Bearer zoop_uk_${'A'.repeat(43)}`

t.test('31st failure within a minute from one address answers 429 until the minute is over', async (t) => {
  await eachApp(t, async (t, { app, clock }) => {
    const tenant = await createTenant(app)
    const from = (remoteAddress: string, authorization: string, url = '/v1/me') =>
      app.inject({ method: url.startsWith('/admin') ? 'DELETE' : 'GET', url, headers: { authorization }, remoteAddress })
    for (let i = 0; i < 30; i++) {
      const res = await from('10.0.0.1', i % 3 === 0 ? 'Bearer nope' : i % 3 === 1 ? WELL_FORMED_UNKNOWN : 'Bearer wrong-admin-token', i % 3 === 2 ? '/admin/v1/api_keys/00000000-0000-4000-8000-000000000000' : '/v1/me')
      t.equal(res.statusCode, 401, `failure ${i + 1}`)
    }
    clock.advance(20_000)
    const blocked = await from('10.0.0.1', tenant.headers.authorization)
    t.equal(blocked.statusCode, 429, 'even a valid key from that address waits')
    t.strictSame(blocked.json(), { error: { code: 'rate_limited', message: 'Too many failed authentications from this address; retry in 40 s' } })
    t.equal(blocked.headers['retry-after'], '40')
    const admin = await from('10.0.0.1', 'Bearer test-admin-token-0123456789', '/admin/v1/api_keys/00000000-0000-4000-8000-000000000000')
    t.equal(admin.statusCode, 429, 'the admin API too')
    t.equal((await from('10.0.0.2', tenant.headers.authorization)).statusCode, 200, 'another address is not affected')
    clock.advance(40_000)
    t.equal((await from('10.0.0.1', tenant.headers.authorization)).statusCode, 200, 'the next minute starts afresh')
  })
})

t.test('a malformed token costs no database query', async (t) => {
  await eachApp(t, async (t, { app, db }) => {
    await db.database.close()
    const malformed = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer zoop_uk_short' } })
    t.equal(malformed.statusCode, 401, 'answered without the (closed) database')
    const wellFormed = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: WELL_FORMED_UNKNOWN } })
    t.not(wellFormed.statusCode, 401, 'a well-formed token needs the database (which is closed here)')
  })
})
