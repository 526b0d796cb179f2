// Time is injected: the scheduler and services ask a Clock, and tests move a ManualClock instead of sleeping.

export interface Clock {
  now (): Date
  /** Resolves after ms of this clock's time, or early (without error) when the signal aborts. */
  sleep (ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) => new Promise((resolve) => {
    if (signal?.aborted === true) { resolve(); return }
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve() }
    const timer = setTimeout(done, Math.max(0, ms))
    signal?.addEventListener('abort', done, { once: true })
  })
}

interface Sleeper { wakeAt: number, resolve: () => void }

/** A clock that only moves when told to; sleepers wake when set()/advance() passes their time. */
export class ManualClock implements Clock {
  #now: number
  #sleepers = new Set<Sleeper>()

  constructor (start: Date | string | number) {
    this.#now = new Date(start).getTime()
  }

  now (): Date { return new Date(this.#now) }

  set (to: Date | string | number): void {
    this.#now = new Date(to).getTime()
    this.#wake()
  }

  advance (ms: number): void {
    this.#now += ms
    this.#wake()
  }

  /** How many sleepers are waiting: lets a test wait until a loop has gone to sleep. */
  get sleeping (): number { return this.#sleepers.size }

  sleep (ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) { resolve(); return }
      const sleeper: Sleeper = {
        wakeAt: this.#now + Math.max(0, ms),
        resolve: () => { this.#sleepers.delete(sleeper); signal?.removeEventListener('abort', sleeper.resolve); resolve() }
      }
      this.#sleepers.add(sleeper)
      signal?.addEventListener('abort', sleeper.resolve, { once: true })
      if (ms <= 0) sleeper.resolve()
    })
  }

  #wake (): void {
    for (const sleeper of [...this.#sleepers]) {
      if (sleeper.wakeAt <= this.#now) sleeper.resolve()
    }
  }
}
