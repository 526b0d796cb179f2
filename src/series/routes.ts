// Placeholder until the series feature lands: registers no routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app.js'

export const seriesRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async () => {}
