// Schedules: every schedule of the tenant in one table (paged through GET /v1/recurring 1,000 at a time), with
// its cron in plain English, next run in the schedule's zone, and the status of its newest execution among the
// newest 1,000 (one GET /v1/executions instead of one request per row).
import { useEffect, useMemo, useState } from 'preact/hooks'
import { get, query, type Execution, type Page, type Schedule } from '../api'
import { describeCron } from '../cron-text'
import { Link, navigate, pathOf, useLocation } from '../router'
import { ScheduleActions, stateOf } from '../schedule-actions'
import { ErrorNote, Loading, ScopeNotice, StatusBadge, TableScroll, TimeInZone, useConfirm, useNow, useResource, useSession } from '../ui'

const MAX_PAGES = 50

async function loadAll (signal: AbortSignal): Promise<{ schedules: Schedule[], lastExecution: Map<string, Execution> }> {
  const schedules: Schedule[] = []
  let cursor: string | null = null
  for (let page = 0; page < MAX_PAGES; page++) {
    const body: Page<Schedule> = await get<Page<Schedule>>(`/v1/recurring${query({ limit: 1000, cursor })}`, signal)
    schedules.push(...body.data)
    cursor = body.next_cursor
    if (cursor === null) break
  }
  const recent = await get<Page<Execution>>('/v1/executions?limit=1000', signal)
  const lastExecution = new Map<string, Execution>()
  for (const execution of recent.data) {
    if (!lastExecution.has(execution.recurring_id)) lastExecution.set(execution.recurring_id, execution)
  }
  return { schedules, lastExecution }
}

function matches (schedule: Schedule, needle: string): boolean {
  if (needle === '') return true
  const haystack = `${schedule.id} ${schedule.job_type} ${schedule.queue} ${schedule.cron_expression} ${schedule.timezone} ${stateOf(schedule)}`
  return haystack.toLowerCase().includes(needle)
}

export default function SchedulesPage () {
  const { search } = useLocation()
  const { can } = useSession()
  const now = useNow()
  const [confirm, confirmDialog] = useConfirm()
  const filter = search.get('q') ?? ''
  const resource = useResource(loadAll, 'schedules')
  const [rows, setRows] = useState<Schedule[] | undefined>(undefined)
  const [lastExecution, setLastExecution] = useState(new Map<string, Execution>())

  useEffect(() => {
    if (resource.data !== undefined) {
      setRows(resource.data.schedules)
      setLastExecution(resource.data.lastExecution)
    }
  }, [resource.data])

  useEffect(() => {
    // Lets bench/dashboard.ts measure the time to first render of a full table.
    if (rows !== undefined && !performance.getEntriesByName('schedules:rendered').length) performance.mark('schedules:rendered')
  }, [rows])

  const needle = filter.trim().toLowerCase()
  const shown = useMemo(() => (rows ?? []).filter((s) => matches(s, needle)), [rows, needle])

  const replace = (updated: Schedule) => setRows((list) => list?.map((s) => (s.id === updated.id ? updated : s)))
  const drop = (id: string) => setRows((list) => list?.filter((s) => s.id !== id))
  const noteExecution = (execution: Execution) => setLastExecution((map) => new Map(map).set(execution.recurring_id, execution))

  if (!can('read:recurring')) {
    return <><h1>Schedules</h1><p class='notice'>This key has no <code>read:recurring</code> scope, so schedules cannot be listed.</p></>
  }

  return (
    <>
      <div class='page-head'>
        <h1>Schedules</h1>
        <button type='button' onClick={() => resource.reload()} disabled={resource.loading}>Refresh</button>
      </div>
      <ScopeNotice scope='write:recurring' does='Pause, Resume, Run now and Delete' />
      <div class='toolbar' role='search'>
        <label for='schedule-filter'>Filter</label>
        <input
          id='schedule-filter' type='search' value={filter} placeholder='id, job type, queue, zone, state…'
          onInput={(e) => navigate(`/schedules${query({ q: (e.target as HTMLInputElement).value })}`, { replace: true })}
        />
        {rows !== undefined && <span class='muted' aria-live='polite'>{shown.length} of {rows.length} schedules</span>}
      </div>
      {resource.error !== undefined && <ErrorNote error={resource.error} what='schedules' />}
      {rows === undefined && resource.error === undefined && <Loading what='schedules' />}
      {rows !== undefined && (
        <TableScroll label='Schedules table'>
          <table aria-label='Schedules' class='schedules stack'>
            <thead>
              <tr>
                <th scope='col'>Id</th><th scope='col'>Job type</th><th scope='col'>Queue</th><th scope='col'>Cron</th>
                <th scope='col'>Zone</th><th scope='col'>State</th><th scope='col'>Next run</th><th scope='col'>Last run</th>
                <th scope='col'>Last execution</th><th scope='col'>Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => {
                const last = lastExecution.get(s.id)
                return (
                  <tr key={s.id}>
                    <th scope='row'><Link to={pathOf('schedules', s.id)}>{s.id}</Link></th>
                    <td data-label='Job type'>{s.job_type}</td>
                    <td data-label='Queue'>{s.queue}</td>
                    <td data-label='Cron'><code>{s.cron_expression}</code><span class='description'>{describeCron(s.cron_expression)}</span></td>
                    <td data-label='Zone'>{s.timezone}</td>
                    <td data-label='State'><StatusBadge status={stateOf(s)} /></td>
                    <td data-label='Next run'><TimeInZone instant={s.next_run_at} zone={s.timezone} now={now} /></td>
                    <td data-label='Last run'><TimeInZone instant={s.last_run_at} zone={s.timezone} now={now} /></td>
                    <td data-label='Last execution'>{last === undefined ? <span class='muted'>—</span> : <Link to={pathOf('executions', last.id)} aria-label={`${last.status} execution of ${s.id}`}><StatusBadge status={last.status} /></Link>}</td>
                    <td data-label='Actions'>
                      <ScheduleActions schedule={s} confirm={confirm} onChanged={replace} onDeleted={drop} onTriggered={noteExecution} />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {shown.length === 0 && <p class='muted'>{rows.length === 0 ? 'No schedules yet: create one with PUT /v1/recurring/{id}.' : 'No schedule matches the filter.'}</p>}
        </TableScroll>
      )}
      {confirmDialog}
    </>
  )
}
