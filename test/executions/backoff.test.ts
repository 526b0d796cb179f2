// docs/contract.md §6 retry backoff: 5 s × 2^(attempt−1), capped at 1 h, times a factor in [0.5, 1].
import t from 'tap'
import { BACKOFF_CAP_MS, retryDelayMs } from '../../src/executions/backoff.js'

t.test('the delay doubles per attempt from 5 s and stops at 1 h', async (t) => {
  const rows: Array<[attempt: number, random: number, ms: number]> = [
    [1, 0.9999999999, 5000], [2, 0.9999999999, 10_000], [3, 0.9999999999, 20_000], [10, 0.9999999999, 2_560_000],
    [11, 0.9999999999, BACKOFF_CAP_MS], [100, 0.9999999999, BACKOFF_CAP_MS], [1_000_000, 0.5, 2_700_000],
    [1, 0, 2500], [2, 0, 5000], [11, 0, 1_800_000],
    [1, 0.5, 3750], [4, 0.25, 25_000]
  ]
  for (const [attempt, random, ms] of rows) t.equal(retryDelayMs(attempt, random), ms, `attempt ${attempt}, random ${random}`)
})

t.test('the jitter factor stays within [0.5, 1] whatever the random source gives', async (t) => {
  const outside: string[] = []
  for (let i = 0; i < 10_000; i++) {
    const attempt = 1 + (i % 14)
    const base = Math.min(5000 * 2 ** (attempt - 1), BACKOFF_CAP_MS)
    const ms = retryDelayMs(attempt, Math.random())
    if (ms < base / 2 || ms > base) outside.push(`attempt ${attempt}: ${ms}`)
  }
  t.strictSame(outside, [], '10,000 random draws')
  t.equal(retryDelayMs(1, -3), 2500, 'below 0 clamps to 0.5')
  t.equal(retryDelayMs(1, 7), 5000, 'above 1 clamps to 1')
  t.equal(retryDelayMs(1, Number.NaN), 5000)
  t.equal(retryDelayMs(0, 0), 2500, 'attempt 0 is treated as the first')
})
