// Placeholder until the executions feature lands: registers no routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app.js'

export const executionsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async () => {}
