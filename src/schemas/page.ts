// Bounded list answers (CONTRACT §10): a page holds at most `limit` rows and at most 4 MiB of JSON. Rows are read
// in chunks, so a page of large payloads never holds more than one chunk beyond the budget in memory, and the page
// ends early (with a cursor) when the next row would pass the budget. The first row always fits: a page is never
// empty while rows remain.

export const PAGE_MAX_BYTES = 4 * 1024 * 1024
const CHUNK = 50
/** Room for the page's envelope around the rows: `{"data": [...], "next_cursor": "…"}`. */
const ENVELOPE_BYTES = 512

export interface BoundedPage<T> {
  rows: T[]
  /** True when rows remain after the last one (the caller answers a next_cursor). */
  more: boolean
}

/**
 * `fetch(after, count)` reads up to `count` rows following `after` (null: from the page's start); `bytesOf` is the
 * size of a row as the response will carry it.
 */
export async function boundedPage<T> (
  fetch: (after: T | null, count: number) => Promise<T[]>,
  limit: number,
  bytesOf: (row: T) => number,
  maxBytes = PAGE_MAX_BYTES
): Promise<BoundedPage<T>> {
  const rows: T[] = []
  let bytes = 0
  for (;;) {
    const wanted = limit - rows.length
    const chunk = await fetch(rows[rows.length - 1] ?? null, Math.min(wanted, CHUNK) + 1)
    for (const [i, row] of chunk.entries()) {
      if (rows.length === limit) return { rows, more: true }
      const size = bytesOf(row) + 1 // the comma between rows
      if (rows.length > 0 && bytes + size > maxBytes - ENVELOPE_BYTES) return { rows, more: true }
      rows.push(row)
      bytes += size
      if (i === chunk.length - 1 && chunk.length <= Math.min(wanted, CHUNK)) return { rows, more: false }
    }
    if (chunk.length === 0) return { rows, more: false }
  }
}

/** The UTF-8 size of a value's JSON. */
export function jsonBytes (value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value))
}
