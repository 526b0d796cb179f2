// API key cache: a lookup is served from memory for a few seconds, and a revocation through the admin API
// empties every instance's cache at once (NOTIFY on PostgreSQL, in-process on PGlite).
import { sql } from 'drizzle-orm'
import t from 'tap'
import { KeyCache, KEY_CACHE_TTL_MS } from '../../src/auth/key-cache.js'
import { hashToken } from '../../src/auth/api-keys.js'
import { openDatabase } from '../../src/db/connect.js'
import { buildTestApp } from '../helpers/app.js'
import { engines, openTestDb } from '../helpers/db.js'
import { adminHeaders, createTenant } from '../helpers/keys.js'

const UNAUTHORIZED = { error: { code: 'unauthorized', message: 'A valid API key is required: send Authorization: Bearer <token>' } }

for (const engine of engines()) {
  t.test(`[${engine}] a revocation through one instance is answered 401 by another within 1 s`, async (t) => {
    const db = await openTestDb(t, engine)
    const first = await buildTestApp(t, engine, { db })
    // PostgreSQL: the second instance has its own connections, as another process would; PGlite is one process.
    let second = db
    if (engine === 'postgres') {
      const database = await openDatabase({ url: db.url, max: 2 })
      t.teardown(() => database.close())
      second = { ...db, database }
    }
    const other = await buildTestApp(t, engine, { db: second })

    const tenant = await createTenant(first.app)
    const warm = await other.app.inject({ method: 'GET', url: '/v1/me', headers: tenant.headers })
    t.equal(warm.statusCode, 200, 'the other instance has the key cached')
    t.equal(warm.json().key_id, tenant.keyId)

    const revoke = await first.app.inject({ method: 'DELETE', url: `/admin/v1/api_keys/${tenant.keyId}`, headers: adminHeaders })
    t.equal(revoke.statusCode, 200)
    const revokedAt = performance.now()
    const mine = await first.app.inject({ method: 'GET', url: '/v1/me', headers: tenant.headers })
    t.equal(mine.statusCode, 401, 'the revoking instance refuses the key at once')

    // Waiting on the NOTIFY's delivery between two connections: there is no clock to advance for that.
    let status = 0
    let body: unknown
    while (performance.now() - revokedAt < 1_000) {
      const res = await other.app.inject({ method: 'GET', url: '/v1/me', headers: tenant.headers })
      status = res.statusCode
      body = res.json()
      if (status === 401) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    t.equal(status, 401, `the other instance refuses the key ${Math.round(performance.now() - revokedAt)} ms after the revocation`)
    t.strictSame(body, UNAUTHORIZED)
  })

  t.test(`[${engine}] cache entries live for the TTL; unknown tokens and in-flight reads are never cached`, async (t) => {
    const db = await openTestDb(t, engine)
    const { app } = await buildTestApp(t, engine, { db })
    const tenant = await createTenant(app)
    let now = 0
    const cache = new KeyCache(db.database, { now: () => now })
    await cache.start()
    t.teardown(() => cache.stop())
    const hash = hashToken(tenant.token)

    t.equal((await cache.find(hash))?.id, tenant.keyId)
    // A revocation written behind the service's back (no announcement) is seen once the entry expires.
    await db.database.db.execute(sql`update api_keys set revoked_at = now() where id = ${tenant.keyId}`)
    t.equal((await cache.find(hash))?.revokedAt, null, 'served from the cache: no query')
    now += KEY_CACHE_TTL_MS - 1
    t.equal((await cache.find(hash))?.revokedAt, null, 'still fresh 1 ms before the TTL')
    now += 1
    t.not((await cache.find(hash))?.revokedAt, null, 'read again at the TTL')

    t.equal(await cache.find(hashToken('zoop_uk_unknownunknownunknownunknown')), null)

    // A revocation that arrives while a lookup is in flight keeps that lookup's answer out of the cache.
    await db.database.db.execute(sql`update api_keys set revoked_at = null where id = ${tenant.keyId}`)
    const inFlight = cache.find(hash)
    cache.forget(tenant.keyId)
    t.equal((await inFlight)?.revokedAt, null)
    await db.database.db.execute(sql`update api_keys set revoked_at = now() where id = ${tenant.keyId}`)
    t.not((await cache.find(hash))?.revokedAt, null, 'the in-flight answer was not stored')
  })
}
