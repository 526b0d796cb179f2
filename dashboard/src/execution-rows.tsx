// The executions table shared by the Schedule and Executions pages.
import type { Execution } from './api'
import { Link, pathOf } from './router'
import { relativeTo } from './time'
import { StatusBadge, TableScroll } from './ui'

export function ExecutionRows ({ executions, now, label }: { executions: Execution[], now: number, label: string }) {
  return (
    <TableScroll label={`${label} table`}>
      <table aria-label={label} class='stack'>
        <thead>
          <tr><th scope='col'>Execution</th><th scope='col'>Status</th><th scope='col'>Trigger</th><th scope='col'>Attempt</th><th scope='col'>Scheduled for</th><th scope='col'>Finished</th><th scope='col'>Last error</th></tr>
        </thead>
        <tbody>
          {executions.map((e) => (
            <tr key={e.id}>
              <th scope='row'><Link to={pathOf('executions', e.id)}><code>{e.id.slice(0, 8)}</code></Link></th>
              <td><StatusBadge status={e.status} /></td>
              <td>{e.trigger}{e.coalesced_count > 1 && ` ×${e.coalesced_count}`}</td>
              <td>{e.attempt} / {e.max_attempts}</td>
              <td><time dateTime={e.scheduled_for}>{new Date(e.scheduled_for).toLocaleString('en-GB')}</time> <span class='relative'>{relativeTo(e.scheduled_for, now)}</span></td>
              <td>{e.finished_at === null ? '—' : <time dateTime={e.finished_at}>{new Date(e.finished_at).toLocaleString('en-GB')}</time>}</td>
              <td class='error-text'>{e.last_error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
