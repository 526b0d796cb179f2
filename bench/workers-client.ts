// The HTTP side of bench/workers.ts, in its own process (forked by it) so that the workers' event loop is not the
// service's, as pg-boss's fetch loops are not a server's. It answers each message of the parent with the elapsed
// time of the run it asked for:
// and the CPU time this process used for it.
//   { kind: 'drain', mode: 'per-item' | 'batch', urls, token, workers, batch } → { ms }: W workers (alternating between
//     the given instances) claim `batch` executions at a time and acknowledge them one per request (per-item) or all
//     in one request (batch), until a claim answers nothing;
//   { kind: 'sdk', url, token, count, concurrency } → { ms }: one SDK Worker with a no-op handler until `count`
//     executions have completed.
import { createClient, Worker } from '../clients/typescript/src/index.js'

export type ClientRequest =
  | { kind: 'drain', mode: 'per-item' | 'batch', urls: string[], token: string, workers: number, batch: number }
  | { kind: 'sdk', url: string, token: string, count: number, concurrency: number }
export type ClientReply = { ms: number, cpuMs: number } | { error: string }

async function drain (r: Extract<ClientRequest, { kind: 'drain' }>): Promise<number> {
  const started = performance.now()
  await Promise.all(Array.from({ length: r.workers }, async (_, w) => {
    const c = createClient({ baseUrl: r.urls[w % r.urls.length]!, token: r.token })
    const workerId = `bench-${w}`
    for (;;) {
      const { data } = await c.POST('/v1/executions/claim', { body: { worker_id: workerId, limit: r.batch } })
      const claimed = data?.data ?? []
      if (claimed.length === 0) return
      if (r.mode === 'batch') {
        await c.POST('/v1/executions/complete', { body: { worker_id: workerId, items: claimed.map((e) => ({ id: e.id })) } })
      } else {
        for (const e of claimed) await c.POST('/v1/executions/{id}/complete', { params: { path: { id: e.id } }, body: { worker_id: workerId } })
      }
    }
  }))
  return performance.now() - started
}

async function sdk (r: Extract<ClientRequest, { kind: 'sdk' }>): Promise<number> {
  let completed = 0
  const worker = new Worker({ baseUrl: r.url, token: r.token, concurrency: r.concurrency, pollSeconds: 1, handlers: { 'bench.noop': () => null } })
  const done = new Promise<void>((resolve) => { worker.on('completed', () => { if (++completed === r.count) resolve() }) })
  const started = performance.now()
  await worker.start()
  await done
  const ms = performance.now() - started
  await worker.stop({ graceMs: 0 })
  return ms
}

process.on('message', (message: ClientRequest) => {
  const cpu = process.cpuUsage()
  const run = message.kind === 'drain' ? drain(message) : sdk(message)
  run.then((ms) => {
    const used = process.cpuUsage(cpu)
    process.send!({ ms, cpuMs: (used.user + used.system) / 1000 } satisfies ClientReply)
  },
  (error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ClientReply))
})
// Without the parent there is nothing to do.
process.on('disconnect', () => process.exit(0))
