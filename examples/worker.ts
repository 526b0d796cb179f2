// A runnable worker: registers a schedule that fires every minute and runs it.
//   npm start                                       # the service, in another terminal (prints the key once)
//   RECURRING_JOBS_TOKEN=zoop_uk_… npx tsx examples/worker.ts
// Outside this repository, import from '@recurring-jobs/client' instead of the relative path.
import { Worker } from '../clients/typescript/src/index.js'

const token = process.env.RECURRING_JOBS_TOKEN
if (token === undefined || token === '') {
  console.error('Set RECURRING_JOBS_TOKEN to an API key (the first start of the service prints one).')
  process.exit(2)
}

const worker = new Worker({
  baseUrl: process.env.RECURRING_JOBS_URL ?? 'http://127.0.0.1:8080',
  token,
  workerId: process.env.WORKER_ID ?? 'example-worker',
  concurrency: 4,
  schedules: [
    { job_type: 'example.cleanup', cron_expression: '* * * * *', timezone: 'UTC', payload: { retain_days: 30 } }
  ],
  handlers: {
    'example.cleanup': async ({ execution, payload, signal }) => {
      console.log(`running ${execution.job_type} (${execution.id}, attempt ${execution.attempt}) with`, payload)
      await new Promise((resolve) => setTimeout(resolve, 200))
      if (signal.aborted) return null // the lease was lost or the worker is stopping: the result is dropped anyway
      return { rows_deleted: 42 }
    }
  }
})

worker.on('completed', (e) => console.log(`execution ${e.id} ${e.status}`))
worker.on('failed', (e, error) => console.log(`execution ${e.id} failed an attempt: ${error.split('\n')[0] ?? ''}`))
worker.on('error', (error) => console.error('worker:', error.message))

await worker.start()
console.log(`worker ${worker.workerId} registered its schedule and is claiming; Ctrl-C stops it`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('stopping: running handlers get 10 s, the rest are released')
    worker.stop({ graceMs: 10_000 }).then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1) })
  })
}
