// Job-series use cases (docs/contract.md §7), called by the REST routes, the MCP tools and the window task alike. Owns the
// transactions and throws ApiError; transports only check scopes and shape responses.
//
// Create and update commit the template first and generate the window in a transaction of its own: when that
// step fails the series is still saved, generation_due_at stays at "now", and the window task generates it
// shortly after (reference job-series API: "a background job will generate the instances").
import type { Principal } from '../auth/scopes.js'
import type { Executor } from '../db/connect.js'
import { uniqueViolation } from '../db/sql-errors.js'
import { ApiError } from '../errors.js'
import { cancelPendingJobs } from '../jobs/store.js'
import { aliasOrThrow, invalid, PAGE_SIZE, type Page } from '../schemas/series-side.js'
import type { Clock } from '../time/clock.js'
import { localDate, minDate } from './dates.js'
import { materializeWindow, materializeWindows } from './materialize.js'
import { previewRrule } from './preview.js'
import type { CreateSeriesInput, LineItemInputValue, ListSeriesInput, PreviewRruleInput, UpdateSeriesInput } from './schemas.js'
import * as store from './store.js'
import type { LineItemValues, NewSeries, Series, SeriesDetail } from './store.js'
import { dtstartOrThrow, endsOnOrThrow, MAX_MONEY, ruleOrThrow, toCents, totalOf, zoneOrThrow } from './validate.js'

/** How long a series whose generation failed waits before the window task tries it again. */
export const GENERATION_RETRY_MS = 10 * 60_000

export interface SeriesServiceOptions {
  /**
   * Runs inside the generation transaction, before the window is materialized, after create and update. Tests
   * throw from it to simulate a failed first generation.
   */
  beforeGenerate?: (seriesId: string) => void | Promise<void>
  /** Where failed generations are reported (they never fail the request). */
  onGenerationError?: (error: unknown, seriesId: string) => void
}

interface Logger { warn (obj: object, msg: string): void, error (obj: object, msg: string): void }

export class SeriesService {
  constructor (
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly horizonDays: number,
    private readonly options: SeriesServiceOptions = {}
  ) {}

  static withLogger (db: Executor, clock: Clock, horizonDays: number, log: Logger): SeriesService {
    return new SeriesService(db, clock, horizonDays, {
      onGenerationError: (err, seriesId) => log.error({ err, seriesId }, 'job series window generation failed; the window task will retry')
    })
  }

  async list (principal: Principal, input: ListSeriesInput): Promise<Page<Series>> {
    const customerId = aliasOrThrow('customer_id', input.customer_id, 'customerId', input.customerId)
    const page = input.page ?? 1
    const { rows, total } = await store.listSeries(this.db, principal.tenantId, customerId ?? undefined, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    return { data: rows, count: total, page, limit: PAGE_SIZE }
  }

  async get (principal: Principal, id: string): Promise<SeriesDetail> {
    const series = await this.#seriesOrThrow(this.db, principal, id)
    return { series, lineItems: await store.lineItemsOf(this.db, series.id), assignments: await store.assignmentsOf(this.db, series.id) }
  }

  preview (input: PreviewRruleInput) {
    return previewRrule(input, this.clock.now())
  }

  async create (principal: Principal, input: CreateSeriesInput): Promise<Series> {
    const createdBy = authorOrThrow(principal)
    const now = this.clock.now()
    const timezone = zoneOrThrow(input.timezone)
    const today = localDate(now, timezone)
    const dtstart = dtstartOrThrow(input.dtstart, today)
    const rule = ruleOrThrow(input.rrule, dtstart, timezone, today)
    const endsOn = endsOnOrThrow(input.ends_on ?? null, dtstart)
    const customerId = aliasOrThrow('customer_id', input.customer_id, 'customerId', input.customerId) ?? null
    const lineItems = lineItemsOrThrow(input.line_items ?? [])
    const userIds = [...new Set(input.assigned_user_ids ?? [])]
    const flatPrice = moneyOrNull(input.flat_price)
    totalOrThrow(flatPrice, lineItems)

    const series = await this.#saving(() => this.db.transaction(async (tx) => {
      await this.#referencesOrThrow(tx, principal.tenantId, customerId, lineItems, userIds)
      const values: NewSeries = {
        tenantId: principal.tenantId,
        title: input.title,
        description: input.description ?? null,
        rrule: rule.text,
        timezone,
        dtstart,
        endsOn,
        maxOccurrences: input.max_occurrences ?? null,
        flatPrice,
        customerId,
        externalId: input.external_id ?? null,
        createdBy,
        generatedThrough: null,
        generationDueAt: now,
        createdAt: now,
        updatedAt: null
      }
      const saved = await store.insertSeries(tx, values)
      await store.replaceLineItems(tx, principal.tenantId, saved.id, lineItems)
      await store.replaceAssignments(tx, principal.tenantId, saved.id, userIds)
      return saved
    }))
    return this.#generateNow(series)
  }

  /**
   * Edit-all (reference job-series API): the template changes, every pending instance starting from now on is
   * cancelled (series_updated) and the window is generated again from the new template.
   */
  async update (principal: Principal, id: string, input: UpdateSeriesInput): Promise<Series> {
    authorOrThrow(principal)
    if (Object.hasOwn(input, 'dtstart')) throw invalid('dtstart', 'cannot be changed after a series is created: end the series and create a new one')
    const now = this.clock.now()
    const series = await this.#saving(() => this.db.transaction(async (tx) => {
      const current = await this.#seriesOrThrow(tx, principal, id, true)
      if (current.endedAt !== null) throw new ApiError('invalid_input', 'This series has ended and can no longer be updated', [{ field: 'id', message: 'refers to an ended series' }])
      const changes: Partial<NewSeries> = { updatedAt: now, generatedThrough: null, generationDueAt: now }
      const timezone = input.timezone === undefined ? current.timezone : zoneOrThrow(input.timezone)
      const today = localDate(now, timezone)
      if (input.timezone !== undefined) changes.timezone = timezone
      if (input.rrule !== undefined) changes.rrule = ruleOrThrow(input.rrule, current.dtstart, timezone, today).text
      if (input.title !== undefined) changes.title = input.title
      if (input.description !== undefined) changes.description = input.description
      if (input.ends_on !== undefined) changes.endsOn = endsOnOrThrow(input.ends_on, current.dtstart)
      if (input.max_occurrences !== undefined) changes.maxOccurrences = input.max_occurrences
      if (input.flat_price !== undefined) changes.flatPrice = moneyOrNull(input.flat_price)
      if (input.external_id !== undefined) changes.externalId = input.external_id
      const customerId = aliasOrThrow('customer_id', input.customer_id, 'customerId', input.customerId)
      if (customerId !== undefined) changes.customerId = customerId
      const lineItems = input.line_items === undefined ? undefined : lineItemsOrThrow(input.line_items)
      const userIds = input.assigned_user_ids === undefined ? undefined : [...new Set(input.assigned_user_ids)]
      totalOrThrow(changes.flatPrice === undefined ? current.flatPrice : changes.flatPrice ?? null,
        lineItems ?? await store.lineItemsOf(tx, current.id))
      await this.#referencesOrThrow(tx, principal.tenantId, customerId ?? null, lineItems ?? [], userIds ?? [])

      const saved = await store.updateSeries(tx, current.id, changes)
      if (lineItems !== undefined) await store.replaceLineItems(tx, principal.tenantId, current.id, lineItems)
      if (userIds !== undefined) await store.replaceAssignments(tx, principal.tenantId, current.id, userIds)
      await cancelPendingJobs(tx, current.id, now, 'series_updated', input.preserve_exceptions === true)
      return saved
    }))
    return this.#generateNow(series)
  }

  /** One-way (docs/contract.md §7): ends_on capped at today, ended_at set, pending instances from now on cancelled. */
  async end (principal: Principal, id: string): Promise<{ ended: true, id: string }> {
    const now = this.clock.now()
    return this.db.transaction(async (tx) => {
      const series = await this.#seriesOrThrow(tx, principal, id, true)
      if (series.endedAt === null) {
        const today = localDate(now, series.timezone)
        await store.updateSeries(tx, series.id, {
          endsOn: minDate(series.endsOn, today)!,
          endedAt: now,
          updatedAt: now,
          generationDueAt: null
        })
        await cancelPendingJobs(tx, series.id, now, 'series_ended', false)
      }
      return { ended: true as const, id: series.id }
    })
  }

  /**
   * The window task's batch: extends the windows of up to `limit` series due at `now` in one transaction
   * (FOR UPDATE SKIP LOCKED, so instances running together share the work). When the batch fails, its series are
   * retried one by one, so one broken series never blocks the others: it alone is postponed by
   * GENERATION_RETRY_MS. Returns how many series it handled.
   */
  async generateDue (now: Date, limit: number): Promise<number> {
    try {
      return await this.db.transaction(async (tx) => {
        const due = await store.lockDueSeriesBatch(tx, now, limit)
        await materializeWindows(tx, due, now, this.horizonDays)
        return due.length
      })
    } catch {
      return this.#generateOneByOne(now, limit)
    }
  }

  async #generateOneByOne (now: Date, limit: number): Promise<number> {
    const ids = await store.dueSeriesIds(this.db, now, limit)
    for (const id of ids) {
      try {
        await this.db.transaction(async (tx) => {
          const series = await store.lockDueSeries(tx, id, now)
          if (series !== null) await materializeWindow(tx, series, now, this.horizonDays)
        })
      } catch (error) {
        this.options.onGenerationError?.(error, id)
        await store.postponeGeneration(this.db, id, new Date(now.getTime() + GENERATION_RETRY_MS))
      }
    }
    return ids.length
  }

  async #generateNow (series: Series): Promise<Series> {
    try {
      return await this.db.transaction(async (tx) => {
        const locked = await store.findSeries(tx, series.tenantId, series.id, true)
        if (locked === null) return series
        await this.options.beforeGenerate?.(series.id)
        return (await materializeWindow(tx, locked, this.clock.now(), this.horizonDays)).series
      })
    } catch (error) {
      // The template is saved and generation_due_at is now: the window task picks the series up.
      this.options.onGenerationError?.(error, series.id)
      return series
    }
  }

  async #saving<T> (work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (uniqueViolation(error) === store.EXTERNAL_ID_CONSTRAINT) {
        throw new ApiError('conflict', 'Another series of this tenant already uses this external_id', [{ field: 'external_id', message: 'is already used by another series' }])
      }
      throw error
    }
  }

  async #seriesOrThrow (db: Executor, principal: Principal, id: string, forUpdate = false): Promise<Series> {
    const series = await store.findSeries(db, principal.tenantId, id, forUpdate)
    if (series === null) throw new ApiError('not_found', `Job series ${id} not found`)
    return series
  }

  async #referencesOrThrow (db: Executor, tenantId: string, customerId: string | null, lineItems: readonly LineItemValues[], userIds: readonly string[]): Promise<void> {
    if (customerId !== null && !await store.customerOfTenant(db, tenantId, customerId)) {
      throw invalid('customer_id', 'is not a customer of this tenant')
    }
    const catalogIds = [...new Set(lineItems.map((item) => item.catalogItemId).filter((id): id is string => id !== null))]
    const foreignItems = await store.foreignCatalogItems(db, tenantId, catalogIds)
    if (foreignItems.length > 0) {
      const index = lineItems.findIndex((item) => item.catalogItemId === foreignItems[0])
      throw invalid(`line_items.${index}.catalog_item_id`, 'is not a catalog item of this tenant')
    }
    const foreignUsers = await store.foreignMembers(db, tenantId, userIds)
    if (foreignUsers.length > 0) throw invalid('assigned_user_ids', `${foreignUsers[0]} is not a team member of this tenant`)
  }
}

/** Only a user-bound key (zoop_uk_) can author a series; a tenant key gets invalid_input (reference). */
function authorOrThrow (principal: Principal): string {
  if (principal.kind !== 'user' || principal.userId === null) {
    throw new ApiError('invalid_input', 'Creating or updating a job series needs a user-bound API key (zoop_uk_…); this is a tenant key')
  }
  return principal.userId
}

function moneyOrNull (amount: number | null | undefined): number | null {
  return amount == null ? null : toCents(amount) / 100
}

function lineItemsOrThrow (items: readonly LineItemInputValue[]): LineItemValues[] {
  return items.map((item, index) => {
    const quantity = Math.round(item.quantity * 10_000) / 10_000
    if (quantity <= 0) throw invalid(`line_items.${index}.quantity`, 'must be positive (quantities keep 4 decimals)')
    return {
      description: item.description,
      unitPrice: toCents(item.unit_price) / 100,
      quantity,
      catalogItemId: item.catalog_item_id ?? null,
      position: item.position ?? index
    }
  })
}

function totalOrThrow (flatPrice: number | null, lineItems: ReadonlyArray<{ unitPrice: number, quantity: number }>): void {
  if (totalOf(flatPrice, lineItems) > MAX_MONEY) throw invalid('line_items', `add up to more than ${MAX_MONEY} per job`)
}
