// GET /dashboard and its assets as the service serves them: one index.html for every page URL, content-hashed
// assets cached for good, the strict CSP on every dashboard response, nothing loaded from another host, no
// dashboard route in the OpenAPI document, and a clear 503 before the first build.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import t from 'tap'
import { DASHBOARD_CSP, dashboardRoutes } from '../../src/dashboard/routes.js'
import { registerErrorHandling } from '../../src/plugins/error-handler.js'
import { eachApp } from '../helpers/app.js'
import { ensureDashboardBuilt } from './harness.js'

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
  "manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

t.before(ensureDashboardBuilt)

t.test('the dashboard policy allows this origin only and nothing inline', async (t) => {
  t.equal(DASHBOARD_CSP, CSP)
})

t.test('GET /dashboard', async (t) => {
  await eachApp(t, async (t, { app }) => {
    const index = await app.inject({ method: 'GET', url: '/dashboard' })

    await t.test('answers index.html with the strict CSP, revalidated on every visit', async (t) => {
      t.equal(index.statusCode, 200)
      t.equal(index.headers['content-type'], 'text/html; charset=utf-8')
      t.equal(index.headers['content-security-policy'], CSP)
      t.equal(index.headers['cache-control'], 'no-cache')
      t.match(index.body, /<div id="app"><\/div>/)
      t.notMatch(index.body, /<script>|<style>| style=/, 'no inline script or style')
    })

    await t.test('every page URL answers the same index.html', async (t) => {
      for (const url of ['/dashboard/', '/dashboard/schedules', '/dashboard/schedules/rjob%3Anightly.v2', '/dashboard/executions?status=failed', '/dashboard/series/6f1c2a9e-3b7d-4c1e-9a53-2d4b8e7f0a11', '/dashboard/overview', '/dashboard/anything/else']) {
        const res = await app.inject({ method: 'GET', url })
        t.equal(res.statusCode, 200, url)
        t.equal(res.body, index.body, url)
        t.equal(res.headers['content-security-policy'], CSP, url)
      }
    })

    await t.test('assets are served from /dashboard/assets/, cached for good, with the CSP', async (t) => {
      const references = [...index.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '')
      t.ok(references.length >= 3, 'stylesheet, script, icon')
      for (const ref of references) {
        t.match(ref, /^\/dashboard\/assets\/[\w.-]+$/, `${ref} is on this origin`)
        const res = await app.inject({ method: 'GET', url: ref })
        t.equal(res.statusCode, 200, ref)
        t.match(res.headers['content-type'], ref.endsWith('.js') ? /^(text|application)\/javascript/ : ref.endsWith('.css') ? /^text\/css/ : /^image\/svg\+xml/, ref)
        t.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', ref)
        t.equal(res.headers['content-security-policy'], CSP, ref)
        if (ref.endsWith('.js')) t.notMatch(res.body, /\bimport\(["']https?:|from\s*["']https?:/, `${ref} imports nothing from another host`)
      }
    })

    await t.test('an unknown asset is 404 in the error shape', async (t) => {
      const res = await app.inject({ method: 'GET', url: '/dashboard/assets/no-such-file.js' })
      t.equal(res.statusCode, 404)
      t.equal(res.json().error.code, 'not_found')
    })

    await t.test('the API answers without the dashboard policy, and the dashboard is not in the OpenAPI document', async (t) => {
      const health = await app.inject({ method: 'GET', url: '/healthz' })
      t.equal(health.headers['content-security-policy'], undefined)
      const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths)
      t.strictSame(paths.filter((p) => p.startsWith('/dashboard')), [])
    })
  })
})

t.test('before the first build, /dashboard answers 503 unavailable saying how to build it', async (t) => {
  const empty = mkdtempSync(join(tmpdir(), 'dashboard-unbuilt-'))
  t.teardown(() => rmSync(empty, { recursive: true, force: true }))
  const app = Fastify({ logger: false })
  registerErrorHandling(app)
  await app.register(dashboardRoutes, { assetsDir: empty })
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/dashboard/schedules' })
  t.equal(res.statusCode, 503)
  t.strictSame(res.json(), { error: { code: 'unavailable', message: 'The dashboard is not built: run `npm run build` (npm start does it)' } })
  t.equal((await app.inject({ method: 'GET', url: '/dashboard/assets/app.js' })).statusCode, 404)
})
