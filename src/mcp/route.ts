// POST /api/mcp (CONTRACT §7): MCP over Streamable HTTP, stateless, JSON responses. Each request gets a fresh
// low-level SDK Server + web-standard transport (the SDK's stateless pattern); the SDK speaks the protocol
// (initialize, ping, tools/list, tools/call, JSON-RPC ids and errors) and our tool table does the work.
//
// We stay inside Fastify's lifecycle instead of hijacking the raw response: the SDK's web-standard transport
// returns a Response that we copy into the reply, so x-request-id, rate-limit headers, metrics and logging keep
// working. Two SDK defaults differ from the contract and are settled here first: an unparsable body is -32700
// and a body that is JSON but not JSON-RPC is -32600 (the SDK answers -32700 for both).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyBaseLogger, FastifyReply } from 'fastify'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { Type } from 'typebox'
import type { AppDeps } from '../app.js'
import { BODY_LIMIT_BYTES } from '../app.js'
import { missingScopes } from '../auth/scopes.js'
import { ApiError } from '../errors.js'
import { JobsService } from '../jobs/service.js'
import { principalOf } from '../plugins/auth.js'
import { errorResponses } from '../schemas/common.js'
import { answerInvalidInput } from '../http/series-side.js'
import { CREATE_SERIES_EXAMPLE } from '../series/schemas.js'
import { SeriesService } from '../series/service.js'
import { MAX_JSON_DEPTH, tooDeep } from '../schemas/text.js'
import { toToolError } from './tool-errors.js'
import { argumentsOrThrow, toolDescriptors, TOOLS_BY_NAME, type ToolContext } from './tools.js'

export const SERVER_INFO = { name: 'recurring-jobs', version: '1.0.0' }

const JsonRpcBody = Type.Unsafe<unknown>({
  description: 'A JSON-RPC 2.0 request (or notification) of the MCP protocol: initialize, ping, tools/list, tools/call.',
  oneOf: [
    {
      type: 'object',
      required: ['jsonrpc', 'method'],
      properties: {
        jsonrpc: { const: '2.0' },
        id: { type: ['string', 'integer'] },
        method: { type: 'string', examples: ['tools/call'] },
        params: { type: 'object' }
      }
    },
    { type: 'array', items: { type: 'object' } }
  ],
  examples: [{
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: {
      name: 'job_series.create',
      arguments: CREATE_SERIES_EXAMPLE
    }
  }]
})

const JsonRpcResponse = Type.Unsafe<unknown>({
  description: 'The JSON-RPC response: {jsonrpc, id, result} or {jsonrpc, id, error: {code, message}}. Tool failures are results ' +
    'with isError: true and the error body as text.',
  type: ['object', 'array'],
  items: { type: 'object' },
  examples: [{ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: '{"id":"cccccccc-0000-0000-0000-000000000003","title":"Weekly lawn maintenance"}' }], structuredContent: { id: 'cccccccc-0000-0000-0000-000000000003', title: 'Weekly lawn maintenance' } } }]
})

type JsonRpcId = string | number | null

function jsonRpcError (id: JsonRpcId, code: number, message: string) {
  return { jsonrpc: '2.0' as const, id, error: { code, message } }
}

function sendJson (reply: FastifyReply, status: 400, body: unknown): FastifyReply {
  return reply.code(status as number).type('application/json; charset=utf-8').send(JSON.stringify(body))
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Why `message` is not a JSON-RPC 2.0 message MCP accepts, or null when it is one. */
function invalidMessage (message: unknown): string | null {
  if (!isObject(message)) return 'a JSON-RPC message must be an object'
  if (message.jsonrpc !== '2.0') return 'jsonrpc must be "2.0"'
  const hasId = Object.hasOwn(message, 'id')
  if (hasId && typeof message.id !== 'string' && !(typeof message.id === 'number' && Number.isInteger(message.id))) return 'id must be a string or an integer'
  if (typeof message.method === 'string') {
    if (Object.hasOwn(message, 'params') && !isObject(message.params)) return 'params must be an object'
    return null
  }
  // A response to a server request (we send none, but it is valid JSON-RPC).
  if (hasId && (Object.hasOwn(message, 'result') || isObject(message.error))) return null
  return 'method must be a string'
}

function idOf (message: unknown): JsonRpcId {
  const id = isObject(message) ? message.id : undefined
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : null
}

function buildServer (ctx: ToolContext, log: FastifyBaseLogger): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: {} },
    instructions: 'Job series (RFC 5545 RRULE templates) and the job instances they materialize. Tool errors come back ' +
      'as isError results whose text is {"error": {"code", "message"}}.'
  })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolDescriptors() }))
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = TOOLS_BY_NAME.get(request.params.name)
    if (tool === undefined) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`)
    try {
      // Scope first, as REST does: a key without the scope learns nothing about its arguments.
      if (missingScopes(ctx.principal, [tool.scope]).length > 0) {
        throw new ApiError('insufficient_scope', `This key lacks the scope ${tool.scope}`)
      }
      const result = await tool.handler(argumentsOrThrow(tool, request.params.arguments), ctx)
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result }
    } catch (error) {
      return toToolError(error, log)
    }
  })
  return server
}

// Headers the transport looks at; Accept is normalized below.
const FORWARDED_HEADERS = ['content-type', 'mcp-protocol-version', 'mcp-session-id']

/**
 * We always answer JSON, so a client that accepts JSON (or anything) is served even when it does not also list
 * text/event-stream, which the SDK would refuse with 406. A client that accepts neither still gets the SDK's 406.
 */
function acceptFor (accept: string | undefined): string | undefined {
  if (accept === undefined || accept.trim() === '' || /application\/json|\*\/\*|application\/\*/i.test(accept)) return 'application/json, text/event-stream'
  return accept
}

export const mcpRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const series = SeriesService.withLogger(deps.database.db, deps.clock, deps.config.generationHorizonDays, app.log)
  const jobs = new JobsService(deps.database.db, deps.clock)
  answerInvalidInput(app)

  // The body stays text here so that an unparsable one can be answered with JSON-RPC's -32700.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => { done(null, body) })

  app.post('/api/mcp', {
    schema: {
      operationId: 'callMcp',
      summary: 'MCP over Streamable HTTP (stateless, JSON responses): initialize, ping, tools/list, tools/call',
      description: 'Tools: job_series.list, job_series.get, job_series.create, job_series.update, job_series.end, ' +
        'job_series.preview, jobs.list, jobs.get, jobs.update. Each tool checks its own scope. Unparsable JSON answers ' +
        '-32700 and a malformed JSON-RPC message -32600, both with HTTP 400 and a JSON-RPC error body ' +
        '`{"jsonrpc": "2.0", "id", "error": {"code", "message"}}` (id null unless the request\'s id could be read; not the REST error body, so those two statuses are ' +
        'described here rather than under responses); a client that accepts neither JSON nor SSE gets 406 with code -32000. ' +
        'An unknown tool is the JSON-RPC error -32602 in a 200 response; tool failures are results with isError: true.',
      tags: ['mcp'],
      body: JsonRpcBody,
      response: {
        ...errorResponses(401, 403, 413, 415, 429),
        200: JsonRpcResponse,
        202: Type.Unsafe<string>({ description: 'Accepted: the body held only notifications or responses; no content' })
      }
    },
    // The body schema documents JSON-RPC; the checks below answer in JSON-RPC instead of the REST error body.
    validatorCompiler: () => () => true
  }, async (request, reply) => {
    const principal = principalOf(request)
    const text = typeof request.body === 'string' ? request.body : ''
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      return sendJson(reply, 400, jsonRpcError(null, -32700, 'Parse error: the body is not valid JSON'))
    }
    const deep = tooDeep(message)
    if (deep !== null) {
      return sendJson(reply, 400, jsonRpcError(idOf(message), -32600, `Invalid Request: ${deep} nests deeper than ${MAX_JSON_DEPTH} levels`))
    }
    const messages = Array.isArray(message) ? message : [message]
    const problem = messages.length === 0 ? 'an empty batch is not a JSON-RPC message' : messages.map(invalidMessage).find((p) => p !== null)
    if (problem !== undefined && problem !== null) {
      return sendJson(reply, 400, jsonRpcError(Array.isArray(message) ? null : idOf(message), -32600, `Invalid Request: ${problem}`))
    }

    const headers = new Headers()
    for (const name of FORWARDED_HEADERS) {
      const value = request.headers[name]
      if (typeof value === 'string') headers.set(name, value)
    }
    const accept = acceptFor(request.headers.accept)
    if (accept !== undefined) headers.set('accept', accept)
    const webRequest = new Request(`http://localhost${request.url}`, { method: 'POST', headers })

    const server = buildServer({ principal, series, jobs }, request.log)
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })
    try {
      await server.connect(transport)
      const response = await transport.handleRequest(webRequest, { parsedBody: message })
      const body = await response.text()
      if (body === '') return reply.code(response.status as 202).send('')
      // The SDK's JSON text goes out as is (a string payload skips Fastify's response serializer).
      return reply.code(response.status as 200).type(response.headers.get('content-type') ?? 'application/json').send(body)
    } finally {
      await server.close()
    }
  })
}
