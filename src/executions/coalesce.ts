// Coalescing of concurrent single-item acknowledgements (docs/contract.md §11): the single-item complete, fail and
// heartbeat requests that reach one instance in the same turn of the event loop are applied by ONE statement, the
// same conditional UPDATE a batch request runs, and each request is answered with its own item's result once that
// statement has finished. What a request is told does not change (its item is judged on its own, with its own
// tenant, worker and lease); what changes is the number of statements, round trips and commits per acknowledgement
// under load. An id already in a running statement waits for it to finish before its next statement, so two
// requests on one execution are applied one after the other, as they would be without coalescing.

/** The most items one coalesced statement carries (the batch routes' limit). */
export const MAX_COALESCED = 500

interface Pending<Item, Result> { item: Item, key: string, resolve: (r: Result) => void, reject: (e: unknown) => void }

export class Coalescer<Item extends { id: string }, Result> {
  #pending: Array<Pending<Item, Result>> = []
  readonly #running = new Set<string>()
  #scheduled = false

  /** `apply` gets items with distinct ids and answers one result per item, in their order. */
  constructor (private readonly apply: (items: Item[]) => Promise<Result[]>, private readonly maxItems = MAX_COALESCED) {}

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
    const batch: Array<Pending<Item, Result>> = []
    const keys = new Set<string>()
    const rest: Array<Pending<Item, Result>> = []
    for (const p of this.#pending) {
      if (batch.length < this.maxItems && !keys.has(p.key) && !this.#running.has(p.key)) {
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
    this.apply(batch.map((p) => p.item)).then((results) => {
      batch.forEach((p, i) => {
        const r = results[i]
        if (r === undefined) p.reject(new Error(`an acknowledgement answered nothing for ${p.item.id}`))
        else p.resolve(r)
      })
    }, (error: unknown) => {
      for (const p of batch) p.reject(error)
    }).finally(() => {
      for (const key of keys) this.#running.delete(key)
      if (this.#pending.length > 0) this.#schedule()
    })
  }
}
