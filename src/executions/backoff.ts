// docs/contract.md §6: how long a failed attempt waits before it is claimable again. Pure: the jitter comes in as a
// number, so tests pin it and the service injects its random source.

export const BACKOFF_BASE_MS = 5_000
export const BACKOFF_CAP_MS = 60 * 60 * 1000

/**
 * Delay after failed attempt number `attempt` (1 = the first attempt failed): 5 s × 2^(attempt−1), capped at
 * 1 h, times a factor in [0.5, 1] taken from `random` ∈ [0, 1) (0 → ×0.5, → 1 → ×1). Whole milliseconds.
 */
export function retryDelayMs (attempt: number, random: number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  // 2^exponent overflows nothing before the cap: 5 s × 2^10 already exceeds 1 h.
  const base = exponent >= 20 ? BACKOFF_CAP_MS : Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_CAP_MS)
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 1
  return Math.round(base * (0.5 + 0.5 * r))
}
