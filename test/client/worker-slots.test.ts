// The SDK's Worker (docs/contract.md §11) against a fake API (the fetch seam): a handler's concurrency slot is free as
// soon as the handler returns, while its acknowledgement is still waiting for its answer; stop() waits for that
// answer all the same.
import t from 'tap'
import { Worker } from '../../clients/typescript/src/index.js'
import type { Execution } from '../../clients/typescript/src/client.js'

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

/** An API that hands out `total` executions and holds every complete until the test answers it. */
function fakeApi (total: number) {
  const executions: Execution[] = Array.from({ length: total }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, job_type: 'noop', payload: {}, timeout_seconds: 300, status: 'running'
  }) as unknown as Execution)
  const log: string[] = []
  const heldCompletes: Array<{ items: Array<{ id: string }>, answer: () => void }> = []
  let waiting: (() => void) | null = null
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const path = new URL(request.url).pathname
    const body = await request.json() as { limit?: number, items?: Array<{ id: string }> }
    if (path === '/v1/executions/claim') {
      log.push(`claim ${body.limit!}`)
      // Nothing left: wait (like a long-poll) until the worker gives up on the claim.
      if (executions.length === 0) {
        await new Promise<void>((resolve, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true })
          waiting = resolve
        })
      }
      return json({ data: executions.splice(0, body.limit) })
    }
    if (path === '/v1/executions/complete') {
      log.push(`complete ${body.items!.length}`)
      return new Promise((resolve) => {
        heldCompletes.push({ items: body.items!, answer: () => resolve(json({ results: body.items!.map((i) => ({ id: i.id, ok: true, execution: { id: i.id, status: 'succeeded' } })) })) })
      })
    }
    throw new Error(`unexpected ${path}`)
  }
  return { fetch, log, heldCompletes, wake: () => waiting?.() }
}

const turns = async (n = 20) => { for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve)) }

t.test('a slot frees when the handler returns: the worker claims again while the acknowledgement is in flight', async (t) => {
  const api = fakeApi(6)
  let running = 0
  let most = 0
  let handled = 0
  const w = new Worker({
    baseUrl: 'http://fake.invalid',
    token: 'token',
    concurrency: 2,
    pollSeconds: 1,
    handlers: { noop: async () => { most = Math.max(most, ++running); await turns(2); running--; handled++; return null } }
  }, { fetch: api.fetch })
  const completed: string[] = []
  w.on('completed', (e) => completed.push(e.id))
  await w.start()
  await turns()
  // The first two handlers returned; their complete has not been answered, and the worker has claimed two more.
  t.equal(api.heldCompletes.length, 1, 'one complete request in flight, unanswered')
  t.ok(handled >= 4, `the next claims ran their handlers while the first complete was in flight (${handled} handled)`)
  const firstComplete = api.log.findIndex((l) => l.startsWith('complete'))
  t.ok(firstComplete > 0 && api.log.slice(firstComplete + 1).some((l) => l.startsWith('claim')), `claimed again after the first complete was sent (${api.log.join(', ')})`)
  t.ok(most <= 2, `never more than concurrency (2) handlers at once (most: ${most})`)
  t.equal(completed.length, 0, 'no completion reported before its answer')

  for (;;) {
    const held = api.heldCompletes.shift()
    if (held === undefined) break
    held.answer()
    await turns()
  }
  t.equal(handled, 6)
  t.equal(completed.length, 6, 'every completion reported once answered')
  t.ok(most <= 2, `never more than concurrency (2) handlers at once (most: ${most})`)
  await w.stop({ graceMs: 0 })
})

t.test('stop() resolves only once every acknowledgement has been answered', async (t) => {
  const api = fakeApi(2)
  const w = new Worker({ baseUrl: 'http://fake.invalid', token: 'token', concurrency: 2, pollSeconds: 1, handlers: { noop: () => 'ok' } }, { fetch: api.fetch })
  const completed: string[] = []
  w.on('completed', (e) => completed.push(e.id))
  await w.start()
  await turns()
  t.equal(api.heldCompletes.length, 1, 'a complete is in flight')
  t.equal(w.active, 0, 'no handler is running')
  const state = { stopped: false }
  const stopping = w.stop({ graceMs: 0 }).then(() => { state.stopped = true })
  await turns()
  t.equal(state.stopped, false, 'stop() waits for the unanswered complete')
  for (let i = 0; i < 100 && !state.stopped; i++) {
    api.heldCompletes.shift()?.answer()
    await turns(2)
  }
  await stopping
  t.equal(completed.length, 2, 'both completions reported before stop() resolved')
})
