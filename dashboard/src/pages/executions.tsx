// Executions: GET /v1/executions newest first, filtered by status, queue and schedule (kept in the URL so a
// filtered view can be shared), paged with next_cursor; and one execution's detail.
import { useState } from 'preact/hooks'
import { ApiError, get, query, type Execution, type ExecutionStatus, type Page } from '../api'
import { ExecutionRows } from '../execution-rows'
import { Link, navigate, pathOf, useLocation } from '../router'
import { formatDuration, localZone } from '../time'
import { ErrorNote, Field, Json, Loading, StatusBadge, TimeInZone, useNow, useResource, useSession } from '../ui'

const STATUSES: ExecutionStatus[] = ['queued', 'running', 'succeeded', 'failed']
const PAGE_SIZE = 50

export default function ExecutionsPage () {
  const { search } = useLocation()
  const { can } = useSession()
  const now = useNow()
  const status = search.get('status') ?? ''
  const queue = search.get('queue') ?? ''
  const recurringId = search.get('recurring_id') ?? ''
  const cursor = search.get('cursor') ?? ''
  const filters = { status, queue, recurring_id: recurringId }
  const resource = useResource((signal) => get<Page<Execution>>(`/v1/executions${query({ ...filters, limit: PAGE_SIZE, cursor })}`, signal),
    `${status}|${queue}|${recurringId}|${cursor}`)
  const [draft, setDraft] = useState(filters)
  const [shownFor, setShownFor] = useState(`${status}|${queue}|${recurringId}`)
  if (shownFor !== `${status}|${queue}|${recurringId}`) {
    // The URL changed under us (back button): show its filters in the form.
    setShownFor(`${status}|${queue}|${recurringId}`)
    setDraft(filters)
  }

  if (!can('read:recurring')) return <><h1>Executions</h1><p class='notice'>This key has no <code>read:recurring</code> scope.</p></>

  const apply = (event: Event) => {
    event.preventDefault()
    navigate(`/executions${query(draft)}`)
  }
  const badFilter = resource.error instanceof ApiError && resource.error.status === 400

  return (
    <>
      <div class='page-head'>
        <h1>Executions</h1>
        <button type='button' onClick={() => resource.reload()} disabled={resource.loading}>Refresh</button>
      </div>
      <form class='filters' onSubmit={apply} aria-label='Execution filters'>
        <div class='form-row'>
          <label for='status-filter'>Status</label>
          <select id='status-filter' value={draft.status} onChange={(e) => setDraft({ ...draft, status: (e.target as HTMLSelectElement).value })}>
            <option value=''>any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div class='form-row'>
          <label for='queue-filter'>Queue</label>
          <input id='queue-filter' value={draft.queue} onInput={(e) => setDraft({ ...draft, queue: (e.target as HTMLInputElement).value })} />
        </div>
        <div class='form-row'>
          <label for='schedule-filter-input'>Schedule</label>
          <input id='schedule-filter-input' value={draft.recurring_id} placeholder='schedule id' onInput={(e) => setDraft({ ...draft, recurring_id: (e.target as HTMLInputElement).value })} />
        </div>
        <button type='submit'>Apply filters</button>
        {(status !== '' || queue !== '' || recurringId !== '') && <Link to='/executions'>Clear filters</Link>}
      </form>
      {resource.error !== undefined && (badFilter ? <p class='error' role='alert'>The service refused these filters: {(resource.error as ApiError).message}</p> : <ErrorNote error={resource.error} what='executions' />)}
      {resource.data === undefined && resource.error === undefined && <Loading what='executions' />}
      {resource.data !== undefined && (
        <>
          {resource.data.data.length === 0
            ? <p class='muted'>No execution matches.</p>
            : <ExecutionRows executions={resource.data.data} now={now} label='Executions' />}
          <nav class='pager' aria-label='Pages of executions'>
            {cursor !== '' && <Link to={`/executions${query(filters)}`}>First page</Link>}
            {resource.data.next_cursor !== null && <Link to={`/executions${query({ ...filters, cursor: resource.data.next_cursor })}`}>Next page</Link>}
          </nav>
        </>
      )}
    </>
  )
}

export function ExecutionPage ({ id }: { id: string }) {
  const { can } = useSession()
  const now = useNow()
  const resource = useResource((signal) => get<Execution>(`/v1/executions/${encodeURIComponent(id)}`, signal), id)
  if (!can('read:recurring')) return <><h1>Execution</h1><p class='notice'>This key has no <code>read:recurring</code> scope.</p></>
  const notFound = resource.error instanceof ApiError && (resource.error.status === 404 || resource.error.status === 400)
  const e = resource.data
  return (
    <>
      <p class='breadcrumb'><Link to='/executions'>Executions</Link> / <span>{id.slice(0, 8)}</span></p>
      <div class='page-head'>
        <h1>Execution <code>{id}</code></h1>
        <button type='button' onClick={() => resource.reload()} disabled={resource.loading}>Refresh</button>
      </div>
      {notFound && <p class='error' role='alert'>There is no execution {id}.</p>}
      {!notFound && resource.error !== undefined && <ErrorNote error={resource.error} what='the execution' />}
      {e === undefined && resource.error === undefined && <Loading what='the execution' />}
      {e !== undefined && (
        <div class='columns'>
          <section class='card' aria-labelledby='exec-heading'>
            <h2 id='exec-heading'>Status</h2>
            <dl class='fields'>
              <Field name='Status'><StatusBadge status={e.status} /></Field>
              <Field name='Schedule'><Link to={pathOf('schedules', e.recurring_id)}>{e.recurring_id}</Link></Field>
              <Field name='Job type'>{e.job_type}</Field>
              <Field name='Queue'>{e.queue}</Field>
              <Field name='Trigger'>{e.trigger}</Field>
              <Field name='Attempts'>{e.attempt} of {e.max_attempts}</Field>
              <Field name='Occurrences'>{e.coalesced_count}{e.covers_until != null && <> (through <time dateTime={e.covers_until}>{e.covers_until}</time>)</>}</Field>
              <Field name='Scheduled for'><TimeInZone instant={e.scheduled_for} zone={localZone} now={now} /></Field>
              <Field name='Enqueued'><TimeInZone instant={e.enqueued_at} zone={localZone} now={now} /></Field>
              <Field name='Available'><TimeInZone instant={e.available_at} zone={localZone} now={now} /></Field>
              <Field name='Started'><TimeInZone instant={e.started_at} zone={localZone} now={now} /></Field>
              <Field name='Finished'><TimeInZone instant={e.finished_at} zone={localZone} now={now} /></Field>
              {e.started_at !== null && e.finished_at !== null && (
                <Field name='Took'>{formatDuration((new Date(e.finished_at).getTime() - new Date(e.started_at).getTime()) / 1000)}</Field>
              )}
              <Field name='Lease expires'><TimeInZone instant={e.lease_expires_at} zone={localZone} now={now} /></Field>
              <Field name='Worker'>{e.worker_id ?? '—'}</Field>
              <Field name='Timeout'>{e.timeout_seconds} s</Field>
            </dl>
          </section>
          <section class='card' aria-labelledby='data-heading'>
            <h2 id='data-heading'>Data</h2>
            <h3>Payload</h3>
            <Json value={e.payload} label='Payload' />
            <h3>Result</h3>
            {'result' in e
              ? (e.result === null || e.result === undefined ? <p class='muted'>No result.</p> : <Json value={e.result} label='Result' />)
              : <p class='muted'>Result: not available on this server.</p>}
            <h3>Last error</h3>
            {e.last_error === null ? <p class='muted'>None.</p> : <pre class='json error-text' tabIndex={0} aria-label='Last error'>{e.last_error}</pre>}
          </section>
        </div>
      )}
    </>
  )
}
