// Coalescing of concurrent single-item acknowledgements (docs/contract.md §11): the single-item complete, fail and
// heartbeat requests that reach one instance in the same turn of the event loop (or while the statements before them
// run: at most DEFAULT_MAX_STATEMENTS at once) are applied by ONE statement, the same conditional UPDATE a batch
// request runs, and each request is answered with its own item's result once that statement has finished. What a request is told does not change (its item is judged on its own, with its own
// tenant, worker and lease); what changes is the number of statements, round trips and commits per acknowledgement
// under load. An id already in a running statement waits for it to finish before its next statement, so two
// requests on one execution are applied one after the other, as they would be without coalescing.

/** The most items one coalesced statement carries (the batch routes' limit). */
export const MAX_COALESCED = 500
/** Statements of one kind in flight at once, per instance. */
export const DEFAULT_MAX_STATEMENTS = 2

interface Pending<Item, Result> { item: Item, key: string, resolve: (r: Result) => void, reject: (e: unknown) => void }

export class Coalescer<Item extends { id: string }, Result> {
  #pending: Array<Pending<Item, Result>> = []
  readonly #running = new Set<string>()
  #statements = 0
  #scheduled = false

  /**
   * `apply` gets items with distinct ids and answers one result per item, in their order. At most `maxStatements`
   * run at once: what arrives while they run waits for the first of them to finish and goes in the next one, so
   * the busier the instance, the more items a statement carries (and the fewer commits an item costs).
   */
  constructor (private readonly apply: (items: Item[]) => Promise<Result[]>,
    private readonly options: { maxItems?: number, maxStatements?: number } = {}) {}

  add (item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ item, key: item.id.toLowerCase(), resolve, reject })
      this.#schedule()
    })
  }

  #schedule (): void {
    if (this.#scheduled) return
    this.#scheduled = true
    // After the I/O callbacks of this turn: every request whose bytes arrived in it has reached add() by then.
    setImmediate(() => {
      this.#scheduled = false
      this.#flush()
    })
  }

  #flush (): void {
    if (this.#statements >= (this.options.maxStatements ?? DEFAULT_MAX_STATEMENTS)) return
    const maxItems = this.options.maxItems ?? MAX_COALESCED
    const batch: Array<Pending<Item, Result>> = []
    const keys = new Set<string>()
    const rest: Array<Pending<Item, Result>> = []
    for (const p of this.#pending) {
      if (batch.length < maxItems && !keys.has(p.key) && !this.#running.has(p.key)) {
        batch.push(p)
        keys.add(p.key)
      } else {
        rest.push(p)
      }
    }
    this.#pending = rest
    // More than one statement's worth: the rest goes in the next turn's (an id waiting for its running statement
    // goes once that statement has finished).
    if (rest.some((p) => !this.#running.has(p.key) && !keys.has(p.key))) this.#schedule()
    if (batch.length === 0) return
    for (const key of keys) this.#running.add(key)
    this.#statements++
    this.apply(batch.map((p) => p.item)).then((results) => {
      batch.forEach((p, i) => {
        const r = results[i]
        if (r === undefined) p.reject(new Error(`an acknowledgement answered nothing for ${p.item.id}`))
        else p.resolve(r)
      })
    }, (error: unknown) => {
      for (const p of batch) p.reject(error)
    }).finally(() => {
      this.#statements--
      for (const key of keys) this.#running.delete(key)
      if (this.#pending.length > 0) this.#schedule()
    })
  }
}
