// Series: the tenant's job series (GET /v1/job_series, 20 per page) and one series with a month calendar of its
// instances (GET /v1/jobs?seriesId=…&from=…&to=…), each coloured and labelled by status.
import { ApiError, get, query, type Job, type JobPage, type Series, type SeriesPage } from '../api'
import { Link, pathOf, useLocation } from '../router'
import { dateInZone } from '../time'
import { ErrorNote, Field, Loading, StatusBadge, TableScroll, useResource, useSession } from '../ui'

export default function SeriesListPage () {
  const { search } = useLocation()
  const { can } = useSession()
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1)
  const resource = useResource((signal) => get<SeriesPage>(`/v1/job_series${query({ page })}`, signal), `series:${page}`)
  if (!can('read:job_series')) return <><h1>Series</h1><p class='notice'>This key has no <code>read:job_series</code> scope.</p></>
  const data = resource.data
  const pages = data === undefined ? 1 : Math.max(1, Math.ceil(data.count / data.limit))
  return (
    <>
      <h1>Series</h1>
      {resource.error !== undefined && <ErrorNote error={resource.error} what='job series' />}
      {data === undefined && resource.error === undefined && <Loading what='job series' />}
      {data !== undefined && (data.data.length === 0
        ? <p class='muted'>No job series yet.</p>
        : (
          <>
            <TableScroll label='Series table'>
              <table aria-label='Series'>
                <thead>
                  <tr><th scope='col'>Title</th><th scope='col'>Recurrence</th><th scope='col'>Time zone</th><th scope='col'>Starts</th><th scope='col'>Ends</th><th scope='col'>State</th></tr>
                </thead>
                <tbody>
                  {data.data.map((s) => (
                    <tr key={s.id}>
                      <th scope='row'><Link to={pathOf('series', s.id)}>{s.title}</Link></th>
                      <td><code>{s.rrule}</code></td>
                      <td>{s.timezone}</td>
                      <td>{s.dtstart}</td>
                      <td>{s.ends_on ?? '—'}{s.max_occurrences !== null && ` (at most ${s.max_occurrences})`}</td>
                      <td><StatusBadge status={s.ended_at === null ? 'active' : 'ended'} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <nav class='pager' aria-label='Pages of series'>
              <span>Page {page} of {pages} ({data.count} series)</span>
              {page > 1 && <Link to={`/series${query({ page: page - 1 })}`}>Previous page</Link>}
              {page < pages && <Link to={`/series${query({ page: page + 1 })}`}>Next page</Link>}
            </nav>
          </>
          ))}
    </>
  )
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/
const MAX_JOB_PAGES = 10

function daysIn (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function shiftMonth (month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

async function loadMonth (seriesId: string, month: string, signal: AbortSignal): Promise<{ jobs: Job[], truncated: boolean }> {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const from = `${month}-01`
  const to = `${month}-${String(daysIn(y, m)).padStart(2, '0')}`
  const jobs: Job[] = []
  let page = 1
  let count = 0
  do {
    const body = await get<JobPage>(`/v1/jobs${query({ seriesId, from, to, page })}`, signal)
    jobs.push(...body.data)
    count = body.count
    if (body.data.length === 0) break
    page++
  } while (jobs.length < count && page <= MAX_JOB_PAGES)
  return { jobs, truncated: jobs.length < count }
}

export function SeriesDetailPage ({ id }: { id: string }) {
  const { can } = useSession()
  const { search } = useLocation()
  const resource = useResource((signal) => get<Series>(`/v1/job_series/${encodeURIComponent(id)}`, signal), `series:${id}`)
  if (!can('read:job_series')) return <><h1>Series</h1><p class='notice'>This key has no <code>read:job_series</code> scope.</p></>
  if (resource.error instanceof ApiError && (resource.error.status === 404 || resource.error.status === 400)) {
    return <><h1>Series</h1><p class='error' role='alert'>There is no series {id}.</p><p><Link to='/series'>All series</Link></p></>
  }
  const series = resource.data
  if (series === undefined) {
    return <><h1>Series</h1>{resource.error !== undefined ? <ErrorNote error={resource.error} what='the series' /> : <Loading what='the series' />}</>
  }
  const wanted = search.get('month') ?? ''
  const month = MONTH_PATTERN.test(wanted) ? wanted : dateInZone(new Date(), series.timezone).slice(0, 7)
  return (
    <>
      <p class='breadcrumb'><Link to='/series'>Series</Link> / <span>{series.title}</span></p>
      <h1>{series.title}</h1>
      <div class='columns'>
        <section class='card' aria-labelledby='series-record'>
          <h2 id='series-record'>Record</h2>
          <dl class='fields'>
            <Field name='Recurrence'><code>{series.rrule}</code></Field>
            <Field name='Time zone'>{series.timezone}</Field>
            <Field name='Starts'>{series.dtstart}</Field>
            <Field name='Ends'>{series.ends_on ?? '—'}</Field>
            <Field name='At most'>{series.max_occurrences ?? '—'}</Field>
            {series.exdates !== undefined && series.exdates.length > 0 && <Field name='Excluded dates'>{series.exdates.join(', ')}</Field>}
            {series.rdates !== undefined && series.rdates.length > 0 && <Field name='Added dates'>{series.rdates.join(', ')}</Field>}
            <Field name='Flat price'>{series.flat_price ?? '—'}</Field>
            <Field name='State'><StatusBadge status={series.ended_at === null ? 'active' : 'ended'} /></Field>
            {series.description !== null && series.description !== '' && <Field name='Description'>{series.description}</Field>}
          </dl>
        </section>
        <section class='card' aria-labelledby='calendar-heading'>
          <h2 id='calendar-heading'>Instances</h2>
          {can('read:jobs')
            ? <MonthCalendar seriesId={series.id} month={month} />
            : <p class='notice'>This key has no <code>read:jobs</code> scope, so the instances cannot be shown.</p>}
        </section>
      </div>
    </>
  )
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const STATUS_ORDER = ['scheduled', 'unscheduled', 'in_progress', 'done', 'cancelled']

function MonthCalendar ({ seriesId, month }: { seriesId: string, month: string }) {
  const resource = useResource((signal) => loadMonth(seriesId, month, signal), `${seriesId}|${month}`)
  const [y, m] = month.split('-').map(Number) as [number, number]
  const title = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)))
  const firstWeekday = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7
  const days = daysIn(y, m)
  const byDate = new Map<string, Job[]>()
  for (const job of resource.data?.jobs ?? []) {
    if (job.occurrence_date === null) continue
    byDate.set(job.occurrence_date, [...(byDate.get(job.occurrence_date) ?? []), job])
  }
  const cells: Array<number | null> = [...Array.from({ length: firstWeekday }, () => null), ...Array.from({ length: days }, (_, i) => i + 1)]
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7))
  return (
    <>
      <nav class='pager' aria-label='Months'>
        <Link to={`${pathOf('series', seriesId)}${query({ month: shiftMonth(month, -1) })}`}>Previous month</Link>
        <Link to={`${pathOf('series', seriesId)}${query({ month: shiftMonth(month, 1) })}`}>Next month</Link>
      </nav>
      {resource.error !== undefined && <ErrorNote error={resource.error} what='instances' />}
      {resource.data === undefined && resource.error === undefined && <Loading what='instances' />}
      {resource.data?.truncated === true && <p class='notice'>Only the first {resource.data.jobs.length} instances of this month are shown.</p>}
      <TableScroll label='Calendar'>
        <table class='calendar' aria-label={`${title} calendar`}>
          <caption>{title}</caption>
          <thead><tr>{WEEKDAYS.map((d) => <th key={d} scope='col'>{d}</th>)}</tr></thead>
          <tbody>
            {weeks.map((week, w) => (
              <tr key={w}>
                {week.map((day, i) => {
                  if (day === null) return <td key={i} class='empty' />
                  const date = `${month}-${String(day).padStart(2, '0')}`
                  const jobs = (byDate.get(date) ?? []).sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
                  return (
                    <td key={i} class={jobs.length > 0 ? 'has-jobs' : undefined}>
                      <span class='day-number'>{day}</span>
                      {jobs.length > 0 && (
                        <ul class='instances'>
                          {jobs.map((j) => (
                            <li key={j.id}>
                              <StatusBadge status={j.status} />
                              {j.cancel_reason !== null && <span class='reason'>{j.cancel_reason.replace('_', ' ')}</span>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ul class='legend' aria-label='Statuses'>
        {STATUS_ORDER.map((s) => <li key={s}><StatusBadge status={s} /></li>)}
      </ul>
    </>
  )
}
