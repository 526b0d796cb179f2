// dateutil's own rrule test suite, as data, against our engine.
import t from 'tap'
import { DateTime } from 'luxon'
import { expandDates, parseRrule, RruleSyntaxError, type Rule } from '../../src/rrule/index.js'
import { loadRruleVectors, previousDate, type RruleVector } from '../helpers/rrule-vectors.js'

const file = loadRruleVectors()
const ENGINE_FREQS = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'])

function dates (rule: Rule, dtstart: string, untilDate?: string): string[] {
  const options = untilDate === undefined ? {} : { untilDate }
  return [...expandDates(rule, dtstart, options)].map(o => o.date)
}

/**
 * The engine works on dates; dateutil compares date-times. An occurrence on UNTIL's
 * date is kept only when dtstart's time of day is not after UNTIL's time, so the
 * harness turns UNTIL into an inclusive untilDate (resolving a UTC UNTIL in the zone).
 */
function untilDateFor (rule: Rule, v: RruleVector): string | undefined {
  const until = rule.until
  if (until === null) return undefined
  const startTime = v.dtstart.slice(11, 19) || '00:00:00'
  let localDate: string
  let localTime: string
  if (until.kind === 'date') {
    localDate = until.date
    localTime = '00:00:00'
  } else if (until.kind === 'local') {
    localDate = until.dateTime.slice(0, 10)
    localTime = until.dateTime.slice(11, 19)
  } else {
    if (v.tz === null) throw new Error(`${v.id}: UTC UNTIL with a floating dtstart`)
    const local = DateTime.fromISO(until.dateTime, { zone: 'utc' }).setZone(v.tz)
    localDate = local.toFormat('yyyy-MM-dd')
    localTime = local.toFormat('HH:mm:ss')
  }
  return localTime >= startTime ? localDate : previousDate(localDate)
}

t.test('every zoop_ok vector expands, in its date-only form, to exactly dateutil\'s dates', async t => {
  const zoop = file.vectors.filter(v => v.zoop_ok)
  t.equal(zoop.length, 103, 'the README promises 103 zoop_ok vectors')
  for (const v of zoop) {
    const z = v.zoop
    if (z === undefined) {
      t.fail(`${v.id} has no zoop form`)
      continue
    }
    t.strictSame(dates(parseRrule(z.rrule), z.dtstart), z.dates, `${v.id}: ${z.rrule} from ${z.dtstart}`)
  }
  t.comment(`zoop forms: ${zoop.length} passed / ${zoop.length} run / 0 skipped`)
})

t.test('every vector the engine supports expands, in its original form, to dateutil\'s dates', async t => {
  let run = 0
  let passed = 0
  const skipped = new Map<string, number>()
  const skip = (reason: string): void => { skipped.set(reason, (skipped.get(reason) ?? 0) + 1) }

  for (const v of file.vectors) {
    if (!ENGINE_FREQS.has(v.freq)) {
      skip(`FREQ=${v.freq} is sub-daily (outside the date engine)`)
      continue
    }
    let rule: Rule
    try {
      rule = parseRrule(v.rrule)
    } catch (err) {
      if (err instanceof RruleSyntaxError && err.part === 'BYEASTER') {
        // Not silently skipped: the parser must name the extension it refuses.
        t.pass(`${v.id}: BYEASTER is refused by the parser with part BYEASTER`)
        skip('BYEASTER is a dateutil extension, not RFC 5545; parseRrule refuses it (part BYEASTER)')
        continue
      }
      throw err
    }
    if (rule.byHour.length > 0 || rule.byMinute.length > 0 || rule.bySecond.length > 0) {
      t.throws(() => expandDates(rule, v.dtstart.slice(0, 10)), `${v.id}: expandDates refuses BYHOUR/BYMINUTE/BYSECOND`)
      skip('BYHOUR/BYMINUTE/BYSECOND select times of day (outside the date engine; expandDates throws)')
      continue
    }
    run++
    const got = dates(rule, v.dtstart.slice(0, 10), untilDateFor(rule, v))
    if (t.strictSame(got, v.dates, `${v.id}: ${v.rrule} from ${v.dtstart}${v.tz === null ? '' : ` ${v.tz}`}`)) passed++
  }
  const skippedTotal = [...skipped.values()].reduce((a, b) => a + b, 0)
  t.equal(run + skippedTotal, file.vectors.length, 'every vector is either run or skipped with a reason')
  t.equal(passed, run, 'all run vectors pass')
  t.comment(`original forms: ${passed} passed / ${run} run / ${skippedTotal} skipped`)
  for (const [reason, n] of skipped) t.comment(`  skipped ${n}: ${reason}`)
})

t.test('every input dateutil\'s tests reject is rejected, by the parser or (when it needs the zone) the API', async t => {
  let parserRejects = 0
  const apiLevel: string[] = []
  for (const r of file.rejects) {
    const name = r.tests.join(',')
    if (r.tests.includes('RRuleTest.testStrUntilMustBeUTC')) {
      // A floating UNTIL is valid RRULE syntax; it is wrong only because this series has a
      // time zone (RFC 5545: UNTIL MUST then be UTC). The engine has no zones, so the API
      // layer must refuse until.kind === 'local' for zoned series.
      const rule = parseRrule(r.rrule)
      t.equal(rule.until?.kind, 'local', `${name}: parsed as a floating UNTIL, left for the API (zone ${String(r.tz)}) to refuse`)
      apiLevel.push(`${name} (floating UNTIL with time zone ${String(r.tz)})`)
      continue
    }
    t.throws(() => parseRrule(r.rrule), RruleSyntaxError, `${name}: ${r.rrule} → RruleSyntaxError (dateutil: ${r.dateutil})`)
    parserRejects++
  }
  t.comment(`rejects: ${parserRejects} by parseRrule, ${apiLevel.length} API-level: ${apiLevel.join('; ')}`)
})

t.test('the parts named in rejected inputs are the ones that are wrong', async t => {
  const partOf = (text: string): string | undefined => {
    try {
      parseRrule(text)
    } catch (err) {
      if (err instanceof RruleSyntaxError) return err.part
    }
    return undefined
  }
  t.equal(partOf('FREQ=MONTHLY;COUNT=1;BYSETPOS=0'), 'BYSETPOS')
  t.equal(partOf('FREQ=MONTHLY;COUNT=1;BYSETPOS=-1,0,1'), 'BYSETPOS')
  t.equal(partOf('FREQ=WEEKLY;BYDAY=;WKST=SU'), 'BYDAY')
  t.equal(partOf('FREQ=WEEKLY;BYDAY=-1OK;WKST=SU'), 'BYDAY')
  t.equal(partOf('FREQ=YEARLY;UNTIL=TheCowsComeHome;BYDAY=1TU,-1TH'), 'UNTIL')
  t.equal(partOf('FREQ=DAILY;COUNT=3;UNTIL=19970904T090000'), 'UNTIL')
})
