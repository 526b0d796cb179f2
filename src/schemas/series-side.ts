// What the job-series side's two features (series/ and jobs/) share, below both so neither imports the other's
// internals: record ids, the page shape of §7 lists, line item and assignment shapes, and the invalid_input
// helpers every series-side validation uses.
import { Type, type TSchema } from 'typebox'
import { ApiError } from '../errors.js'
import { Nullable, Uuid } from './common.js'

/** Ids in paths and tool arguments: any string, so a malformed id answers not_found like an unknown one. */
export const RecordId = Type.String({ description: 'record id (uuid); anything else is simply not found', examples: ['cccccccc-0000-0000-0000-000000000003'] })

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether `id` can be a row id at all: anything else is answered not_found without asking the database. */
export function isUuid (id: string): boolean {
  return UUID.test(id)
}

/** Rows per page of job_series.list and jobs.list (CONTRACT §7). */
export const PAGE_SIZE = 20

export interface Page<T> { data: T[], count: number, page: number, limit: number }

/** A page of a job-series side list (CONTRACT §7): `{data, count, page, limit}`, 20 rows a page. */
export function pageOf<T extends TSchema> (row: T, $id: string) {
  return Type.Object({
    data: Type.Array(row),
    count: Type.Integer({ description: 'rows matching, over all pages' }),
    page: Type.Integer(),
    limit: Type.Integer({ description: 'page size, always 20' })
  }, { $id })
}

/** A line item as stored on a series template or a job (money in units, quantity to 4 decimals). */
export interface LineItemRow {
  id: string
  description: string
  unitPrice: number
  quantity: number
  catalogItemId: string | null
  position: number
}

/** A line item to write (no id yet). */
export type LineItemValues = Omit<LineItemRow, 'id'>

export const LineItemResponse = Type.Object({
  id: Uuid,
  description: Type.String(),
  unit_price: Type.Number(),
  quantity: Type.Number(),
  catalog_item_id: Nullable(Uuid),
  position: Type.Integer()
}, { $id: 'LineItem' })
export const AssignmentResponse = Type.Object({ user_id: Uuid }, { $id: 'Assignment' })

export function toLineItemResponse (item: LineItemRow) {
  return {
    id: item.id,
    description: item.description,
    unit_price: item.unitPrice,
    quantity: item.quantity,
    catalog_item_id: item.catalogItemId,
    position: item.position
  }
}

/** The series side's validation failure: invalid_input naming the field. */
export function invalid (field: string, message: string): ApiError {
  return new ApiError('invalid_input', `${field} ${message}`, [{ field, message }])
}

/** customer_id / customerId (and the like): either spelling; both only when they agree. */
export function aliasOrThrow<T> (name: string, value: T | undefined, aliasName: string, alias: T | undefined): T | undefined {
  if (value !== undefined && alias !== undefined && value !== alias) throw invalid(name, `and ${aliasName} (its alias) disagree`)
  return value !== undefined ? value : alias
}
