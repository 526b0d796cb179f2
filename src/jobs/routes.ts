// Placeholder until the jobs feature lands: registers no routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app.js'

export const jobsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async () => {}
