// request.log is made on the first line a request writes (issue 12): the lines are pino's child's, with the request
// id bound, and a request that writes nothing at the configured level makes no child at all.
import { Writable } from 'node:stream'
import Fastify from 'fastify'
import pino from 'pino'
import t from 'tap'
import { requestLoggerFactory } from '../../src/plugins/request-logger.js'

function capture () {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write (chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line))
      done()
    }
  })
  return { lines, stream }
}

async function appAt (level: string) {
  const { lines, stream } = capture()
  const app = Fastify({ logger: { level, stream }, childLoggerFactory: requestLoggerFactory, genReqId: () => 'req-1' })
  app.get('/quiet', async () => ({ ok: true }))
  app.get('/warns', async (request) => {
    request.log.info('not at warn')
    request.log.warn({ detail: 42 }, 'something odd')
    request.log.child({ step: 'inner' }).error('inner failure')
    return { ok: true, level: request.log.level, info: (request.log as unknown as { isLevelEnabled (l: string): boolean }).isLevelEnabled('info') }
  })
  app.get('/route-level', { logLevel: 'debug' }, async (request) => {
    request.log.debug('debug on this route')
    return { ok: true }
  })
  return { app, lines }
}

t.test('lines carry the request id and what each call gave, as pino child lines do', async (t) => {
  const { app, lines } = await appAt('info')
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/warns' })
  t.strictSame(res.json(), { ok: true, level: 'info', info: true })
  const mine = lines.map(({ level, reqId, msg, detail, step }) => ({ level, reqId, msg, detail, step }))
  t.strictSame(mine, [
    { level: 30, reqId: 'req-1', msg: 'incoming request', detail: undefined, step: undefined },
    { level: 30, reqId: 'req-1', msg: 'not at warn', detail: undefined, step: undefined },
    { level: 40, reqId: 'req-1', msg: 'something odd', detail: 42, step: undefined },
    { level: 50, reqId: 'req-1', msg: 'inner failure', detail: undefined, step: 'inner' },
    { level: 30, reqId: 'req-1', msg: 'request completed', detail: undefined, step: undefined }
  ])
})

t.test('at warn a quiet request writes nothing, and a level below it is not written', async (t) => {
  const { app, lines } = await appAt('warn')
  t.teardown(() => app.close())
  t.equal((await app.inject({ method: 'GET', url: '/quiet' })).statusCode, 200)
  t.strictSame(lines, [])
  const res = await app.inject({ method: 'GET', url: '/warns' })
  t.strictSame(res.json(), { ok: true, level: 'warn', info: false })
  t.strictSame(lines.map(({ msg, reqId }) => [msg, reqId]), [['something odd', 'req-1'], ['inner failure', 'req-1']])
})

t.test("a route's own log level still applies", async (t) => {
  const { app, lines } = await appAt('warn')
  t.teardown(() => app.close())
  await app.inject({ method: 'GET', url: '/route-level' })
  t.ok(lines.some((line) => line.msg === 'debug on this route' && line.reqId === 'req-1'), 'the debug line of a debug route')
})

t.test('the child is made on the first line written, once, and never for a request that writes none', async (t) => {
  const parent = pino({ level: 'warn' }, capture().stream)
  let made = 0
  const child = parent.child.bind(parent)
  parent.child = ((bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => { made++; return child(bindings, options) }) as unknown as typeof parent.child
  const log = requestLoggerFactory.call(null as never, parent, { reqId: 'r' }, {}, {} as never)
  log.info('below warn')
  log.debug('below warn')
  t.equal(made, 0, 'nothing written, no child')
  log.warn('written')
  log.error('written too')
  t.equal(made, 1, 'one child for every line')
  const eager = requestLoggerFactory.call(null as never, parent, { reqId: 's' }, { level: 'debug' }, {} as never)
  t.equal(made, 2, 'a route level makes the child at once')
  t.equal(eager.level, 'debug')
})

t.test('without a logger (logger: false) requests are served and write nothing', async (t) => {
  const app = Fastify({ logger: false, childLoggerFactory: requestLoggerFactory })
  app.get('/', async (request) => { request.log.error('nowhere'); return { ok: true } })
  t.teardown(() => app.close())
  t.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 200)
})
