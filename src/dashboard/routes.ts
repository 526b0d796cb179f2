// GET /dashboard (CONTRACT §15): the operations UI, served by the service itself from the files `npm run build`
// writes to dist/dashboard-ui (dashboard/build.ts). Every page URL under /dashboard answers the same index.html
// and the browser picks the page; assets are content-hashed, so they are cached for good. The dashboard is a
// client of the public API only: nothing here reads the database or the tenant's data.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { ApiError } from '../errors.js'

/** dist/dashboard-ui of this checkout, whether this module runs from src/ (tsx) or from dist/ (built). */
export const DASHBOARD_ASSETS_DIR = fileURLToPath(new URL('../../dist/dashboard-ui/', import.meta.url))

// Only this origin: no inline script or style (no 'unsafe-inline'), no eval, no frames, no other host.
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

export interface DashboardOptions {
  assetsDir?: string
}

export const dashboardRoutes: FastifyPluginAsync<DashboardOptions> = async (app, options) => {
  const dir = options.assetsDir ?? DASHBOARD_ASSETS_DIR

  // Registered inside this plugin's own context, so only the dashboard's responses get this policy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', DASHBOARD_CSP)
  })

  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/dashboard/assets/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'ignore',
    // File names carry a content hash (dashboard/build.ts): a changed file is a new URL.
    maxAge: '365d',
    immutable: true,
    // Before the first `npm run build` the folder is missing; the pages then answer 503 (below).
    suppressWarning: true
  })

  const sendIndex = async (_request: unknown, reply: FastifyReply) => {
    let html: string
    try {
      html = await readFile(join(dir, 'index.html'), 'utf8')
    } catch {
      throw new ApiError('unavailable', 'The dashboard is not built: run `npm run build` (npm start does it)')
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html)
  }
  app.get('/dashboard', { schema: { hide: true } }, sendIndex)
  app.get('/dashboard/*', { schema: { hide: true } }, sendIndex)
}
