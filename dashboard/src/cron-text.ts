// Plain-English cron, from cronstrue. Cronos macros are described through the expression they stand for;
// `H` (a value the service derives from the schedule id) is something cronstrue cannot know, so it is named.
import cronstrue from 'cronstrue'

const MACROS: Record<string, string> = {
  '@every_second': '* * * * * *',
  '@every_minute': '* * * * *',
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *'
}

const cache = new Map<string, string>()

export function describeCron (expression: string): string {
  const cached = cache.get(expression)
  if (cached !== undefined) return cached
  let text: string
  const trimmed = expression.trim()
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed
  if (/(^|[\s,/(-])H(\(|[\s,/]|$)/i.test(expanded)) {
    text = 'Hashed (H): times picked from the schedule id (see its upcoming occurrences)'
  } else {
    try {
      text = cronstrue.toString(expanded, { use24HourTimeFormat: true, verbose: false, throwExceptionOnParseError: true })
    } catch {
      text = 'No plain-English description for this expression'
    }
  }
  cache.set(expression, text)
  return text
}
