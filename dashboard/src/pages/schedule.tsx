// Schedule: one record with its next 20 occurrences (DST shifts marked), the occurrence ledger of the last 7
// days as a timeline, its recent executions, its change history, and a cron editor that previews through
// POST /v1/preview/cron before saving. Ledger and history come from newer servers; a 404 shows "not available".
import { useEffect, useMemo, useState } from 'preact/hooks'
import { ApiError, describeError, get, query, request, type Execution, type HistoryEntry, type Occurrence, type Outcome, type Page, type Schedule } from '../api'
import { describeCron } from '../cron-text'
import { Link, navigate, pathOf } from '../router'
import { ExecutionRows } from '../execution-rows'
import { ScheduleActions, stateOf } from '../schedule-actions'
import { formatInZone, markOffsetShifts, offsetLabel, relativeTo, toApiInstant, zoneOffsetAt } from '../time'
import { ErrorNote, Field, Json, Loading, ScopeNotice, StatusBadge, TableScroll, TimeInZone, useConfirm, useNow, useResource, useSession } from '../ui'

const recurringPath = (id: string) => `/v1/recurring/${encodeURIComponent(id)}`

interface Loaded { schedule: Schedule, etag: string | null }

export default function SchedulePage ({ id }: { id: string }) {
  const { can } = useSession()
  const now = useNow()
  const [confirm, confirmDialog] = useConfirm()
  const resource = useResource(async (signal) => {
    const { body, etag } = await request<Schedule>('GET', recurringPath(id), { signal })
    return { schedule: body, etag }
  }, `schedule:${id}`)
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined)
  const [executionsVersion, setExecutionsVersion] = useState(0)
  useEffect(() => { if (resource.data !== undefined) setLoaded(resource.data) }, [resource.data])

  if (!can('read:recurring')) return <><h1>{id}</h1><p class='notice'>This key has no <code>read:recurring</code> scope.</p></>
  if (resource.error instanceof ApiError && resource.error.status === 404) {
    return <><h1>{id}</h1><p class='error' role='alert'>There is no schedule {id}.</p><p><Link to='/schedules'>All schedules</Link></p></>
  }
  if (loaded === undefined) {
    return <><h1>{id}</h1>{resource.error !== undefined ? <ErrorNote error={resource.error} what='the schedule' /> : <Loading what='the schedule' />}</>
  }
  const { schedule, etag } = loaded
  const changed = () => resource.reload()

  return (
    <>
      <p class='breadcrumb'><Link to='/schedules'>Schedules</Link> / <span>{schedule.id}</span></p>
      <div class='page-head'>
        <h1>{schedule.id}</h1>
        <ScheduleActions
          schedule={schedule} etag={etag} confirm={confirm}
          onChanged={changed} onDeleted={() => navigate('/schedules')} onTriggered={() => setExecutionsVersion((v) => v + 1)}
        />
      </div>
      <ScopeNotice scope='write:recurring' does='Pause, Resume, Run now, Delete and Save' />
      {resource.error !== undefined && <ErrorNote error={resource.error} what='the latest version of the schedule' />}
      <div class='columns'>
        <section aria-labelledby='record-heading' class='card'>
          <h2 id='record-heading'>Record</h2>
          <RecordFields schedule={schedule} now={now} />
        </section>
        <section aria-labelledby='upcoming-heading' class='card'>
          <h2 id='upcoming-heading'>Upcoming occurrences</h2>
          <Upcoming schedule={schedule} now={now} />
        </section>
      </div>
      <section aria-labelledby='ledger-heading' class='card'>
        <h2 id='ledger-heading'>Occurrence ledger, last 7 days</h2>
        <Ledger schedule={schedule} />
      </section>
      <section aria-labelledby='executions-heading' class='card'>
        <h2 id='executions-heading'>Recent executions</h2>
        <RecentExecutions id={schedule.id} version={executionsVersion} now={now} />
      </section>
      <section aria-labelledby='history-heading' class='card'>
        <h2 id='history-heading'>Change history</h2>
        <History id={schedule.id} version={schedule.updated_at ?? schedule.created_at} />
      </section>
      <section aria-labelledby='editor-heading' class='card'>
        <h2 id='editor-heading'>Edit the schedule</h2>
        <CronEditor schedule={schedule} etag={etag} onSaved={(s, e) => { setLoaded({ schedule: s, etag: e }); resource.reload() }} />
      </section>
      {confirmDialog}
    </>
  )
}

function RecordFields ({ schedule, now }: { schedule: Schedule, now: number }) {
  const s = schedule
  return (
    <dl class='fields'>
      <Field name='Job type'>{s.job_type}</Field>
      <Field name='Queue'>{s.queue}</Field>
      <Field name='Cron'><code>{s.cron_expression}</code><span class='description'>{describeCron(s.cron_expression)}</span></Field>
      <Field name='Time zone'>{s.timezone}</Field>
      <Field name='State'><StatusBadge status={stateOf(s)} />{s.pause_note != null && s.pause_note !== '' && <span class='description'>{s.pause_note}</span>}</Field>
      <Field name='Next run'><TimeInZone instant={s.next_run_at} zone={s.timezone} now={now} /></Field>
      <Field name='Last run'><TimeInZone instant={s.last_run_at} zone={s.timezone} now={now} /></Field>
      <Field name='Attempts per execution'>{s.max_attempts}</Field>
      <Field name='Timeout'>{s.timeout_seconds} s</Field>
      {s.overlap_policy !== undefined && <Field name='Overlap policy'>{s.overlap_policy}</Field>}
      {s.misfire_policy !== undefined && <Field name='Misfire policy'>{s.misfire_policy}{s.misfire_threshold_seconds !== undefined && ` (after ${s.misfire_threshold_seconds} s)`}</Field>}
      {s.starts_at != null && <Field name='Starts'><TimeInZone instant={s.starts_at} zone={s.timezone} now={now} /></Field>}
      {s.ends_at != null && <Field name='Ends'><TimeInZone instant={s.ends_at} zone={s.timezone} now={now} /></Field>}
      {s.runs_count !== undefined && <Field name='Runs'>{s.runs_count}{s.max_runs != null && ` of ${s.max_runs}`}</Field>}
      {s.auto_pause_after_failures != null && <Field name='Auto-pause'>after {s.auto_pause_after_failures} consecutive failures</Field>}
      <Field name='Created'><TimeInZone instant={s.created_at} zone={s.timezone} now={now} /></Field>
      <Field name='Updated'><TimeInZone instant={s.updated_at} zone={s.timezone} now={now} /></Field>
      <Field name='Payload'><Json value={s.payload} label='Payload' /></Field>
    </dl>
  )
}

async function previewCron (cron: string, zone: string, seedId: string, count: number, signal?: AbortSignal): Promise<string[]> {
  const { body } = await request<{ occurrences: string[] }>('POST', '/v1/preview/cron', {
    body: { cron_expression: cron, timezone: zone, count, seed_id: seedId },
    ...(signal === undefined ? {} : { signal })
  })
  return body.occurrences
}

function OccurrenceList ({ occurrences, zone, now, label }: { occurrences: string[], zone: string, now: number, label: string }) {
  const marked = markOffsetShifts(occurrences, zoneOffsetAt(zone, new Date(now)))
  if (marked.length === 0) return <p class='muted'>This expression has no further occurrences.</p>
  return (
    <ol aria-label={label} class='occurrences'>
      {marked.map((o) => (
        <li key={o.instant} class={o.shiftFrom === undefined ? undefined : 'dst-shift'}>
          <time dateTime={o.instant}>{formatInZone(o.instant, zone)}</time>
          <span class='relative'>{relativeTo(o.instant, now)}</span>
          {o.shiftFrom !== undefined && (
            <span class='badge shift'>DST shift: {offsetLabel(o.shiftFrom)} → {offsetLabel(o.offset)}</span>
          )}
        </li>
      ))}
    </ol>
  )
}

function Upcoming ({ schedule, now }: { schedule: Schedule, now: number }) {
  const resource = useResource((signal) => previewCron(schedule.cron_expression, schedule.timezone, schedule.id, 20, signal),
    `${schedule.id}|${schedule.cron_expression}|${schedule.timezone}`)
  return (
    <>
      {!schedule.enabled && <p class='notice'>Paused: the times below are when it would run once resumed.</p>}
      {resource.error !== undefined && <ErrorNote error={resource.error} what='upcoming occurrences' />}
      {resource.data === undefined && resource.error === undefined && <Loading what='upcoming occurrences' />}
      {resource.data !== undefined && <OccurrenceList occurrences={resource.data} zone={schedule.timezone} now={now} label='Upcoming occurrences' />}
    </>
  )
}

const OUTCOMES: Outcome[] = ['enqueued', 'coalesced', 'skipped_overlap', 'skipped_misfire', 'skipped_paused', 'before_start', 'after_end', 'upcoming']
const LEDGER_PAGES = 5
const DAY_MS = 86_400_000

interface LedgerData { occurrences: Occurrence[], truncated: boolean, from: number, to: number }

async function loadLedger (id: string, signal: AbortSignal): Promise<LedgerData> {
  const to = Date.now()
  const from = to - 7 * DAY_MS
  const occurrences: Occurrence[] = []
  let cursor: string | null = null
  for (let page = 0; page < LEDGER_PAGES; page++) {
    const body: Page<Occurrence> = await get<Page<Occurrence>>(
      `${recurringPath(id)}/occurrences${query({ from: toApiInstant(from), to: toApiInstant(to), limit: 1000, cursor })}`, signal)
    occurrences.push(...body.data)
    cursor = body.next_cursor
    if (cursor === null) break
  }
  return { occurrences, truncated: cursor !== null, from, to }
}

function Ledger ({ schedule }: { schedule: Schedule }) {
  const resource = useResource((signal) => loadLedger(schedule.id, signal), `${schedule.id}|${schedule.updated_at ?? ''}`)
  if (resource.error !== undefined) return <ErrorNote error={resource.error} what='the occurrence ledger' />
  if (resource.data === undefined) return <Loading what='the occurrence ledger' />
  return <Timeline data={resource.data} zone={schedule.timezone} />
}

function Timeline ({ data, zone }: { data: LedgerData, zone: string }) {
  const { occurrences, from, to } = data
  const counts = useMemo(() => {
    const c = new Map<Outcome, number>()
    for (const o of occurrences) c.set(o.outcome, (c.get(o.outcome) ?? 0) + 1)
    return c
  }, [occurrences])
  const width = 1000
  const x = (ms: number) => ((ms - from) / (to - from)) * width
  const summary = OUTCOMES.filter((o) => counts.has(o)).map((o) => `${counts.get(o) ?? 0} ${o.replace('_', ' ')}`).join(', ')
  const days = Array.from({ length: 8 }, (_, i) => from + i * DAY_MS)
  const recent = occurrences.slice(-50).reverse()
  return (
    <>
      <figure class='timeline'>
        <svg viewBox={`0 0 ${width} 60`} preserveAspectRatio='none' role='img' aria-label={`Timeline of ${occurrences.length} occurrences over the last 7 days: ${summary === '' ? 'none' : summary}`}>
          <rect class='track' x='0' y='10' width={width} height='30' />
          {days.map((d) => <line key={d} class='day' x1={x(d)} x2={x(d)} y1='5' y2='45' />)}
          {occurrences.map((o) => {
            const at = x(new Date(o.scheduled_for).getTime())
            return <rect key={o.scheduled_for} class={`tick outcome-${o.outcome}`} x={Math.max(0, at - 1)} y='10' width='2' height='30' />
          })}
        </svg>
        <figcaption>
          <span class='muted'>{formatInZone(new Date(from).toISOString(), zone)} → now</span>
          {data.truncated && <span class='notice'> Showing the first {occurrences.length} occurrences only.</span>}
          <ul class='legend' aria-label='Outcomes'>
            {OUTCOMES.map((o) => <li key={o}><span class={`swatch outcome-${o}`} aria-hidden='true' />{o.replace('_', ' ')}: {counts.get(o) ?? 0}</li>)}
          </ul>
        </figcaption>
      </figure>
      {occurrences.length === 0
        ? <p class='muted'>No occurrence in the last 7 days (occurrences from before the schedule existed are not listed).</p>
        : (
          <details>
            <summary>Latest {recent.length} occurrences as a table</summary>
            <TableScroll label='Occurrences table'>
              <table aria-label='Occurrences'>
                <thead><tr><th scope='col'>Scheduled for</th><th scope='col'>Outcome</th><th scope='col'>Execution</th></tr></thead>
                <tbody>
                  {recent.map((o) => (
                    <tr key={o.scheduled_for}>
                      <td>{formatInZone(o.scheduled_for, zone)}</td>
                      <td><span class={`badge outcome-${o.outcome}`}>{o.outcome.replace('_', ' ')}</span></td>
                      <td>{o.execution_id != null ? <Link to={pathOf('executions', o.execution_id)}>{o.execution_status ?? 'execution'}</Link> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
          )}
    </>
  )
}

function RecentExecutions ({ id, version, now }: { id: string, version: number, now: number }) {
  const resource = useResource((signal) => get<Page<Execution>>(`/v1/executions${query({ recurring_id: id, limit: 20 })}`, signal), `${id}|${version}`)
  if (resource.error !== undefined) return <ErrorNote error={resource.error} what='executions' />
  if (resource.data === undefined) return <Loading what='executions' />
  if (resource.data.data.length === 0) return <p class='muted'>No executions yet.</p>
  return (
    <>
      <ExecutionRows executions={resource.data.data} now={now} label='Recent executions' />
      <p><Link to={`/executions${query({ recurring_id: id })}`}>All executions of {id}</Link></p>
    </>
  )
}

function History ({ id, version }: { id: string, version: string }) {
  const resource = useResource((signal) => get<Page<HistoryEntry>>(`${recurringPath(id)}/history${query({ limit: 50 })}`, signal), `${id}|${version}`)
  if (resource.error !== undefined) return <ErrorNote error={resource.error} what='the change history' />
  if (resource.data === undefined) return <Loading what='the change history' />
  const entries = resource.data.data
  if (entries.length === 0) return <p class='muted'>No recorded changes.</p>
  return (
    <TableScroll label='Change history table'>
      <table aria-label='Change history'>
        <thead><tr><th scope='col'>When</th><th scope='col'>Action</th><th scope='col'>By key</th><th scope='col'>Changes</th></tr></thead>
        <tbody>
          {entries.map((h, i) => (
            <tr key={`${h.at}-${i}`}>
              <td><time dateTime={h.at}>{new Date(h.at).toLocaleString('en-GB')}</time></td>
              <td><span class={`badge action-${h.action}`}>{h.action.replace('_', ' ')}</span></td>
              <td><code>{h.actor?.key_id?.slice(0, 8) ?? '—'}</code></td>
              <td>
                <ul class='changes'>
                  {Object.entries(h.changes ?? {}).map(([field, [before, after]]) => (
                    <li key={field}><code>{field}</code>: {JSON.stringify(before)} → {JSON.stringify(after)}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function CronEditor ({ schedule, etag, onSaved }: { schedule: Schedule, etag: string | null, onSaved: (s: Schedule, etag: string | null) => void }) {
  const { can, announce } = useSession()
  const now = useNow()
  const [cron, setCron] = useState(schedule.cron_expression)
  const [zone, setZone] = useState(schedule.timezone)
  const [preview, setPreview] = useState<{ occurrences?: string[], error?: string, pending: boolean }>({ pending: false })
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []), [])

  useEffect(() => { setCron(schedule.cron_expression); setZone(schedule.timezone) }, [schedule.cron_expression, schedule.timezone])

  // Live preview, debounced: the service's own engine says what the expression does (POST /v1/preview/cron).
  useEffect(() => {
    const controller = new AbortController()
    setPreview((p) => ({ ...p, pending: true }))
    const timer = setTimeout(() => {
      previewCron(cron, zone, schedule.id, 5, controller.signal).then(
        (occurrences) => setPreview({ occurrences, pending: false }),
        (error: unknown) => { if (!controller.signal.aborted) setPreview({ error: describeError(error), pending: false }) }
      )
    }, 300)
    return () => { clearTimeout(timer); controller.abort() }
  }, [cron, zone, schedule.id])

  const unchanged = cron === schedule.cron_expression && zone === schedule.timezone
  const writable = can('write:recurring')

  const save = async (event: Event) => {
    event.preventDefault()
    setSaving(true)
    setSaveError(null)
    try {
      const { body, etag: newEtag } = await request<Schedule>('PATCH', recurringPath(schedule.id), { body: { cron_expression: cron, timezone: zone }, ifMatch: etag })
      onSaved(body, newEtag)
      announce(`Saved ${schedule.id}`)
    } catch (error) {
      setSaveError(error instanceof ApiError && error.status === 412
        ? 'The schedule changed since this page loaded it: reload to see the new version.'
        : describeError(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form onSubmit={(e) => { save(e).catch(() => undefined) }} class='editor'>
      <div class='form-row'>
        <label for='cron-input'>Cron expression</label>
        <input id='cron-input' value={cron} spellcheck={false} autocomplete='off' aria-describedby='cron-description' onInput={(e) => setCron((e.target as HTMLInputElement).value)} />
        <span id='cron-description' class='description'>{describeCron(cron)}</span>
      </div>
      <div class='form-row'>
        <label for='zone-input'>Time zone</label>
        <input id='zone-input' value={zone} list='zone-list' autocomplete='off' onInput={(e) => setZone((e.target as HTMLInputElement).value)} />
        <datalist id='zone-list'>{zones.map((z) => <option key={z} value={z} />)}</datalist>
      </div>
      <div class='preview' aria-live='polite'>
        <h3>Preview</h3>
        {preview.error !== undefined && <p class='error'>{preview.error}</p>}
        {preview.error === undefined && preview.occurrences !== undefined && (
          <OccurrenceList occurrences={preview.occurrences} zone={zone} now={now} label='Preview of the next occurrences' />
        )}
        {preview.pending && preview.occurrences === undefined && preview.error === undefined && <p class='muted'>Previewing…</p>}
      </div>
      {saveError !== null && <p class='error' role='alert'>{saveError}</p>}
      <button type='submit' disabled={!writable || unchanged || saving || preview.error !== undefined || preview.pending} title={writable ? undefined : 'Needs the write:recurring scope'}>Save</button>
    </form>
  )
}
