// The shell: sign-in by pasting an API key (checked with GET /v1/me, which also says what the key may do), the
// navigation, a live region for what an action did, and the page of the current URL, loaded on demand so a
// page downloads only its own code.
import type { ComponentChildren, ComponentType } from 'preact'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { ApiError, describeError, forgetKey, onUnauthorized, request, storedKey, storeKey, type Me, type Scope } from './api'
import { Link, match, useLocation } from './router'
import { SessionContext, type Session } from './ui'

type Loader = () => Promise<ComponentType<any>>

interface Route { pattern: string, title: string, section: string, load: Loader }

const ROUTES: Route[] = [
  { pattern: '/', title: 'Schedules', section: 'schedules', load: async () => (await import('./pages/schedules')).default },
  { pattern: '/schedules', title: 'Schedules', section: 'schedules', load: async () => (await import('./pages/schedules')).default },
  { pattern: '/schedules/:id', title: 'Schedule', section: 'schedules', load: async () => (await import('./pages/schedule')).default },
  { pattern: '/executions', title: 'Executions', section: 'executions', load: async () => (await import('./pages/executions')).default },
  { pattern: '/executions/:id', title: 'Execution', section: 'executions', load: async () => (await import('./pages/executions')).ExecutionPage },
  { pattern: '/series', title: 'Series', section: 'series', load: async () => (await import('./pages/series')).default },
  { pattern: '/series/:id', title: 'Series', section: 'series', load: async () => (await import('./pages/series')).SeriesDetailPage },
  { pattern: '/overview', title: 'Overview', section: 'overview', load: async () => (await import('./pages/overview')).default }
]

const NAV = [
  { to: '/schedules', label: 'Schedules', section: 'schedules' },
  { to: '/executions', label: 'Executions', section: 'executions' },
  { to: '/series', label: 'Series', section: 'series' },
  { to: '/overview', label: 'Overview', section: 'overview' }
]

function resolve (path: string): { route: Route, params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = match(route.pattern, path)
    if (params !== null) return { route, params }
  }
  return null
}

const loaded = new Map<Loader, ComponentType<any>>()

function LazyPage ({ load, params }: { load: Loader, params: Record<string, string> }) {
  const [component, setComponent] = useState<ComponentType<any> | undefined>(() => loaded.get(load))
  const [error, setError] = useState<unknown>(undefined)
  useEffect(() => {
    const known = loaded.get(load)
    if (known !== undefined) { setComponent(() => known); return }
    setComponent(undefined)
    let live = true
    load().then((c) => { loaded.set(load, c); if (live) setComponent(() => c) }, (e: unknown) => { if (live) setError(e) })
    return () => { live = false }
  }, [load])
  if (error !== undefined) return <p class='error' role='alert'>This page could not be loaded: {(error as Error).message}</p>
  if (component === undefined) return <p class='muted' role='status'>Loading…</p>
  const Page = component
  return <Page {...params} />
}

function SignIn ({ onSignedIn, reason }: { onSignedIn: (key: string, me: Me) => void, reason: string | null }) {
  const [key, setKey] = useState('')
  const [error, setError] = useState<string | null>(reason)
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    const trimmed = key.trim()
    if (trimmed === '') { setError('Paste an API key first.'); return }
    setBusy(true)
    try {
      const { body } = await request<Me>('GET', '/v1/me', { key: trimmed })
      onSignedIn(trimmed, body)
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'The service does not accept this key.' : describeError(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <main id='main' class='sign-in'>
      <h1>recurring-jobs</h1>
      <form onSubmit={(e) => { submit(e).catch(() => undefined) }} class='card'>
        <h2>Sign in</h2>
        <p>Paste an API key (<code>zoop_uk_…</code> or <code>zoop_tk_…</code>). It stays in this tab only (session storage) and is sent only to this service.</p>
        <label for='api-key'>API key</label>
        <input id='api-key' type='password' value={key} autocomplete='off' spellcheck={false} required aria-describedby={error === null ? undefined : 'sign-in-error'} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
        {error !== null && <p id='sign-in-error' class='error' role='alert'>{error}</p>}
        <button type='submit' disabled={busy}>Sign in</button>
      </form>
    </main>
  )
}

export function App () {
  const location = useLocation()
  const [me, setMe] = useState<Me | null>(null)
  const [checking, setChecking] = useState(storedKey() !== null)
  const [reason, setReason] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState<{ id: number, content: ComponentChildren } | null>(null)

  useEffect(() => onUnauthorized(() => {
    forgetKey()
    setMe(null)
    setReason('The service no longer accepts this key: sign in again.')
  }), [])

  useEffect(() => {
    if (storedKey() === null) return
    request<Me>('GET', '/v1/me').then(({ body }) => setMe(body), (e: unknown) => {
      if (!(e instanceof ApiError && e.status === 401)) setReason(describeError(e))
    }).finally(() => setChecking(false))
  }, [])

  const session = useMemo<Session | null>(() => me === null
    ? null
    : {
        me,
        can: (scope: Scope) => me.scopes.includes(scope),
        signOut: () => { forgetKey(); setMe(null); setReason(null) },
        announce: (content: ComponentChildren) => setAnnouncement((a) => ({ id: (a?.id ?? 0) + 1, content }))
      }, [me])

  const resolved = resolve(location.path)
  useEffect(() => {
    document.title = `${resolved?.route.title ?? 'Not found'} · recurring-jobs`
  }, [resolved?.route.title])

  // After following a link, keyboard and screen-reader users land on the new page's content, not on the link.
  const [firstPath] = useState(location.path)
  useEffect(() => {
    if (location.path !== firstPath) document.getElementById('main')?.focus()
  }, [location.path])

  if (checking) return <main id='main'><p class='muted' role='status'>Checking the key…</p></main>
  if (session === null) {
    return <SignIn reason={reason} onSignedIn={(key, body) => { storeKey(key); setReason(null); setMe(body) }} />
  }

  return (
    <SessionContext.Provider value={session}>
      <a class='skip-link' href='#main'>Skip to content</a>
      <header class='top'>
        <span class='brand'>recurring-jobs</span>
        <nav aria-label='Main'>
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={resolved?.route.section === item.section ? 'page' : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <span class='who'>
          <span class='muted'>{session.me.kind} key <code>{session.me.key_id.slice(0, 8)}</code></span>
          <button type='button' onClick={() => session.signOut()}>Sign out</button>
        </span>
      </header>
      <main id='main' tabIndex={-1}>
        <div class='announcement' role='status' aria-live='polite'>{announcement !== null && <p key={announcement.id}>{announcement.content}</p>}</div>
        {resolved === null
          ? <><h1>Not found</h1><p>No dashboard page at this address. <Link to='/schedules'>Schedules</Link></p></>
          : <LazyPage key={resolved.route.pattern + JSON.stringify(resolved.params)} load={resolved.route.load} params={resolved.params} />}
      </main>
    </SessionContext.Provider>
  )
}
