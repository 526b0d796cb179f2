// Overview, from the tenant API alone (/metrics is an operator endpoint, may need METRICS_TOKEN, and mixes all
// tenants, so the dashboard does not read it):
// - due backlog: queued executions whose available_at has passed (GET /v1/executions?status=queued);
// - scheduler lag: enabled schedules whose next_run_at has passed without being enqueued (GET /v1/recurring), and
//   how late scheduled executions of the last 24 h were enqueued (enqueued_at − scheduled_for);
// - executions by status over the last 24 h: the newest executions, paged back until 24 h ago, per hour.
import { useEffect, useRef } from 'preact/hooks'
import UPlot from 'uplot'
import { get, query, type Execution, type ExecutionStatus, type Page, type Schedule } from '../api'
import { Link, pathOf } from '../router'
import { formatDuration } from '../time'
import { ErrorNote, Loading, StatusBadge, TableScroll, useResource, useSession } from '../ui'

const HOUR_MS = 3_600_000
const MAX_PAGES = 10
const STACK: ExecutionStatus[] = ['succeeded', 'failed', 'running', 'queued']
const COLOURS: Record<ExecutionStatus, string> = { succeeded: '#15803d', failed: '#b91c1c', running: '#1d4ed8', queued: '#a16207' }

interface Stats {
  now: number
  due: Execution[]
  waiting: number
  queuedTruncated: boolean
  running: number
  overdue: Array<{ id: string, lateSeconds: number }>
  delays: number[]
  hours: number[]
  byStatus: Record<ExecutionStatus, number[]>
  counted: number
  truncated: boolean
}

async function pages<T> (path: (cursor: string | null) => string, signal: AbortSignal, stop: (page: T[]) => boolean = () => false): Promise<{ rows: T[], truncated: boolean }> {
  const rows: T[] = []
  let cursor: string | null = null
  for (let i = 0; i < MAX_PAGES; i++) {
    const body: Page<T> = await get<Page<T>>(path(cursor), signal)
    rows.push(...body.data)
    cursor = body.next_cursor
    if (cursor === null || stop(body.data)) return { rows, truncated: false }
  }
  return { rows, truncated: cursor !== null }
}

function percentile (sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

async function loadStats (signal: AbortSignal): Promise<Stats> {
  const now = Date.now()
  const since = now - 24 * HOUR_MS
  const [queued, running, schedules, recent] = await Promise.all([
    pages<Execution>((cursor) => `/v1/executions${query({ status: 'queued', limit: 1000, cursor })}`, signal),
    pages<Execution>((cursor) => `/v1/executions${query({ status: 'running', limit: 1000, cursor })}`, signal),
    pages<Schedule>((cursor) => `/v1/recurring${query({ limit: 1000, cursor })}`, signal),
    pages<Execution>((cursor) => `/v1/executions${query({ limit: 1000, cursor })}`, signal,
      (page) => page.length > 0 && new Date(page[page.length - 1]?.enqueued_at ?? 0).getTime() < since)
  ])
  const due = queued.rows.filter((e) => new Date(e.available_at).getTime() <= now)
    .sort((a, b) => a.available_at.localeCompare(b.available_at))
  const overdue = schedules.rows
    .filter((s) => s.enabled && s.next_run_at !== null && new Date(s.next_run_at).getTime() < now - 1000)
    .map((s) => ({ id: s.id, lateSeconds: (now - new Date(s.next_run_at ?? 0).getTime()) / 1000 }))
    .sort((a, b) => b.lateSeconds - a.lateSeconds)

  const firstHour = Math.floor(since / HOUR_MS) * HOUR_MS
  const hours = Array.from({ length: 25 }, (_, i) => firstHour + i * HOUR_MS)
  const byStatus = Object.fromEntries(STACK.map((s) => [s, hours.map(() => 0)])) as Record<ExecutionStatus, number[]>
  const delays: number[] = []
  let counted = 0
  for (const e of recent.rows) {
    const enqueued = new Date(e.enqueued_at).getTime()
    if (enqueued < since) continue
    counted++
    const bucket = Math.floor((enqueued - firstHour) / HOUR_MS)
    const series = byStatus[e.status]
    if (series !== undefined && bucket >= 0 && bucket < hours.length) series[bucket] = (series[bucket] ?? 0) + 1
    if (e.trigger === 'schedule' && e.coalesced_count === 1) delays.push(Math.max(0, (enqueued - new Date(e.scheduled_for).getTime()) / 1000))
  }
  delays.sort((a, b) => a - b)
  return {
    now,
    due,
    waiting: queued.rows.length - due.length,
    queuedTruncated: queued.truncated,
    running: running.rows.length,
    overdue,
    delays,
    hours,
    byStatus,
    counted,
    truncated: recent.truncated
  }
}

export default function OverviewPage () {
  const { can } = useSession()
  const resource = useResource(loadStats, 'overview')
  if (!can('read:recurring')) return <><h1>Overview</h1><p class='notice'>This key has no <code>read:recurring</code> scope.</p></>
  const s = resource.data
  return (
    <>
      <div class='page-head'>
        <h1>Overview</h1>
        <button type='button' onClick={() => resource.reload()} disabled={resource.loading}>Refresh</button>
      </div>
      {resource.error !== undefined && <ErrorNote error={resource.error} what='the overview' />}
      {s === undefined && resource.error === undefined && <Loading what='the overview' />}
      {s !== undefined && (
        <>
          <div class='columns stats'>
            <section class='card' aria-labelledby='backlog-heading'>
              <h2 id='backlog-heading'>Due backlog</h2>
              <p class='big'>{s.due.length}{s.queuedTruncated && '+'}</p>
              <p>queued executions whose time has come and that no worker has claimed yet.</p>
              {s.due[0] !== undefined && <p>Oldest waiting {formatDuration((s.now - new Date(s.due[0].available_at).getTime()) / 1000)}: <Link to={pathOf('executions', s.due[0].id)}>{s.due[0].recurring_id}</Link></p>}
              <p class='muted'>{s.waiting} more queued for a later retry; {s.running} running. <Link to='/executions?status=queued'>Queued executions</Link></p>
            </section>
            <section class='card' aria-labelledby='lag-heading'>
              <h2 id='lag-heading'>Scheduler lag</h2>
              <p class='big'>{s.overdue[0] === undefined ? '0 s' : formatDuration(s.overdue[0].lateSeconds)}</p>
              <p>{s.overdue.length === 0
                ? 'No enabled schedule is past its next run.'
                : <>{s.overdue.length} enabled schedule{s.overdue.length === 1 ? ' is' : 's are'} past the next run without an execution; the most overdue is <Link to={pathOf('schedules', s.overdue[0]?.id ?? '')}>{s.overdue[0]?.id}</Link>.</>}
              </p>
              <p class='muted'>
                {s.delays.length === 0
                  ? 'No on-time scheduled execution in the last 24 h to measure the enqueue delay.'
                  : `Enqueue delay of ${s.delays.length} scheduled executions over 24 h: median ${formatDuration(percentile(s.delays, 0.5))}, p95 ${formatDuration(percentile(s.delays, 0.95))}, max ${formatDuration(s.delays[s.delays.length - 1] ?? 0)}.`}
              </p>
            </section>
          </div>
          <section class='card' aria-labelledby='chart-heading'>
            <h2 id='chart-heading'>Executions by status, last 24 hours</h2>
            <StatusChart stats={s} />
          </section>
        </>
      )}
    </>
  )
}

function StatusChart ({ stats }: { stats: Stats }) {
  const container = useRef<HTMLDivElement>(null)
  const totals = Object.fromEntries(STACK.map((status) => [status, stats.byStatus[status].reduce((a, b) => a + b, 0)])) as Record<ExecutionStatus, number>

  useEffect(() => {
    const element = container.current
    if (element === null) return
    const x = stats.hours.map((h) => h / 1000)
    // Stacked bars: each series is drawn from zero to the running sum, top of the stack first, so the later
    // (shorter) bars paint the lower segments over it.
    const cumulative: number[][] = []
    let running = stats.hours.map(() => 0)
    for (const status of STACK) {
      running = running.map((v, i) => v + (stats.byStatus[status][i] ?? 0))
      cumulative.push(running)
    }
    const order = STACK.map((status, i) => ({ status, values: cumulative[i] ?? [] })).reverse()
    const bars = UPlot.paths.bars?.({ size: [0.8, 40], align: 1 })
    const options: UPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height: 260,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true, range: () => [x[0] ?? 0, (x[x.length - 1] ?? 0) + 3600] }, y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.1)] } },
      axes: [
        { stroke: '#1f2937', grid: { stroke: '#e5e7eb' } },
        { stroke: '#1f2937', grid: { stroke: '#e5e7eb' }, size: 50 }
      ],
      series: [
        {},
        ...order.map(({ status }) => ({ label: status, fill: COLOURS[status], stroke: COLOURS[status], width: 0, ...(bars === undefined ? {} : { paths: bars }), points: { show: false } }))
      ]
    }
    const plot = new UPlot(options, [x, ...order.map((o) => o.values)], element)
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(280, element.clientWidth), height: 260 }))
    observer.observe(element)
    return () => { observer.disconnect(); plot.destroy() }
  }, [stats])

  const label = `Bar chart of ${stats.counted} executions enqueued in the last 24 hours, per hour: ` +
    STACK.map((s) => `${totals[s]} ${s}`).join(', ')
  return (
    <figure class='chart'>
      <div ref={container} class='chart-area' role='img' aria-label={label} />
      <figcaption>
        <ul class='legend' aria-label='Statuses'>
          {STACK.map((s) => <li key={s}><span class={`swatch status-${s}`} aria-hidden='true' />{s}: {totals[s]}</li>)}
        </ul>
        {stats.truncated && <p class='notice'>Counted the newest {stats.counted} executions only.</p>}
      </figcaption>
      <details>
        <summary>The same numbers as a table</summary>
        <TableScroll label='Executions per hour table'>
          <table aria-label='Executions per hour'>
            <thead><tr><th scope='col'>Hour</th>{STACK.map((s) => <th key={s} scope='col'><StatusBadge status={s} /></th>)}</tr></thead>
            <tbody>
              {stats.hours.map((h, i) => (
                <tr key={h}>
                  <th scope='row'><time dateTime={new Date(h).toISOString()}>{new Date(h).toLocaleString('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</time></th>
                  {STACK.map((s) => <td key={s}>{stats.byStatus[s][i] ?? 0}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  )
}
