// Small building blocks shared by the pages: loading a resource, the signed-in key's scopes, status badges,
// times, notices and the confirmation dialog.
import { createContext, type ComponentChildren } from 'preact'
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, describeError, type Me, type Scope } from './api'
import { formatInZone, relativeTo } from './time'

export interface Session { me: Me, can: (scope: Scope) => boolean, signOut: () => void, announce: (message: ComponentChildren) => void }
export const SessionContext = createContext<Session | null>(null)

export function useSession (): Session {
  const session = useContext(SessionContext)
  if (session === null) throw new Error('no session')
  return session
}

export interface Resource<T> { data: T | undefined, error: unknown, loading: boolean, reload: () => void }

/** Loads once per change of `key`; `reload()` loads again keeping the old data on screen meanwhile. */
export function useResource<T> (load: (signal: AbortSignal) => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined, error: unknown, loading: boolean }>({ data: undefined, error: undefined, loading: true })
  const [generation, setGeneration] = useState(0)
  const loader = useRef(load)
  loader.current = load
  useEffect(() => {
    const controller = new AbortController()
    setState((s) => ({ ...s, loading: true }))
    loader.current(controller.signal).then(
      (data) => { if (!controller.signal.aborted) setState({ data, error: undefined, loading: false }) },
      (error: unknown) => { if (!controller.signal.aborted) setState((s) => ({ data: s.data, error, loading: false })) }
    )
    return () => controller.abort()
  }, [key, generation])
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  return { ...state, reload }
}

/** Now, in milliseconds, refreshed every `everyMs` so relative times stay true. */
export function useNow (everyMs = 15_000): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

export function Loading ({ what }: { what: string }) {
  return <p class='muted' role='status'>Loading {what}…</p>
}

export function ErrorNote ({ error, what }: { error: unknown, what: string }) {
  if (error instanceof ApiError && error.routeMissing) return <NotAvailable what={what} />
  return <p class='error' role='alert'>Could not load {what}: {describeError(error)}</p>
}

export function NotAvailable ({ what }: { what: string }) {
  return <p class='muted not-available'>{what[0]?.toUpperCase()}{what.slice(1)}: not available on this server.</p>
}

/** Says which scope is missing, once per page, so disabled controls are explained. */
export function ScopeNotice ({ scope, does }: { scope: Scope, does: string }) {
  const { can } = useSession()
  if (can(scope)) return null
  return <p class='notice'>This key has no <code>{scope}</code> scope: {does} are shown disabled.</p>
}

export function StatusBadge ({ status }: { status: string | null | undefined }) {
  if (status === null || status === undefined) return <span class='muted'>—</span>
  return <span class={`badge status-${status}`}>{status.replace('_', ' ')}</span>
}

export function TimeInZone ({ instant, zone, now }: { instant: string | null | undefined, zone: string, now: number }) {
  if (instant === null || instant === undefined) return <span class='muted'>—</span>
  return (
    <span class='time'>
      <time dateTime={instant}>{formatInZone(instant, zone)}</time>
      <span class='relative'>{relativeTo(instant, now)}</span>
    </span>
  )
}

export function Json ({ value, label }: { value: unknown, label: string }) {
  return <pre class='json' tabIndex={0} aria-label={label}>{JSON.stringify(value, null, 2)}</pre>
}

/** A wide table on a narrow screen scrolls inside this region, which the keyboard can reach. */
export function TableScroll ({ label, children }: { label: string, children: ComponentChildren }) {
  return <div class='table-scroll' role='region' aria-label={label} tabIndex={0}>{children}</div>
}

interface ConfirmState { message: string, confirmLabel: string, resolve: (ok: boolean) => void }

/**
 * A modal <dialog>: focus moves into it, Escape cancels, and the page behind is inert. `confirm()` resolves true
 * only when the person presses the confirming button.
 */
export function useConfirm (): [(message: string, confirmLabel: string) => Promise<boolean>, ComponentChildren] {
  const [state, setState] = useState<ConfirmState | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    if (state !== null && dialog.current !== null && !dialog.current.open) dialog.current.showModal()
  }, [state])
  const close = (ok: boolean) => {
    dialog.current?.close()
    state?.resolve(ok)
    setState(null)
  }
  const confirm = useCallback((message: string, confirmLabel: string) =>
    new Promise<boolean>((resolve) => setState({ message, confirmLabel, resolve })), [])
  const element = state === null
    ? null
    : (
      <dialog ref={dialog} class='confirm' aria-labelledby='confirm-message' onCancel={(e) => { e.preventDefault(); close(false) }}>
        <p id='confirm-message'>{state.message}</p>
        <div class='actions'>
          <button type='button' class='danger' onClick={() => close(true)}>{state.confirmLabel}</button>
          <button type='button' autoFocus onClick={() => close(false)}>Cancel</button>
        </div>
      </dialog>
      )
  return [confirm, element]
}

export function Field ({ name, children }: { name: string, children: ComponentChildren }) {
  return <><dt>{name}</dt><dd>{children}</dd></>
}
