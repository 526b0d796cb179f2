// POST /v1/preview/rrule, POST /v1/job_series/preview and the job_series.preview tool (CONTRACT §8): the first
// `count` occurrences counted from dtstart, validated exactly like job_series.create.
import { formatWithOffset, startOfLocalDay } from '../time/zones.js'
import { localDate } from './dates.js'
import { seriesOccurrences } from './materialize.js'
import type { PreviewRruleInput } from './schemas.js'
import { dtstartOrThrow, endsOnOrThrow, exceptionDatesOrThrow, ruleOrThrow, zoneOrThrow } from './validate.js'

export interface PreviewOccurrence { date: string, scheduled_start: string }

export const DEFAULT_PREVIEW_COUNT = 10

export function previewRrule (input: PreviewRruleInput, now: Date): { occurrences: PreviewOccurrence[] } {
  const timezone = zoneOrThrow(input.timezone)
  const today = localDate(now, timezone)
  const dtstart = dtstartOrThrow(input.dtstart, today)
  const rule = ruleOrThrow(input.rrule, dtstart, timezone, today)
  const endsOn = endsOnOrThrow(input.ends_on ?? null, dtstart)
  const exdates = exceptionDatesOrThrow('exdates', input.exdates ?? [], dtstart)
  const rdates = exceptionDatesOrThrow('rdates', input.rdates ?? [], dtstart)
  const { occurrences } = seriesOccurrences(
    { rrule: rule.text, timezone, dtstart, endsOn, maxOccurrences: input.max_occurrences ?? null, exdates, rdates },
    undefined, undefined, input.count ?? DEFAULT_PREVIEW_COUNT)
  return {
    occurrences: occurrences.map(({ date }) => ({ date, scheduled_start: formatWithOffset(startOfLocalDay(date, timezone), timezone) }))
  }
}
