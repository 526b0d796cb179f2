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
import { cancelPendingJobs, editedPendingDates, liveDates } from '../jobs/store.js'
import { expandDates, parseRrule, rebaseRule } from '../rrule/index.js'
import { MAX_MONEY, totalOf } from '../schemas/money.js'
import { aliasOrThrow, invalid, PAGE_SIZE, type Page } from '../schemas/series-side.js'
import type { Clock } from '../time/clock.js'
import { isCalendarDate } from '../time/rfc3339.js'
import { addDays, localDate, minDate } from './dates.js'
import { materializeWindow, materializeWindows, seriesOccurrences } from './materialize.js'
import { previewRrule } from './preview.js'
import type { CreateSeriesInput, LineItemInputValue, ListSeriesInput, PreviewRruleInput, SplitSeriesInput, UpdateSeriesInput } from './schemas.js'
import * as store from './store.js'
import type { LineItemValues, NewSeries, Series, SeriesDetail } from './store.js'
import { dtstartOrThrow, endsOnOrThrow, exceptionDatesOrThrow, moneyOrThrow, quantityOrThrow, ruleOrThrow, untilDateOf, zoneOrThrow } from './validate.js'

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
    const exdates = exceptionDatesOrThrow('exdates', input.exdates ?? [], dtstart)
    const rdates = exceptionDatesOrThrow('rdates', input.rdates ?? [], dtstart)
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
        exdates,
        rdates,
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
    return (await this.#generateNow(series)).series
  }

  /**
   * Edit-all (reference job-series API): the template changes, every pending instance starting from now on is
   * cancelled (series_updated) and the window is generated again from the new template. Pending instances on an
   * exdate are cancelled whenever they start. Answers the series and what happened to the window's dates; with
   * dry_run, the same answer from a transaction that is rolled back, so nothing is written.
   */
  async update (principal: Principal, id: string, input: UpdateSeriesInput, options: { ifMatch?: string | undefined } = {}): Promise<UpdateOutcome> {
    authorOrThrow(principal)
    if (Object.hasOwn(input, 'dtstart')) throw invalid('dtstart', 'cannot be changed after a series is created: end the series and create a new one')
    const now = this.clock.now()
    if (input.dry_run === true) {
      try {
        await this.db.transaction(async (tx) => {
          const applied = await this.#applyUpdate(tx, principal, id, input, options.ifMatch, now)
          const { series, createdDates } = await materializeWindow(tx, applied.series, now, this.horizonDays)
          throw new DryRunDone({ series, dryRun: true, regeneration: await this.#regeneration(tx, applied, createdDates) })
        })
      } catch (error) {
        if (error instanceof DryRunDone) return error.outcome
        throw this.#mapped(error)
      }
      throw new Error('unreachable: a dry run always rolls back')
    }
    const applied = await this.#saving(() => this.db.transaction(async (tx) => this.#applyUpdate(tx, principal, id, input, options.ifMatch, now)))
    const { series, createdDates } = await this.#generateNow(applied.series)
    return { series, dryRun: false, regeneration: await this.#regeneration(this.db, applied, createdDates) }
  }

  async #applyUpdate (tx: Executor, principal: Principal, id: string, input: UpdateSeriesInput, ifMatch: string | undefined, now: Date): Promise<AppliedUpdate> {
    const current = await this.#seriesOrThrow(tx, principal, id, true)
    ifMatchOrThrow(ifMatch, current)
    if (current.endedAt !== null) throw new ApiError('invalid_input', 'This series has ended and can no longer be updated', [{ field: 'id', message: 'refers to an ended series' }])
    const changes: Partial<NewSeries> = { updatedAt: now, generatedThrough: null, generationDueAt: now, version: current.version + 1 }
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
    if (input.exdates !== undefined) changes.exdates = exceptionDatesOrThrow('exdates', input.exdates, current.dtstart)
    if (input.rdates !== undefined) changes.rdates = exceptionDatesOrThrow('rdates', input.rdates, current.dtstart)
    const customerId = aliasOrThrow('customer_id', input.customer_id, 'customerId', input.customerId)
    if (customerId !== undefined) changes.customerId = customerId
    const lineItems = input.line_items === undefined ? undefined : lineItemsOrThrow(input.line_items)
    const userIds = input.assigned_user_ids === undefined ? undefined : [...new Set(input.assigned_user_ids)]
    totalOrThrow(changes.flatPrice === undefined ? current.flatPrice : changes.flatPrice ?? null,
      lineItems ?? await store.lineItemsOf(tx, current.id))
    await this.#referencesOrThrow(tx, principal.tenantId, customerId ?? null, lineItems ?? [], userIds ?? [])

    const window = { from: today, to: addDays(today, this.horizonDays) }
    const keepEdited = input.preserve_exceptions === true
    const exdates = changes.exdates ?? current.exdates
    const saved = await store.updateSeries(tx, current.id, changes)
    if (lineItems !== undefined) await store.replaceLineItems(tx, principal.tenantId, current.id, lineItems)
    if (userIds !== undefined) await store.replaceAssignments(tx, principal.tenantId, current.id, userIds)
    // docs/contract.md §14: an excluded date keeps no pending instance, edited or not, started or not.
    const excluded = await cancelPendingJobs(tx, current.id, now, 'series_updated', { onDates: exdates })
    const cancelled = await cancelPendingJobs(tx, current.id, now, 'series_updated', { startingFrom: now, keepEdited })
    const preserved = keepEdited ? await editedPendingDates(tx, current.id, now, window.from, window.to) : []
    return { series: saved, window, cancelled: [...excluded, ...cancelled], preserved }
  }

  /** The regeneration answer: every list sorted, distinct and within the window. */
  async #regeneration (db: Executor, applied: AppliedUpdate, createdDates: readonly string[]): Promise<Regeneration> {
    const { from, to } = applied.window
    const inWindow = (dates: Iterable<string>) => [...new Set(dates)].filter((d) => d >= from && d <= to).sort()
    const created = inWindow(createdDates)
    const preserved = inWindow(applied.preserved)
    const untouched = new Set([...created, ...preserved])
    const kept = inWindow((await liveDates(db, applied.series.id, from, to)).filter((d) => !untouched.has(d)))
    return { cancelled: inWindow(applied.cancelled), created, kept, preserved }
  }

  /** One-way (docs/contract.md §7): ends_on capped at today, ended_at set, pending instances from now on cancelled. */
  async end (principal: Principal, id: string, options: { ifMatch?: string | undefined } = {}): Promise<{ ended: true, id: string }> {
    const now = this.clock.now()
    return this.db.transaction(async (tx) => {
      const series = await this.#seriesOrThrow(tx, principal, id, true)
      ifMatchOrThrow(options.ifMatch, series)
      if (series.endedAt === null) {
        const today = localDate(now, series.timezone)
        await store.updateSeries(tx, series.id, {
          endsOn: minDate(series.endsOn, today)!,
          endedAt: now,
          updatedAt: now,
          generationDueAt: null,
          version: series.version + 1
        })
        await cancelPendingJobs(tx, series.id, now, 'series_ended', { startingFrom: now })
      }
      return { ended: true as const, id: series.id }
    })
  }

  /**
   * "This and following" (docs/contract.md §14): the series ends the day before from_date, its pending instances from
   * from_date on (that have not started) are cancelled (series_split), and a new series starting at from_date
   * carries the template with the given changes. A COUNT or max_occurrences the new series inherits is reduced
   * by the dates the old one already had, so together they keep the same number of dates.
   */
  async split (principal: Principal, id: string, input: SplitSeriesInput, options: { ifMatch?: string | undefined } = {}): Promise<{ ended: Series, created: Series }> {
    const createdBy = authorOrThrow(principal)
    if (Object.hasOwn(input, 'dtstart')) throw invalid('dtstart', 'cannot be given: the new series starts at from_date')
    const fromDate = input.from_date
    if (!isCalendarDate(fromDate)) throw invalid('from_date', `${JSON.stringify(fromDate)} is not a date YYYY-MM-DD`)
    const now = this.clock.now()
    const saved = await this.#saving(() => this.db.transaction(async (tx) => {
      const current = await this.#seriesOrThrow(tx, principal, id, true)
      ifMatchOrThrow(options.ifMatch, current)
      if (current.endedAt !== null) throw new ApiError('invalid_input', 'This series has ended and can no longer be split', [{ field: 'id', message: 'refers to an ended series' }])
      if (fromDate <= current.dtstart) throw invalid('from_date', `must be after the series' dtstart (${current.dtstart})`)
      if (seriesOccurrences(current, fromDate, undefined, 1).occurrences.length === 0) {
        throw invalid('from_date', 'is after the series\' last occurrence: there is nothing to split off')
      }
      const timezone = input.timezone === undefined ? current.timezone : zoneOrThrow(input.timezone)
      const today = localDate(now, timezone)
      dtstartOrThrow(fromDate, today)
      const before = seriesOccurrences(current, undefined, addDays(fromDate, -1)).occurrences
      // An inherited rule keeps its dates: the parts dtstart implied are written out and INTERVAL keeps its phase
      // (the new dtstart moves past from_date only when INTERVAL skips from_date's period, which has no rule date).
      const rebased = input.rrule === undefined ? rebaseRule(parseRrule(current.rrule), current.dtstart, fromDate) : { text: input.rrule, dtstart: fromDate }
      const ruleText = input.rrule ?? remainingCountRule({ rrule: rebased.text }, before.length === 0 ? 0 : ruleDatesBefore(current, fromDate))
      const rule = ruleOrThrow(ruleText, fromDate, timezone, today)
      const endsOn = endsOnOrThrow(input.ends_on === undefined ? current.endsOn : input.ends_on, fromDate)
      const maxOccurrences = input.max_occurrences !== undefined ? input.max_occurrences : current.maxOccurrences === null ? null : current.maxOccurrences - before.length
      const customerId = aliasOrThrow('customer_id', input.customer_id, 'customerId', input.customerId)
      const lineItems = input.line_items === undefined ? (await store.lineItemsOf(tx, current.id)).map(({ id: _id, ...item }) => item) : lineItemsOrThrow(input.line_items)
      const userIds = input.assigned_user_ids === undefined ? await store.assignmentsOf(tx, current.id) : [...new Set(input.assigned_user_ids)]
      const flatPrice = input.flat_price === undefined ? current.flatPrice : moneyOrNull(input.flat_price)
      totalOrThrow(flatPrice, lineItems)
      await this.#referencesOrThrow(tx, principal.tenantId, customerId ?? null, lineItems, userIds)

      const ended = await store.updateSeries(tx, current.id, { endsOn: addDays(fromDate, -1), updatedAt: now, version: current.version + 1 })
      await cancelPendingJobs(tx, current.id, now, 'series_split', { fromDate, startingFrom: now })
      const created = await store.insertSeries(tx, {
        tenantId: principal.tenantId,
        title: input.title ?? current.title,
        description: input.description === undefined ? current.description : input.description,
        rrule: rule.text,
        timezone,
        dtstart: rebased.dtstart,
        endsOn,
        maxOccurrences,
        flatPrice,
        customerId: customerId === undefined ? current.customerId : customerId,
        externalId: input.external_id ?? null,
        exdates: input.exdates === undefined ? current.exdates.filter((d) => d >= fromDate) : exceptionDatesOrThrow('exdates', input.exdates, fromDate),
        rdates: input.rdates === undefined ? current.rdates.filter((d) => d >= fromDate) : exceptionDatesOrThrow('rdates', input.rdates, fromDate),
        splitFromId: current.id,
        createdBy,
        generatedThrough: null,
        generationDueAt: now,
        createdAt: now,
        updatedAt: null
      })
      await store.replaceLineItems(tx, principal.tenantId, created.id, lineItems)
      await store.replaceAssignments(tx, principal.tenantId, created.id, userIds)
      return { ended, created }
    }))
    return { ended: saved.ended, created: (await this.#generateNow(saved.created)).series }
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

  async #generateNow (series: Series): Promise<{ series: Series, createdDates: string[] }> {
    try {
      return await this.db.transaction(async (tx) => {
        const locked = await store.findSeries(tx, series.tenantId, series.id, true)
        if (locked === null) return { series, createdDates: [] }
        await this.options.beforeGenerate?.(series.id)
        return await materializeWindow(tx, locked, this.clock.now(), this.horizonDays)
      })
    } catch (error) {
      // The template is saved and generation_due_at is now: the window task picks the series up.
      this.options.onGenerationError?.(error, series.id)
      return { series, createdDates: [] }
    }
  }

  async #saving<T> (work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw this.#mapped(error)
    }
  }

  #mapped (error: unknown): unknown {
    if (uniqueViolation(error) === store.EXTERNAL_ID_CONSTRAINT) {
      return new ApiError('conflict', 'Another series of this tenant already uses this external_id', [{ field: 'external_id', message: 'is already used by another series' }])
    }
    return error
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

export interface Regeneration { cancelled: string[], created: string[], kept: string[], preserved: string[] }

export interface UpdateOutcome {
  series: Series
  regeneration: Regeneration
  /** True when nothing was written (dry_run). */
  dryRun: boolean
}

interface AppliedUpdate {
  series: Series
  /** Today through today + horizon, in the (new) series time zone. */
  window: { from: string, to: string }
  cancelled: string[]
  preserved: string[]
}

/** Carries a dry run's answer out of the transaction it rolls back. */
class DryRunDone extends Error {
  constructor (readonly outcome: UpdateOutcome) {
    super('dry run: rolled back')
  }
}

/** The series ETag (docs/contract.md §13): its record version, bumped by every write of the record. */
export function etagOf (series: Pick<Series, 'version'>): string {
  return `"v${series.version}"`
}

/**
 * If-Match (RFC 9110 §13.1.1): absent, `*` or a list holding the current ETag passes; anything else is
 * precondition_failed. A weak tag (W/"…") is compared by its opaque part.
 */
export function ifMatchOrThrow (ifMatch: string | undefined, series: Pick<Series, 'id' | 'version'>): void {
  if (ifMatch === undefined) return
  const current = etagOf(series)
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''))
  if (tags.includes('*') || tags.includes(current)) return
  throw new ApiError('precondition_failed', `Job series ${series.id} has changed: If-Match ${ifMatch} does not match its current ETag ${current}`)
}

/** How many of the rule's own dates (what COUNT counts) fall before `date`. */
function ruleDatesBefore (series: Pick<Series, 'rrule' | 'timezone' | 'dtstart' | 'endsOn'>, date: string): number {
  const rule = parseRrule(series.rrule)
  let n = 0
  for (const occurrence of expandDates(rule, series.dtstart, { untilDate: minDate(addDays(date, -1), untilDateOf(rule, series.timezone))! })) {
    if (occurrence.date >= date) break
    n++
  }
  return n
}

/** The series' rule with COUNT reduced by `used` dates (unchanged without COUNT). */
function remainingCountRule (series: Pick<Series, 'rrule'>, used: number): string {
  const rule = parseRrule(series.rrule)
  if (rule.count === null || used === 0) return rule.text
  return rule.text.split(';').map((part) => part.startsWith('COUNT=') ? `COUNT=${Math.max(rule.count! - used, 0)}` : part).join(';')
}

/** Only a user-bound key (zoop_uk_) can author a series; a tenant key gets invalid_input (reference). */
function authorOrThrow (principal: Principal): string {
  if (principal.kind !== 'user' || principal.userId === null) {
    throw new ApiError('invalid_input', 'Creating or updating a job series needs a user-bound API key (zoop_uk_…); this is a tenant key')
  }
  return principal.userId
}

function moneyOrNull (amount: number | null | undefined): number | null {
  return amount == null ? null : moneyOrThrow('flat_price', amount)
}

function lineItemsOrThrow (items: readonly LineItemInputValue[]): LineItemValues[] {
  return items.map((item, index) => {
    return {
      description: item.description,
      unitPrice: moneyOrThrow(`line_items.${index}.unit_price`, item.unit_price),
      quantity: quantityOrThrow(`line_items.${index}.quantity`, item.quantity),
      catalogItemId: item.catalog_item_id ?? null,
      position: item.position ?? index
    }
  })
}

function totalOrThrow (flatPrice: number | null, lineItems: ReadonlyArray<{ unitPrice: number, quantity: number }>): void {
  if (totalOf(flatPrice, lineItems) > MAX_MONEY) throw invalid('line_items', `add up to more than ${MAX_MONEY} per job`)
}
