// POST /v1/preview/cron (docs/contract.md §8): the next occurrences of an expression, written with the zone's offset at
// each instant. The same parser, seed rule and zone rules as a saved schedule, so a preview with `seed_id` shows
// exactly what the schedule of that id will do.
import { occurrencesIn } from '../cron/index.js'
import { ApiError } from '../errors.js'
import { parseTimestamp } from '../time/rfc3339.js'
import { formatInZone, zoneRulesOrThrow } from '../time/zones.js'
import { scheduleOrThrow, zoneOrThrow } from './cron.js'
import type { PreviewCronInput } from './schemas.js'
import { DEFAULT_TIMEZONE } from './service.js'

export const DEFAULT_PREVIEW_COUNT = 10

/** Checks in the contract's order: `from` (invalid_request) → cron → zone. `H` needs seed_id. */
export function previewCron (input: PreviewCronInput, now: Date): string[] {
  let from = now
  if (input.from !== undefined) {
    const parsed = parseTimestamp(input.from)
    if (parsed === null) {
      throw new ApiError('invalid_request', 'Invalid body: from must be an RFC 3339 date-time with an offset, e.g. 2026-03-07T12:00:00Z',
        [{ field: 'from', message: 'must be an RFC 3339 date-time with an offset' }])
    }
    from = parsed
  }
  const schedule = scheduleOrThrow(input.cron_expression, input.seed_id)
  const rules = zoneRulesOrThrow(zoneOrThrow(input.timezone ?? DEFAULT_TIMEZONE))
  return occurrencesIn(schedule, from, rules, { count: input.count ?? DEFAULT_PREVIEW_COUNT, inclusive: input.inclusive ?? false })
    .map((seconds) => formatInZone(seconds, rules))
}
