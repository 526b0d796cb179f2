// The one error the cron parser throws. It names the field and the offending text so that callers (the
// service layer) can show a precise message without knowing the grammar, as Cronos's CronFormatException does.

/** Field names used in {@link CronSyntaxError.field} and in messages. */
export type CronFieldName = 'second' | 'minute' | 'hour' | 'day of month' | 'month' | 'day of week'

/**
 * A cron expression that cannot be parsed. `message` is a sentence for people, e.g.
 * `Invalid value "61" in the minute field: allowed values are 0-59`.
 */
export class CronSyntaxError extends Error {
  /** The field at fault (`'minute'`, `'day of month'`, …), or null for problems of the whole expression. */
  readonly field: CronFieldName | null
  /** The offending text: a token of the field, or the whole expression when `field` is null. */
  readonly text: string

  constructor (message: string, field: CronFieldName | null, text: string) {
    super(message)
    this.name = 'CronSyntaxError'
    this.field = field
    this.text = text
  }
}
