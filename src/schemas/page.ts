// Bounded list answers (docs/contract.md §10): a page holds at most `limit` rows and at most 4 MiB of JSON. Rows are read
// in chunks, so a page of large payloads never holds more than one chunk beyond the budget in memory, and the page
// ends early (with a cursor) when the next row would pass the budget. The first row always fits: a page is never
// empty while rows remain.

export const PAGE_MAX_BYTES = 4 * 1024 * 1024
const CHUNK = 50
/** Room for the page's envelope around the rows: `{"data": [...], "next_cursor": "…"}`. */
const ENVELOPE_BYTES = 512

export interface BoundedPage<T, R> {
  rows: T[]
  /** Each row as the response carries it (`toResponse(row)`), in the same order. */
  responses: R[]
  /** True when rows remain after the last one (the caller answers a next_cursor). */
  more: boolean
}

/**
 * `fetch(after, count)` reads up to `count` rows following `after` (null: from the page's start); `toResponse` is a
 * row as the response will carry it, whose JSON size counts. The page keeps those responses: the route answers them
 * instead of mapping each row a second time (half the timestamp formatting of a page of 100 schedules; issue 12).
 */
export async function boundedPage<T, R> (
  fetch: (after: T | null, count: number) => Promise<T[]>,
  limit: number,
  toResponse: (row: T) => R,
  maxBytes = PAGE_MAX_BYTES
): Promise<BoundedPage<T, R>> {
  const rows: T[] = []
  const responses: R[] = []
  let bytes = 0
  for (;;) {
    const wanted = limit - rows.length
    const chunk = await fetch(rows[rows.length - 1] ?? null, Math.min(wanted, CHUNK) + 1)
    for (const [i, row] of chunk.entries()) {
      if (rows.length === limit) return { rows, responses, more: true }
      const response = toResponse(row)
      const size = jsonBytes(response) + 1 // the comma between rows
      if (rows.length > 0 && bytes + size > maxBytes - ENVELOPE_BYTES) return { rows, responses, more: true }
      rows.push(row)
      responses.push(response)
      bytes += size
      if (i === chunk.length - 1 && chunk.length <= Math.min(wanted, CHUNK)) return { rows, responses, more: false }
    }
    if (chunk.length === 0) return { rows, responses, more: false }
  }
}

/** The UTF-8 size of a value's JSON. */
function jsonBytes (value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value))
}
