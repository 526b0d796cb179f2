// POST /api/mcp (docs/contract.md §7): MCP over Streamable HTTP, stateless, JSON responses. Each request gets its own
// web-standard transport (the SDK's stateless pattern) and borrows an SDK Server built once; the SDK speaks the protocol
// (initialize, ping, tools/list, tools/call, JSON-RPC ids and errors) and our tool table does the work. A single plain
// request, the common case, is handed instead to a Server that stays connected to a transport of ours
// (plainRequest, PlainTransport): the same protocol code, the same answer.
//
// We stay inside Fastify's lifecycle instead of hijacking the raw response: the SDK's web-standard transport
// returns a Response that we copy into the reply, so x-request-id, rate-limit headers, metrics and logging keep
// working. Two SDK defaults differ from the contract and are settled here first: an unparsable body is -32700
// and a body that is JSON but not JSON-RPC is -32600 (the SDK answers -32700 for both).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyBaseLogger, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv'
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import {
  CallToolRequestSchema, ErrorCode, isInitializeRequest, isJSONRPCRequest,
  JSONRPCMessageSchema, ListToolsRequestSchema, McpError, SUPPORTED_PROTOCOL_VERSIONS, type CallToolResult, type JSONRPCMessage
} from '@modelcontextprotocol/sdk/types.js'
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
import { argumentsOrThrow, toolDescriptors, TOOLS_BY_NAME, type Tool, type ToolContext } from './tools.js'

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

type Check = (value: unknown) => boolean
const isString: Check = (v) => typeof v === 'string'
const isObjectValue: Check = (v) => isObject(v)

/** The params each method we serve expects: [field, check, what it must be, optional]. */
const PARAMS: Record<string, Array<[string, Check, string, boolean]>> = {
  initialize: [['protocolVersion', isString, 'a string', false], ['capabilities', isObjectValue, 'an object', false], ['clientInfo', isObjectValue, 'an object', false]],
  'tools/call': [['name', isString, 'a string', false], ['arguments', isObjectValue, 'an object', true]],
  'tools/list': [['cursor', isString, 'a string', true]]
}

/**
 * Every problem with a request's params, checked before the SDK sees them: its own validator answers -32603 with a
 * raw dump, where the contract asks for -32602 naming the problem (docs/contract.md §10).
 */
function paramsProblems (method: string, params: unknown): string[] {
  const expected = PARAMS[method]
  if (expected === undefined) return []
  const given = isObject(params) ? params : {}
  const problems = expected
    .filter(([field, check, , optional]) => !(optional && given[field] === undefined) && !check(given[field]))
    .map(([field, , what]) => `${field} must be ${what}`)
  const clientInfo = given.clientInfo
  if (method === 'initialize' && isObject(clientInfo)) {
    for (const field of ['name', 'version']) if (!isString(clientInfo[field])) problems.push(`clientInfo.${field} must be a string`)
  }
  return problems
}

function idOf (message: unknown): JsonRpcId {
  const id = isObject(message) ? message.id : undefined
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : null
}

/**
 * What one request hands its tool calls: the transport passes it to the handlers as `authInfo.extra`. A tool that
 * answers leaves its result and that result's JSON text here, for answerBytes.
 */
interface CallContext { ctx: ToolContext, log: FastifyBaseLogger, answered?: { structured: Record<string, unknown>, text: string } }

function sameKeys (value: object, keys: readonly string[]): boolean {
  const own = Object.keys(value)
  return own.length === keys.length && own.every((key, i) => key === keys[i])
}

/**
 * The answer the tool produced, {result: {content: [{type: 'text', text}], structuredContent}, jsonrpc, id} with
 * structuredContent the SDK's copy of the result whose JSON is `text`, as the texts its JSON is written from; or
 * undefined for any other answer. The result was half the cost of a jobs.list call, written twice: as the text and
 * as structuredContent (issue 12).
 */
function reusedAnswer (answer: JSONRPCMessage, answered: CallContext['answered']): { text: string, escaped: string, tail: string } | undefined {
  if (answered === undefined || !sameKeys(answer, ['result', 'jsonrpc', 'id']) || !('result' in answer)) return undefined
  const { result, id } = answer
  const content = result.content
  const structured = result.structuredContent
  const reused = sameKeys(result, ['content', 'structuredContent']) && Array.isArray(content) && content.length === 1 &&
    isObject(content[0]) && sameKeys(content[0], ['type', 'text']) && content[0].type === 'text' && content[0].text === answered.text &&
    isObject(structured) && Object.getPrototypeOf(structured) === Object.prototype && sameKeys(structured, Object.keys(answered.structured)) &&
    Object.keys(structured).every((key) => structured[key] === answered.structured[key])
  if (!reused || (typeof id !== 'string' && typeof id !== 'number')) return undefined
  return { text: answered.text, escaped: JSON.stringify(answered.text), tail: `},"jsonrpc":"2.0","id":${JSON.stringify(id)}}` }
}

const REUSED_HEAD = '{"result":{"content":[{"type":"text","text":'
const REUSED_MIDDLE = '}],"structuredContent":'

/**
 * The UTF-8 bytes of JSON.stringify(answer), the tool's result written once (reusedAnswer). Each part goes into one
 * buffer as it is: joined first, the answer (twice its result) was one more copy, and encoding it as UTF-8 checked
 * every character. Where the text is ASCII, as a jobs.list answer is, its bytes are its characters, and so are the
 * escaped copy's: JSON.stringify writes its escapes in ASCII and keeps every other character (a text it wrote holds
 * no lone surrogate to escape), so one measure of the text stands for both (issue 12).
 */
export function answerBytes (answer: JSONRPCMessage, answered: CallContext['answered']): Buffer {
  const reused = reusedAnswer(answer, answered)
  if (reused === undefined) return Buffer.from(JSON.stringify(answer))
  const { text, escaped, tail } = reused
  const parts = [REUSED_HEAD, escaped, REUSED_MIDDLE, text, tail]
  if (Buffer.byteLength(text) !== text.length || Buffer.byteLength(tail) !== tail.length) return Buffer.from(parts.join(''))
  let length = 0
  for (const part of parts) length += part.length
  const out = Buffer.allocUnsafe(length)
  let at = 0
  for (const part of parts) at += out.write(part, at, 'latin1')
  return out
}

function callContext (extra: { authInfo?: AuthInfo | undefined }): CallContext {
  const call = extra.authInfo?.extra?.call as CallContext | undefined
  if (call === undefined) throw new McpError(ErrorCode.InternalError, 'request context missing')
  return call
}

// One JSON Schema validator for every SDK Server of the process (the SDK would build an Ajv per Server).
const SDK_VALIDATOR = new AjvJsonSchemaValidator()

function buildServer (): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: {} },
    instructions: 'Job series (RFC 5545 RRULE templates) and the job instances they materialize. Tool errors come back ' +
      'as isError results whose text is {"error": {"code", "message"}}.',
    jsonSchemaValidator: SDK_VALIDATOR
  })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolDescriptors() }))
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = TOOLS_BY_NAME.get(request.params.name)
    // A plain error with a code: McpError would prefix its message with "MCP error -32602: " a second time.
    if (tool === undefined) throw Object.assign(new Error(`Unknown tool: ${request.params.name}`), { code: ErrorCode.InvalidParams })
    return callTool(tool, request.params.arguments, callContext(extra))
  })
  return server
}

/**
 * One call of a known tool, as tools/call answers it: the scope first, as REST does (a key without it learns
 * nothing about its arguments), then the arguments, then the tool; a failure is an isError result.
 */
async function callTool (tool: Tool, args: unknown, call: CallContext): Promise<CallToolResult> {
  try {
    if (missingScopes(call.ctx.principal, [tool.scope]).length > 0) {
      throw new ApiError('insufficient_scope', `This key lacks the scope ${tool.scope}`)
    }
    const result = await tool.handler(argumentsOrThrow(tool, args), call.ctx)
    const text = JSON.stringify(result)
    call.answered = { structured: result, text }
    return { content: [{ type: 'text', text }], structuredContent: result }
  } catch (error) {
    return toToolError(error, call.log)
  }
}

const TOOL_CALL_PARAMS = new Set(['name', 'arguments'])

/**
 * The tool a plain request calls when the SDK would do nothing with it but hand it to callTool: tools/call of a
 * known tool whose params hold only name and arguments (an object, or none). The SDK's part of such a call is
 * parsing the request and the result with zod, about 21 µs of a jobs.list call, and its Protocol plumbing (an
 * AbortController, the handler's extra, the transport's hand-off; issue 12): the request is already
 * checked (isPlainJsonRpcRequest, paramsProblems) and callTool's result is well-formed by construction (the
 * tests parse every kind with the SDK's schema). Anything else still goes to an SDK Server.
 */
export function directToolCall (message: JSONRPCMessage): { tool: Tool, id: string | number, args: unknown } | undefined {
  if (!('method' in message) || message.method !== 'tools/call' || !('id' in message)) return undefined
  const params = message.params as Record<string, unknown> | undefined
  if (params === undefined || typeof params.name !== 'string') return undefined
  for (const key in params) if (!TOOL_CALL_PARAMS.has(key)) return undefined
  if (params.arguments !== undefined && !isObject(params.arguments)) return undefined
  const tool = TOOLS_BY_NAME.get(params.name)
  return tool === undefined ? undefined : { tool, id: message.id, args: params.arguments }
}

/** The bytes of JSON.stringify of the SDK's answer to a call callTool answered, in the key order its zod copy has. */
function directAnswer (id: string | number, result: CallToolResult, call: CallContext): Buffer {
  const answered = result.isError === true ? { content: result.content, isError: true } : result
  return answerBytes({ result: answered, jsonrpc: '2.0', id } as JSONRPCMessage, call.answered)
}

/**
 * SDK Servers built once and reused: a Server speaks to one transport at a time and the stateless transport
 * serves one request, so each request borrows an idle Server (building one only when all are busy), connects
 * it to its own transport and gives it back once closed. The pool grows to the peak concurrency, no further.
 */
const idleServers: Server[] = []
const MAX_IDLE_SERVERS = 64

// Headers the transport looks at; Accept is normalized below.
const FORWARDED_HEADERS = ['content-type', 'mcp-protocol-version', 'mcp-session-id'] as const

/** The URL the transport sees: the path and query of ours, on a placeholder origin. */
function webRequestUrl (request: FastifyRequest): string {
  return `http://localhost${request.url}`
}

/**
 * We always answer JSON, so a client that accepts JSON (or anything) is served even when it does not also list
 * text/event-stream, which the SDK would refuse with 406. A client that accepts neither still gets the SDK's 406.
 */
function acceptFor (accept: string | undefined): string | undefined {
  if (accept === undefined || accept.trim() === '' || /application\/json|\*\/\*|application\/\*/i.test(accept)) return 'application/json, text/event-stream'
  return accept
}

/**
 * The common request, answered without the web-standard transport: one JSON-RPC request (not initialize, not a
 * batch) that the transport would take as it is (Accept with JSON and SSE, a JSON Content-Type, a supported or no
 * MCP-Protocol-Version). Its message, as the transport would parse it, or null: anything else goes the SDK's way.
 * The SDK Server still speaks the protocol; what is skipped is the transport's Request/Response plumbing, which
 * re-validated the whole answer with zod three times and cost more than the tool itself (issue 12).
 */
function plainRequest (message: unknown, headers: ForwardedHeaders): JSONRPCMessage | null {
  if (Array.isArray(message)) return null
  const accept = headers.accept
  if (accept?.includes('application/json') !== true || !accept.includes('text/event-stream')) return null
  if (!isJsonContentType(headers['content-type'] ?? null)) return null
  const version = headers['mcp-protocol-version']
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return null
  if (isPlainJsonRpcRequest(message)) return message as JSONRPCMessage
  const parsed = JSONRPCMessageSchema.safeParse(message)
  // isInitializeRequest parses with zod; only a method named initialize can be one.
  if (!parsed.success || !isJSONRPCRequest(parsed.data) || (parsed.data.method === 'initialize' && isInitializeRequest(parsed.data))) return null
  return parsed.data
}

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params'])

/**
 * A request JSONRPCMessageSchema takes as it is, checked without zod (two parses per request, issue 12): only the
 * strict request's keys, a string or safe-integer id, a method other than initialize, params (if any) an object
 * without _meta (which the SDK's schema would look into). zod's answer for such a message is a copy with the same
 * keys and values; any other message is judged by zod as before.
 */
export function isPlainJsonRpcRequest (message: unknown): boolean {
  if (!isObject(message) || Object.getPrototypeOf(message) !== Object.prototype) return false
  for (const key in message) if (!REQUEST_KEYS.has(key)) return false
  const { id, method, params } = message
  return message.jsonrpc === '2.0' && (typeof id === 'string' || Number.isSafeInteger(id)) &&
    typeof method === 'string' && method !== 'initialize' &&
    (params === undefined || (isObject(params) && Object.getPrototypeOf(params) === Object.prototype && !Object.hasOwn(params, '_meta')))
}

/** The request headers the transport looks at, as a Headers object would give them (names sorted, values trimmed). */
interface ForwardedHeaders { accept?: string, 'content-type'?: string, 'mcp-protocol-version'?: string, 'mcp-session-id'?: string }

// What Headers strips from both ends of a value (HTTP whitespace).
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g

function isHttpWhitespace (code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d
}

/** `value` without HTTP whitespace at either end; most values have none, and are not run through the regex. */
export function trimHttpWhitespace (value: string): string {
  if (value === '' || (!isHttpWhitespace(value.charCodeAt(0)) && !isHttpWhitespace(value.charCodeAt(value.length - 1)))) return value
  return value.replace(EDGE_WHITESPACE, '')
}

function forwardedHeaders (request: FastifyRequest): ForwardedHeaders {
  const forwarded: ForwardedHeaders = {}
  const accept = acceptFor(request.headers.accept)
  if (accept !== undefined) forwarded.accept = trimHttpWhitespace(accept)
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name]
    if (typeof value === 'string') forwarded[name] = trimHttpWhitespace(value)
  }
  return forwarded
}

/**
 * The transport of a Server kept for plain requests: connected once and never closed, it hands the Server one
 * message at a time (the Server is borrowed by one request) and resolves that request's answer. Connecting and
 * closing a Server per request cost more than its tool call: close() aborts the AbortController the SDK keeps for
 * the request just answered (its cleanup runs a tick later), which builds a DOMException and an McpError with
 * their stack traces, and connect() wires the callbacks again (issue 12).
 */
class PlainTransport implements Transport {
  onclose?: (() => void) | undefined
  onerror?: ((error: Error) => void) | undefined
  onmessage?: Transport['onmessage']
  #answer: ((message: JSONRPCMessage) => void) | undefined

  async start (): Promise<void> {}

  /** Hands the Server `message` and resolves with the response to it. */
  exchange (message: JSONRPCMessage, extra: Parameters<NonNullable<Transport['onmessage']>>[1]): Promise<JSONRPCMessage> {
    const answer = new Promise<JSONRPCMessage>((resolve) => { this.#answer = resolve })
    this.onmessage?.(message, extra)
    return answer
  }

  // Notifications a handler may send go nowhere, as in the web-standard transport's JSON mode. A Server sends
  // requests, notifications (both with a method) and responses (an id and a result or an error, no method).
  async send (message: JSONRPCMessage): Promise<void> {
    if ('method' in message || !('id' in message)) return
    const answer = this.#answer
    this.#answer = undefined
    answer?.(message)
  }

  async close (): Promise<void> { this.onclose?.() }
}

/** Servers connected to their PlainTransport for good, idle ones here (the pool grows to the peak concurrency). */
const idlePlainServers: Array<{ server: Server, transport: PlainTransport }> = []

async function plainServer (): Promise<{ server: Server, transport: PlainTransport }> {
  const idle = idlePlainServers.pop()
  if (idle !== undefined) return idle
  const server = buildServer()
  const transport = new PlainTransport()
  await server.connect(transport)
  return { server, transport }
}

export const mcpRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const series = SeriesService.withLogger(deps.database.db, deps.clock, deps.config.generationHorizonDays, app.log)
  const jobs = new JobsService(deps.database.db, deps.clock)
  answerInvalidInput(app)

  // The body stays text here so that an unparsable one can be answered with JSON-RPC's -32700.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => { done(null, body) })

  // docs/contract.md §10: a browser page of another origin must not reach the tools (DNS rebinding); clients that are not
  // browsers send no Origin.
  const allowedOrigins = new Set(deps.config.mcpAllowedOrigins)
  // A callback hook: every MCP request runs it, and an async one cost a promise each (issue 12).
  const checkOrigin: onRequestHookHandler = (request, _reply, done) => {
    const origin = request.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      done(new ApiError('origin_not_allowed', `Origin ${origin} is not allowed to call /api/mcp (MCP_ALLOWED_ORIGINS)`))
      return
    }
    done()
  }

  // A stateless server offers no SSE stream to GET and no session to DELETE: 405, so clients stop asking.
  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/api/mcp',
      schema: { hide: true },
      onRequest: checkOrigin,
      handler: async (_request, reply) => reply.code(405).header('allow', 'POST').type('application/json; charset=utf-8')
        .send(JSON.stringify(jsonRpcError(null, -32000, `Method not allowed: ${method} /api/mcp; this stateless server answers POST only (no SSE stream, no session to delete)`)))
    })
  }

  app.post('/api/mcp', {
    onRequest: checkOrigin,
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

    // One bad request answers alone (a batch goes to the SDK whole; its items are judged there).
    if (!Array.isArray(message) && isObject(message) && typeof message.method === 'string' && Object.hasOwn(message, 'id')) {
      const problems = paramsProblems(message.method, message.params)
      if (problems.length > 0) return reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(jsonRpcError(idOf(message), ErrorCode.InvalidParams, `Invalid params: ${problems.join('; ')}`)))
    }

    const headers = forwardedHeaders(request)

    const call: CallContext = { ctx: { principal, series, jobs }, log: request.log }
    const plain = plainRequest(message, headers)
    // Plain answers go out as bytes: encoded once, where a string is measured by Fastify and encoded again by Node
    // (a jobs.list answer is 2.2 times its result, the text and structuredContent).
    const direct = plain === null ? undefined : directToolCall(plain)
    if (direct !== undefined) {
      const result = await callTool(direct.tool, direct.args, call)
      return reply.code(200).type('application/json').send(directAnswer(direct.id, result, call))
    }
    // What the SDK hands its handlers as extra.authInfo (callContext reads the call back from it).
    const authInfo: AuthInfo = { token: '', clientId: principal.keyId, scopes: [], extra: { call } }
    if (plain !== null) {
      const borrowed = await plainServer()
      try {
        const answer = await borrowed.transport.exchange(plain, { authInfo, requestInfo: { headers: { ...headers }, url: new URL(webRequestUrl(request)) } })
        return reply.code(200).type('application/json').send(answerBytes(answer, call.answered))
      } finally {
        if (idlePlainServers.length < MAX_IDLE_SERVERS) idlePlainServers.push(borrowed)
        else await borrowed.server.close()
      }
    }
    const server = idleServers.pop() ?? buildServer()
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })
    try {
      await server.connect(transport)
      const webRequest = new Request(webRequestUrl(request), { method: 'POST', headers: headers as Record<string, string> })
      const response = await transport.handleRequest(webRequest, { parsedBody: message, authInfo })
      const body = await response.text()
      if (body === '') return reply.code(response.status as 202).send('')
      // The SDK's JSON text goes out as is (a string payload skips Fastify's response serializer).
      return reply.code(response.status as 200).type(response.headers.get('content-type') ?? 'application/json').send(body)
    } finally {
      await server.close()
      if (idleServers.length < MAX_IDLE_SERVERS) idleServers.push(server)
    }
  })
}
