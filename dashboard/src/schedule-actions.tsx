// Pause, Resume, Run now and Delete for one schedule, as the public API offers them: PATCH {enabled},
// POST …/trigger and DELETE. Without write:recurring the buttons are there but disabled.
import { useState } from 'preact/hooks'
import { describeError, request, type Execution, type Schedule } from './api'
import { Link, pathOf } from './router'
import { useSession } from './ui'

/** The record's `state` (CONTRACT §12) when the server sends it, else what `enabled` and `next_run_at` imply. */
export function stateOf (schedule: Schedule): 'active' | 'paused' | 'ended' {
  if (schedule.state !== undefined) return schedule.state
  if (!schedule.enabled) return 'paused'
  return schedule.next_run_at === null ? 'ended' : 'active'
}

const path = (id: string) => `/v1/recurring/${encodeURIComponent(id)}`

export interface ScheduleActionsProps {
  schedule: Schedule
  etag?: string | null
  confirm: (message: string, confirmLabel: string) => Promise<boolean>
  onChanged: (schedule: Schedule) => void
  onDeleted: (id: string) => void
  onTriggered?: (execution: Execution) => void
}

export function ScheduleActions ({ schedule, etag, confirm, onChanged, onDeleted, onTriggered }: ScheduleActionsProps) {
  const { can, announce } = useSession()
  const [busy, setBusy] = useState(false)
  const writable = can('write:recurring')
  const title = writable ? undefined : 'Needs the write:recurring scope'

  // Errors are shown, never thrown: a click handler has no one to hand them to.
  function act (what: string, run: () => Promise<void>): void {
    setBusy(true)
    run()
      .catch((error: unknown) => announce(<span class='error'>{what} {schedule.id} failed: {describeError(error)}</span>))
      .finally(() => setBusy(false))
  }

  const setEnabled = (enabled: boolean) => act(enabled ? 'Resume' : 'Pause', async () => {
    const { body } = await request<Schedule>('PATCH', path(schedule.id), { body: { enabled }, ifMatch: etag ?? null })
    onChanged(body)
    announce(`${enabled ? 'Resumed' : 'Paused'} ${schedule.id}`)
  })

  const runNow = () => act('Run now', async () => {
    const { body } = await request<Execution>('POST', `${path(schedule.id)}/trigger`)
    onTriggered?.(body)
    announce(<>Enqueued an execution of {schedule.id}: <Link to={pathOf('executions', body.id)}>View execution</Link></>)
  })

  const remove = () => act('Delete', async () => {
    const ok = await confirm(`Delete schedule ${schedule.id}? It stops for good; its executions are kept.`, 'Delete')
    if (!ok) return
    await request('DELETE', path(schedule.id), { ifMatch: etag ?? null })
    onDeleted(schedule.id)
    announce(`Deleted ${schedule.id}`)
  })

  const disabled = !writable || busy
  return (
    <div class='row-actions'>
      {schedule.enabled
        ? <button type='button' disabled={disabled} title={title} onClick={() => setEnabled(false)}>Pause</button>
        : <button type='button' disabled={disabled} title={title} onClick={() => setEnabled(true)}>Resume</button>}
      <button type='button' disabled={disabled} title={title} onClick={runNow}>Run now</button>
      <button type='button' class='danger' disabled={disabled} title={title} onClick={remove}>Delete</button>
    </div>
  )
}
