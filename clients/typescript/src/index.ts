// @recurring-jobs/client: the typed REST client and the Worker (docs/contract.md §11).
export { createClient, type ClientOptions, type Execution, type RecurringJobsClient, type components, type paths } from './client.js'
export {
  RequestTimeoutError,
  Worker,
  describeError,
  type Handler,
  type HandlerContext,
  type ScheduleDefinition,
  type StopOptions,
  type WorkerClock,
  type WorkerEvents,
  type WorkerInternals,
  type WorkerLogger,
  type WorkerOptions
} from './worker.js'
