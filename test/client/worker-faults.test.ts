// The SDK's Worker (docs/contract.md §11): network errors and 503 are retried; stop() finishes, aborts and releases.
import t from 'tap'
import { RequestTimeoutError, Worker } from '../../clients/typescript/src/index.js'
import { collect, eachService, enqueue, execution, startService, tcpProxy, within, worker } from '../helpers/service.js'

// The machine may be slow; each case runs on both databases with a real server.
t.setTimeout(600_000)

t.test('Worker', async (t) => {
  // The claim that was waiting when the connection was cut may be woken by the enqueue before the server has read the
  // close (always so on PGlite); the server then gives the execution back (test/executions/long-poll.test.ts). A
  // claim sent just before the cut can meet a connection closed as it is accepted: Node 20's fetch (undici 6) then
  // never settles the request, and only the claim's deadline (1 s wait + requestTimeoutMs) ends it.
  await eachService(t, 'network errors (a cut connection) and 503 answers are retried until the acknowledgement lands', async (t, db) => {
    const s = await startService(t, db)
    const proxy = await tcpProxy(t, new URL(s.url).port)
    let refusals = 0
    const flaky: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      if (new URL(request.url).pathname === '/v1/executions/complete' && refusals < 2) {
        refusals++
        return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'try later' } }), { status: 503, headers: { 'content-type': 'application/json' } })
      }
      return fetch(request)
    }
    const w = new Worker({ baseUrl: proxy.url, token: s.tenant.token, pollSeconds: 1, requestTimeoutMs: 1_000, handlers: { 'crm.sync': async () => 'ok' } }, { fetch: flaky, retryBaseMs: 20, maxRetryMs: 100 })
    t.teardown(() => w.stop({ graceMs: 0 }))
    const errors: Error[] = []
    w.on('error', (e) => errors.push(e))
    await w.start()
    proxy.cut() // the waiting long-poll dies with the connection; new ones are refused for a while
    const [id] = await enqueue(s)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const completed = collect(w, 'completed', 1)
    proxy.restore()
    t.match((await within(20_000, completed, 'the completion'))[0], { id, status: 'succeeded' })
    t.equal(refusals, 2, 'two 503 answers, then the retry landed')
    t.ok(errors.length > 0, 'the failures were reported on error')
  })

  // Nothing sent while the proxy is frozen reaches the service, so no claim or completion can land unseen: without
  // deadlines the claim (and then the completion) would wait for an answer for ever (undici's own limit is 300 s).
  await eachService(t, 'a request on a connection gone silent misses its deadline (a claim\'s: its wait plus requestTimeoutMs) and is retried', async (t, db) => {
    const s = await startService(t, db)
    const proxy = await tcpProxy(t, new URL(s.url).port)
    proxy.freeze()
    const w = new Worker({
      baseUrl: proxy.url,
      token: s.tenant.token,
      pollSeconds: 1,
      requestTimeoutMs: 300,
      handlers: { 'crm.sync': async () => { proxy.freeze(); return 'ok' } }
    }, { retryBaseMs: 20, maxRetryMs: 100 })
    t.teardown(() => w.stop({ graceMs: 0 }))
    const timeouts: Array<{ message: string, at: number }> = []
    const timedOut = (what: string) => new Promise<void>((resolve) => {
      w.on('error', (e) => {
        if (e instanceof RequestTimeoutError) timeouts.push({ message: e.message, at: performance.now() })
        if (e instanceof RequestTimeoutError && e.message.startsWith(`${what} `)) resolve()
      })
    })
    const claimTimedOut = timedOut('claim')
    const completeTimedOut = timedOut('complete')
    const completed = collect(w, 'completed', 1)
    const started = performance.now()
    await w.start()
    const [id] = await enqueue(s)
    await within(20_000, claimTimedOut, 'the claim\'s deadline')
    const claimMs = timeouts[0]!.at - started
    t.ok(claimMs >= 1_200, `the claim's deadline is its wait (1 s) plus 300 ms: missed after ${Math.round(claimMs)} ms`)
    proxy.thaw()
    await within(20_000, completeTimedOut, 'the completion\'s deadline')
    proxy.thaw()
    t.match((await within(20_000, completed, 'the completion'))[0], { id, status: 'succeeded' })
    t.match(await execution(s, id!), { status: 'succeeded', attempt: 1 }, 'claimed once, completed once')
  })

  await eachService(t, 'stop() lets a handler finish within graceMs, aborts and releases the rest', async (t, db) => {
    const s = await startService(t, db)
    const [quick, slow] = await enqueue(s, 2)
    let slowAborted = false
    const w = worker(t, s, {
      concurrency: 2,
      handlers: {
        'crm.sync': async ({ execution, signal }) => {
          if (execution.id === quick) { await new Promise((resolve) => setTimeout(resolve, 100)); return 'quick' }
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => { slowAborted = true; resolve() }))
          return 'too late'
        }
      }
    })
    const claimed = collect(w, 'claimed', 2)
    const released = collect(w, 'released', 1)
    await w.start()
    await claimed
    await w.stop({ graceMs: 400 })
    t.equal(slowAborted, true)
    t.match((await released)[0], { id: slow, status: 'queued', attempt: 0, lease_expires_at: null })
    t.match(await execution(s, quick!), { status: 'succeeded' })
    t.match(await execution(s, slow!), { status: 'queued', attempt: 0 })
    t.equal(w.active, 0)
  })
})
