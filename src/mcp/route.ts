// Placeholder until the MCP feature lands: registers no routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app.js'

export const mcpRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async () => {}
