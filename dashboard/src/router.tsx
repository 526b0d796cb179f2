// Every page has its own URL under /dashboard (the service answers index.html for all of them). Links are real
// <a href> elements, so they work with the keyboard, open in a new tab and survive a reload; a plain click is
// handled here with history.pushState instead of a full page load.
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'

export const BASE = '/dashboard'

export interface Location { path: string, search: URLSearchParams }

function current (): Location {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname
  return { path: path === '' ? '/' : path, search: new URLSearchParams(window.location.search) }
}

const listeners = new Set<() => void>()
window.addEventListener('popstate', () => { for (const l of listeners) l() })

/** Go to a dashboard path ('/schedules/x?y=1'); `replace` keeps the history entry (filters typed in a box). */
export function navigate (to: string, options: { replace?: boolean } = {}): void {
  const url = BASE + to
  if (options.replace === true) window.history.replaceState(null, '', url)
  else window.history.pushState(null, '', url)
  for (const l of listeners) l()
  if (options.replace !== true) window.scrollTo(0, 0)
}

export function useLocation (): Location {
  const [location, setLocation] = useState(current)
  useEffect(() => {
    const update = () => setLocation(current())
    listeners.add(update)
    return () => { listeners.delete(update) }
  }, [])
  return location
}

/** `/schedules/{id}` from an id that may hold ':' or '.'. */
export function pathOf (...segments: string[]): string {
  return '/' + segments.map((s) => encodeURIComponent(s)).join('/')
}

interface LinkProps { to: string, children?: ComponentChildren, class?: string, 'aria-label'?: string, 'aria-current'?: 'page' | undefined }

export function Link ({ to, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
  return <a href={BASE + to} onClick={onClick} {...rest}>{children}</a>
}

/** Matches '/schedules/:id' against a path; returns the decoded parameters or null. */
export function match (pattern: string, path: string): Record<string, string> | null {
  const want = pattern.replace(/\/+$/, '').split('/')
  const got = path.replace(/\/+$/, '').split('/')
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? ''
    const g = got[i] ?? ''
    if (w.startsWith(':')) {
      if (g === '') return null
      try { params[w.slice(1)] = decodeURIComponent(g) } catch { return null }
    } else if (w !== g) {
      return null
    }
  }
  return params
}
