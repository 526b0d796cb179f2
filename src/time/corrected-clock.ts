// One clock for every instance (CONTRACT §10): a base clock (the system clock, or an injected one) corrected by
// the offset to a reference clock that every instance shares, measured like NTP does: read the reference between
// two base readings and assume it was read at the midpoint of the round trip. The sample with the shortest round
// trip wins, so its error is at most half of that round trip. Reads never go backwards after a re-measurement.
import type { Clock } from './clock.js'

/** Reads the reference clock: milliseconds since the epoch. */
export type ReadReference = () => Promise<number>

export interface OffsetSample {
  readonly offsetMs: number
  readonly roundTripMs: number
}

export class CorrectedClock implements Clock {
  readonly #base: Clock
  readonly #read: ReadReference
  #offsetMs = 0
  #lastMs = -Infinity
  #timer: NodeJS.Timeout | null = null

  constructor (base: Clock, read: ReadReference) {
    this.#base = base
    this.#read = read
  }

  /** Reference minus base, in milliseconds, as last measured (0 before the first measurement). */
  get offsetMs (): number { return this.#offsetMs }

  now (): Date {
    this.#lastMs = Math.max(this.#lastMs, this.#base.now().getTime() + this.#offsetMs)
    return new Date(this.#lastMs)
  }

  sleep (ms: number, signal?: AbortSignal): Promise<void> { return this.#base.sleep(ms, signal) }

  /** Measures the offset `samples` times and keeps the one with the shortest round trip. */
  async synchronize (samples = 3): Promise<OffsetSample> {
    let best: OffsetSample | undefined
    for (let i = 0; i < samples; i++) {
      const sentMs = this.#base.now().getTime()
      const referenceMs = await this.#read()
      const receivedMs = this.#base.now().getTime()
      const sample = { offsetMs: referenceMs - (sentMs + receivedMs) / 2, roundTripMs: receivedMs - sentMs }
      if (best === undefined || sample.roundTripMs < best.roundTripMs) best = sample
    }
    this.#offsetMs = Math.round(best!.offsetMs)
    return best!
  }

  /**
   * Re-measures every `intervalMs` of real time (the system clock may be stepped or drift meanwhile); a failed
   * measurement keeps the last offset. Wall-clock timers on purpose: the interval decides no instant.
   */
  startSynchronizing (intervalMs: number, onError: (error: unknown) => void = () => {}): void {
    this.stopSynchronizing()
    this.#timer = setInterval(() => { this.synchronize().catch(onError) }, intervalMs)
    this.#timer.unref()
  }

  stopSynchronizing (): void {
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
  }
}
