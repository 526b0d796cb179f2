// A batch of rows as one JSON parameter for json_to_recordset, kept small. The scheduler sends 500 rows per
// statement, and most of their fields are alike (one tenant, one due instant, status queued, attempt 0): written
// out in every row they were most of the bytes this process serialized and PostgreSQL parsed. Here a value that
// is the same (and not null) in every row goes once, as `common[column]`, and the statement reads it back with
// coalesce(v.column, <common>); a null is left out of its row (a missing key is NULL in json_to_recordset).
export type RecordValue = string | number | null | undefined

export interface CompactRecordset {
  /** The rows, each without its null values and without the columns that went to `common`. */
  readonly json: string
  /** Per column offered: the value every row shares, or null when they differ (each row then has its own). */
  readonly common: Readonly<Record<string, string | number | null>>
}

export function compactRecordset (rows: ReadonlyArray<Readonly<Record<string, RecordValue>>>, shareable: readonly string[]): CompactRecordset {
  const common: Record<string, string | number | null> = {}
  const shared = new Set<string>()
  for (const column of shareable) {
    const first = rows[0]?.[column]
    const same = first !== null && first !== undefined && rows.every((r) => r[column] === first)
    common[column] = same ? first : null
    if (same) shared.add(column)
  }
  const compact = rows.map((row) => {
    const out: Record<string, string | number> = {}
    for (const key in row) {
      const value = row[key]
      if (value !== null && value !== undefined && !shared.has(key)) out[key] = value
    }
    return out
  })
  return { json: JSON.stringify(compact), common }
}
