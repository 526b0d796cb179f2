// Placeholder until the recurring feature lands: registers no routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app.js'

export const recurringRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async () => {}
