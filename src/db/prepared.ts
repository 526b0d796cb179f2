// Prepared queries for the hot read paths (issue 12). Building a drizzle query walks its whole SQL tree (most of a
// key lookup's or a GET's JavaScript time); a prepared one is built once per database handle, its values passed
// as placeholders, and on PostgreSQL postgres.js also prepares it on the server (drizzle runs unnamed,
// re-parsed statements otherwise). A transaction is a handle of its own: its queries are prepared for it alone.
import type { Executor } from './connect.js'

/** `build(db)` once per handle (a WeakMap: a finished transaction's queries go with it). */
export function preparedPerHandle<T> (build: (db: Executor) => T): (db: Executor) => T {
  const byHandle = new WeakMap<Executor, T>()
  return (db) => {
    let prepared = byHandle.get(db)
    if (prepared === undefined) {
      prepared = build(db)
      byHandle.set(db, prepared)
    }
    return prepared
  }
}
