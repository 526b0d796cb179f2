// Job-instance use cases (CONTRACT §7): list, get and the individual edit that marks an instance as an exception
// (edited_individually) or cancels it on the user's behalf (cancel_reason "user", which keeps its date).
import type { Principal } from '../auth/scopes.js'
import type { Executor } from '../db/connect.js'
import { ApiError } from '../errors.js'
import { aliasOrThrow, invalid, isUuid, PAGE_SIZE, type Page } from '../schemas/series-side.js'
import type { Clock } from '../time/clock.js'
import { isCalendarDate, parseTimestamp } from '../time/rfc3339.js'
import type { ListJobsInput, UpdateJobInput } from './schemas.js'
import * as store from './store.js'
import type { Job, JobDetail, JobFilter, NewJob } from './store.js'

export class JobsService {
  constructor (private readonly db: Executor, private readonly clock: Clock) {}

  async list (principal: Principal, input: ListJobsInput): Promise<Page<Job>> {
    const filter: JobFilter = {
      seriesId: aliasOrThrow('seriesId', input.seriesId, 'series_id', input.series_id),
      customerId: aliasOrThrow('customer_id', input.customer_id, 'customerId', input.customerId),
      status: input.status
    }
    applyBound(filter, 'from', input.from)
    applyBound(filter, 'to', input.to)
    const page = input.page ?? 1
    const { rows, total } = await store.listJobs(this.db, principal.tenantId, filter, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    return { data: rows, count: total, page, limit: PAGE_SIZE }
  }

  async get (principal: Principal, id: string): Promise<JobDetail> {
    const job = await this.#jobOrThrow(this.db, principal, id)
    return { job, lineItems: await store.jobLineItemsOf(this.db, job.id), assignments: await store.jobAssignmentsOf(this.db, job.id) }
  }

  async update (principal: Principal, id: string, input: UpdateJobInput): Promise<Job> {
    const scheduledStart = input.scheduled_start === undefined ? undefined : instantOrThrow('scheduled_start', input.scheduled_start)
    const now = this.clock.now()
    return this.db.transaction(async (tx) => {
      const job = await this.#jobOrThrow(tx, principal, id, true)
      if (job.cancelReason === 'series_updated' || job.cancelReason === 'series_ended' || job.cancelReason === 'series_split') {
        // Its date may already hold the replacement instance: reviving it would make two live instances.
        throw new ApiError('invalid_input', `Job ${id} was cancelled by its series (${job.cancelReason}) and can no longer be changed`, [{ field: 'id', message: 'refers to an instance its series cancelled' }])
      }
      const changes: Partial<NewJob> = {}
      if (input.status !== undefined) {
        changes.status = input.status
        changes.cancelReason = input.status === 'cancelled' ? 'user' : null
      }
      if (input.title !== undefined) changes.title = input.title
      if (input.description !== undefined) changes.description = input.description
      if (scheduledStart !== undefined) changes.scheduledStart = scheduledStart
      if (input.title !== undefined || input.description !== undefined || scheduledStart !== undefined) changes.editedIndividually = true
      if (Object.keys(changes).length === 0) return job
      return store.updateJob(tx, job.id, { ...changes, updatedAt: now })
    })
  }

  async #jobOrThrow (db: Executor, principal: Principal, id: string, forUpdate = false): Promise<Job> {
    const job = isUuid(id) ? await store.findJob(db, principal.tenantId, id, forUpdate) : null
    if (job === null) throw new ApiError('not_found', `Job ${id} not found`)
    return job
  }
}

function instantOrThrow (field: string, text: string): Date {
  const instant = parseTimestamp(text)
  if (instant === null) throw invalid(field, `${JSON.stringify(text)} is not an RFC 3339 date-time with an offset (e.g. 2026-07-13T16:00:00Z)`)
  return new Date(Math.floor(instant.getTime() / 1000) * 1000)
}

/** from/to: a date bounds occurrence_date (inclusive); an instant bounds scheduled_start (from ≤ s < to). */
function applyBound (filter: JobFilter, which: 'from' | 'to', text: string | undefined): void {
  if (text === undefined) return
  if (isCalendarDate(text)) {
    if (which === 'from') filter.fromDate = text
    else filter.toDate = text
    return
  }
  const instant = parseTimestamp(text)
  if (instant === null) throw invalid(which, `${JSON.stringify(text)} is neither a date YYYY-MM-DD nor an RFC 3339 date-time`)
  if (which === 'from') filter.fromInstant = instant
  else filter.toInstant = instant
}
