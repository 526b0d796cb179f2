// The dashboard in a real browser (Debian's chromium driven by playwright-core) against the real service on a
// real port: sign in, list, filter, pause/resume, run now and see the execution, delete with confirmation, the
// cron editor's preview, every page by URL, on a phone too. On every page axe-core finds no serious or critical
// violation, no request leaves the service's origin, and the CSP is never violated. Screenshots of each page go
// to the folder printed at the start.
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import axe from 'axe-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import t, { type Test } from 'tap'
import { DASHBOARD_CSP } from '../../src/dashboard/routes.js'
import { engines, openTestDb, type Engine } from '../helpers/db.js'
import { apiClient, chromiumPath, launchChromium, seedDemo, startService, type Demo, type Service } from './harness.js'

// Browser globals, used only inside functions that page.evaluate runs in the page (this file compiles for Node).
declare const window: any
declare const document: any
declare const sessionStorage: Record<string, string>
declare const localStorage: { length: number }

const chromium = chromiumPath()
const SCREENSHOTS = join(tmpdir(), 'recurring-jobs-dashboard-screenshots')

interface Watched {
  context: BrowserContext
  page: Page
  /** Requests the page tried to send anywhere but the service. */
  outside: string[]
  /** Script errors, and CSP violations reported by the page. */
  problems: string[]
}

async function open (browser: Browser, service: Service, viewport = { width: 1440, height: 1000 }): Promise<Watched> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/Paris' })
  const origin = new URL(service.baseUrl).origin
  const outside: string[] = []
  const problems: string[] = []
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (new URL(url).origin === origin) return route.continue()
    outside.push(url)
    return route.abort()
  })
  // Runs before the page's own scripts; DevTools evaluation is not subject to the page's CSP.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string, blockedURI: string }) => {
      (window as unknown as { cspViolations: string[] }).cspViolations ??= []
      ;(window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`)
  })
  return { context, page, outside, problems }
}

async function cspViolations (page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axeViolations (page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined')
  if (!hasAxe) await page.evaluate(axe.source)
  const results = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run
    const r = await run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }))
  })
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact ?? ''}): ${v.nodes.join(', ')}`)
}

async function checkPage (t: Test, w: Watched, name: string, folder: string): Promise<void> {
  t.strictSame(await axeViolations(w.page), [], `${name}: axe finds no serious or critical violation`)
  await w.page.screenshot({ path: join(folder, `${name}.png`), fullPage: true })
}

function scheduleRow (page: Page, id: string) {
  return page.getByRole('table', { name: 'Schedules' }).getByRole('row').filter({ has: page.getByRole('link', { name: id, exact: true }) })
}

async function signIn (page: Page, baseUrl: string, token: string, path = '/dashboard'): Promise<void> {
  await page.goto(baseUrl + path)
  await page.getByLabel('API key').fill(token)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
}

async function fullFlow (t: Test, service: Service, demo: Demo, browser: Browser, folder: string): Promise<void> {
  const call = apiClient(service.baseUrl, service.token)
  const w = await open(browser, service)
  const { page } = w
  t.teardown(() => w.context.close())

  await t.test('GET /dashboard answers the app with the strict CSP', async (t) => {
    const response = await page.goto(service.baseUrl + '/dashboard')
    t.equal(response?.status(), 200)
    t.equal(response?.headers()['content-security-policy'], DASHBOARD_CSP)
    t.notMatch(DASHBOARD_CSP, /unsafe-inline|unsafe-eval/)
    await page.getByLabel('API key').waitFor()
    await checkPage(t, w, 'sign-in', folder)
  })

  await t.test('a wrong key is refused; the right one signs in and is kept in sessionStorage only', async (t) => {
    await page.getByLabel('API key').fill('zoop_uk_this_key_does_not_exist_at_all_0000')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'does not accept this key' }).waitFor()
    await page.getByLabel('API key').fill(service.token)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const table = page.getByRole('table', { name: 'Schedules' })
    await table.waitFor()
    const storage = await page.evaluate(() => ({ session: Object.values(sessionStorage), local: localStorage.length }))
    t.strictSame(storage, { session: [service.token], local: 0 })
    t.equal(await table.getByRole('row').count(), 1 + demo.scheduleIds.length, 'a header row and one row per schedule')
    for (const id of demo.scheduleIds) t.equal(await table.getByRole('link', { name: id, exact: true }).count(), 1, `${id} is a link named by its id`)
    const daily = scheduleRow(page, 'rjob_daily_cleanup')
    t.match(await daily.innerText(), /America\/New_York/)
    t.match(await daily.innerText(), /At 02:30/, 'cron in plain English')
    t.match(await daily.innerText(), /succeeded/, 'last execution status')
    t.match(await scheduleRow(page, 'rjob_nightly_export').innerText(), /paused/)
    for (const name of ['Schedules', 'Executions', 'Series', 'Overview']) {
      t.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).count(), 1, `navigation link ${name}`)
    }
    await checkPage(t, w, 'schedules', folder)
  })

  await t.test('the Filter search box narrows the table and lives in the URL', async (t) => {
    await page.getByRole('searchbox', { name: 'Filter' }).fill('invoice')
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Schedules"] tbody tr').length === 1)
    t.match(page.url(), /\/dashboard\/schedules\?q=invoice$/)
    await page.getByRole('searchbox', { name: 'Filter' }).fill('')
    await page.waitForFunction((n) => document.querySelectorAll('table[aria-label="Schedules"] tbody tr').length === n, demo.scheduleIds.length)
  })

  await t.test('Pause and Resume change the schedule through the API', async (t) => {
    const row = scheduleRow(page, 'rjob_daily_cleanup')
    await row.getByRole('button', { name: 'Pause', exact: true }).click()
    await row.getByRole('button', { name: 'Resume', exact: true }).waitFor()
    t.match(await row.innerText(), /paused/)
    t.equal((await call('GET', '/v1/recurring/rjob_daily_cleanup')).enabled, false)
    await row.getByRole('button', { name: 'Resume', exact: true }).click()
    await row.getByRole('button', { name: 'Pause', exact: true }).waitFor()
    t.equal((await call('GET', '/v1/recurring/rjob_daily_cleanup')).enabled, true)
  })

  await t.test('Run now enqueues an execution the page links to', async (t) => {
    await scheduleRow(page, 'rjob_daily_cleanup').getByRole('button', { name: 'Run now', exact: true }).click()
    await page.getByRole('status').getByRole('link', { name: 'View execution' }).click()
    await page.getByRole('heading', { name: /^Execution / }).waitFor()
    const id = decodeURIComponent(page.url().split('/').pop() ?? '')
    const execution = await call('GET', `/v1/executions/${id}`)
    t.equal(execution.recurring_id, 'rjob_daily_cleanup')
    t.equal(execution.trigger, 'manual')
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Loading'))
    const text = await page.getByRole('main').innerText()
    t.match(text, /queued/)
    t.match(text, /manual/)
    t.match(text, /0 of 3/, 'attempts')
    await checkPage(t, w, 'execution', folder)
  })

  await t.test('Delete asks first; Cancel keeps the schedule, Delete removes it', async (t) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click()
    const row = scheduleRow(page, 'rjob_quarter_close')
    await row.getByRole('button', { name: 'Delete', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    t.match(await dialog.innerText(), /Delete schedule rjob_quarter_close\?/)
    t.strictSame(await axeViolations(page), [], 'the open dialog passes axe')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    t.equal((await call('GET', '/v1/recurring/rjob_quarter_close')).id, 'rjob_quarter_close')
    await row.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click()
    await row.waitFor({ state: 'detached' })
    await call('GET', '/v1/recurring/rjob_quarter_close', undefined, [404])
    t.pass('deleted through the API')
  })

  await t.test('Schedule: record, 20 upcoming occurrences with the DST shifts marked, executions, ledger and history', async (t) => {
    await page.goto(service.baseUrl + '/dashboard/schedules/rjob_monthly_invoices')
    const upcoming = page.getByRole('list', { name: 'Upcoming occurrences' })
    await upcoming.waitFor()
    t.equal(await upcoming.getByRole('listitem').count(), 20)
    // Monthly at 09:00 Europe/Berlin: 20 months always cross a change between UTC+01:00 and UTC+02:00.
    t.ok(await upcoming.getByText(/DST shift: UTC\+01:00 → UTC\+02:00/).count() >= 1, 'spring shift marked')
    t.ok(await upcoming.getByText(/DST shift: UTC\+02:00 → UTC\+01:00/).count() >= 1, 'autumn shift marked')
    await page.getByRole('table', { name: 'Recent executions' }).waitFor()
    const main = page.getByRole('main')
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Loading'))
    const text = await main.innerText()
    t.match(text, /Billing\.Invoices\.Issue/)
    t.match(text, /Europe\/Berlin/)
    // The ledger: a timeline of exactly the occurrences GET …/occurrences lists for the last 7 days.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString()
    const ledger = await call('GET', `/v1/recurring/rjob_monthly_invoices/occurrences?from=${weekAgo}&to=${new Date().toISOString()}`)
    const timeline = page.getByRole('img', { name: /^Timeline of \d+ occurrences over the last 7 days/ })
    t.equal(await timeline.count(), 1, 'the ledger is drawn as a timeline')
    t.match(await timeline.getAttribute('aria-label'), new RegExp(`^Timeline of ${ledger.data.length as number} occurrences`))
    t.equal(await page.getByRole('list', { name: 'Outcomes' }).getByRole('listitem').count(), 8, 'a legend entry per outcome of the ledger (8)')
    // The history: one row per entry of GET …/history, newest first, naming the action and the changed fields.
    const history = await call('GET', '/v1/recurring/rjob_monthly_invoices/history')
    const historyRows = page.getByRole('table', { name: 'Change history' }).locator('tbody tr')
    t.equal(await historyRows.count(), history.data.length)
    t.strictSame(history.data.map((h: { action: string }) => h.action), ['created'])
    t.match(await historyRows.first().innerText(), /created[\s\S]*cron_expression: null → "0 9 1 \* \*"/)
    await checkPage(t, w, 'schedule', folder)
  })

  await t.test('the cron editor previews through the API, refuses a bad expression, and saves', async (t) => {
    const input = page.getByLabel('Cron expression')
    await input.fill('99 * * * *')
    await page.locator('.preview .error').waitFor()
    t.ok(await page.getByRole('button', { name: 'Save' }).isDisabled(), 'no saving a refused expression')
    await input.fill('0 10 1 * *')
    const preview = page.getByRole('list', { name: 'Preview of the next occurrences' })
    await preview.getByText(/10:00:00/).first().waitFor()
    t.equal(await preview.getByRole('listitem').count(), 5)
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').getByText('Saved rjob_monthly_invoices').waitFor()
    t.equal((await call('GET', '/v1/recurring/rjob_monthly_invoices')).cron_expression, '0 10 1 * *')
    const historyRows = page.getByRole('table', { name: 'Change history' }).locator('tbody tr')
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Change history"] tbody tr').length === 2)
    t.match(await historyRows.first().innerText(), /updated[\s\S]*cron_expression: "0 9 1 \* \*" → "0 10 1 \* \*"/, 'the save is the newest history entry')
  })

  await t.test('a save over a change made elsewhere is refused with 412 and says so; nothing is overwritten', async (t) => {
    // Another client changes the schedule after the page loaded it: the page's If-Match no longer matches.
    await call('PATCH', '/v1/recurring/rjob_monthly_invoices', { queue: 'billing-eu' })
    await page.getByLabel('Cron expression').fill('0 11 1 * *')
    await page.getByRole('list', { name: 'Preview of the next occurrences' }).getByText(/11:00:00/).first().waitFor()
    await page.getByRole('button', { name: 'Save' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'changed since this page loaded it' })
    await alert.waitFor()
    t.equal(await alert.innerText(), 'The schedule changed since this page loaded it: reload to see the new version.')
    const stored = await call('GET', '/v1/recurring/rjob_monthly_invoices')
    t.equal(stored.cron_expression, '0 10 1 * *', 'the refused save changed nothing')
    t.equal(stored.queue, 'billing-eu', "the other client's change is kept")
  })

  await t.test('Executions: filters by status, queue and schedule; detail shows payload, attempts and last error', async (t) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Executions' }).click()
    await page.getByRole('table', { name: 'Executions' }).waitFor()
    await checkPage(t, w, 'executions', folder)
    await page.getByLabel('Status').selectOption('failed')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/status=failed/)
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Executions"] tbody tr').length === 1)
    await page.getByLabel('Queue').fill('maintenance')
    await page.getByLabel('Status').selectOption('')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/queue=maintenance/)
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Executions"] tbody tr').length === 2)
    await page.goto(`${service.baseUrl}/dashboard/executions?recurring_id=rjob_weekly_report`)
    const rows = page.getByRole('table', { name: 'Executions' }).locator('tbody tr')
    await rows.first().waitFor()
    t.equal(await rows.count(), 1)
    await rows.first().getByRole('link').click()
    await page.getByText('upstream answered 502 Bad Gateway').first().waitFor()
    const text = await page.getByRole('main').innerText()
    t.match(text, /failed/)
    t.match(text, /1 of 1/)
    await checkPage(t, w, 'execution-failed', folder)
  })

  await t.test('Series: a list of links named by title; the detail is a month calendar coloured by status', async (t) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Series' }).click()
    await page.getByRole('table', { name: 'Series' }).waitFor()
    await checkPage(t, w, 'series', folder)
    await page.getByRole('link', { name: demo.seriesTitle, exact: true }).click()
    const calendar = page.getByRole('table', { name: / calendar$/ })
    await calendar.waitFor()
    await calendar.getByText('done').first().waitFor()
    t.ok(await calendar.locator('.badge.status-scheduled').count() >= 1, 'scheduled instances')
    t.equal(await calendar.locator('.badge.status-done').count(), 1)
    t.equal(await calendar.locator('.badge.status-cancelled').count(), 1)
    await checkPage(t, w, 'series-detail', folder)
    await page.getByRole('link', { name: 'Next month' }).click()
    await page.waitForURL(/month=\d{4}-\d{2}/)
    await calendar.locator('.badge.status-scheduled').first().waitFor()
  })

  await t.test('Overview: backlog, lag and a chart of executions by status over 24 h', async (t) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click()
    await page.getByRole('heading', { name: /backlog/i }).waitFor()
    t.equal(await page.getByRole('heading', { name: /lag/i }).count(), 1)
    const chart = page.getByRole('img', { name: /^Bar chart of/ })
    await chart.locator('canvas').waitFor()
    t.match(await chart.getAttribute('aria-label') ?? '', /1 failed/)
    await checkPage(t, w, 'overview', folder)
  })

  await t.test('every page has its own URL, and an unknown one says so', async (t) => {
    await page.goto(service.baseUrl + '/dashboard/overview')
    await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor()
    await page.goto(service.baseUrl + '/dashboard/no-such-page')
    await page.getByRole('heading', { name: 'Not found' }).waitFor()
    t.pass()
  })

  await t.test('nothing left the origin, and the CSP was never violated', async (t) => {
    t.strictSame(w.outside, [])
    t.strictSame(w.problems, [])
    t.strictSame(await cspViolations(page), [])
  })
}

async function readOnlyFlow (t: Test, service: Service, browser: Browser, folder: string): Promise<void> {
  const token = await service.createKey(['read:recurring', 'read:job_series', 'read:jobs'])
  const w = await open(browser, service)
  t.teardown(() => w.context.close())
  const { page } = w
  await page.goto(service.baseUrl + '/dashboard/schedules')
  // By keyboard alone: Tab to the field, type, Enter submits.
  await page.getByLabel('API key').waitFor()
  for (let i = 0; i < 5 && !(await page.getByLabel('API key').evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab')
  await page.keyboard.type(token)
  await page.keyboard.press('Enter')
  const row = scheduleRow(page, 'rjob_daily_cleanup')
  await row.waitFor()
  for (const name of ['Pause', 'Run now', 'Delete']) {
    t.ok(await row.getByRole('button', { name, exact: true }).isDisabled(), `${name} is disabled without write:recurring`)
  }
  t.match(await page.getByRole('main').innerText(), /no write:recurring scope/)
  await page.goto(service.baseUrl + '/dashboard/schedules/rjob_daily_cleanup')
  await page.getByRole('list', { name: 'Upcoming occurrences' }).waitFor()
  t.ok(await page.getByRole('button', { name: 'Save' }).isDisabled(), 'Save is disabled without write:recurring')
  await checkPage(t, w, 'schedules-read-only', folder)
  t.strictSame(w.outside, [])
  t.strictSame(w.problems, [])
}

async function phoneFlow (t: Test, service: Service, browser: Browser, folder: string): Promise<void> {
  const w = await open(browser, service, { width: 390, height: 844 })
  t.teardown(() => w.context.close())
  const { page } = w
  await signIn(page, service.baseUrl, service.token, '/dashboard/schedules')
  await page.getByRole('table', { name: 'Schedules' }).waitFor()
  for (const path of ['/dashboard/schedules', '/dashboard/schedules/rjob_monthly_invoices', '/dashboard/executions', '/dashboard/overview']) {
    await page.goto(service.baseUrl + path)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Loading'))
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    t.ok(overflow <= 1, `${path}: the page itself does not scroll sideways on a phone (wide tables scroll in their region)`)
  }
  await page.goto(service.baseUrl + '/dashboard/schedules')
  await page.getByRole('table', { name: 'Schedules' }).waitFor()
  await checkPage(t, w, 'schedules-phone', folder)
}

t.test('dashboard in a real browser', { skip: chromium === undefined && 'no chromium here: apt-get install -y chromium (or set CHROMIUM_PATH)' }, async (t) => {
  const browser = await launchChromium()
  t.teardown(() => browser.close())
  t.comment(`screenshots: ${SCREENSHOTS}`)
  for (const engine of engines()) {
    await t.test(`[${engine}]`, async (t) => {
      const folder = join(SCREENSHOTS, engine)
      mkdirSync(folder, { recursive: true })
      const db = await openTestDb(t, engine as Engine)
      const service = await startService({ database: db.database })
      try {
        const demo = await seedDemo(service)
        await t.test('signed in with every scope', (t) => fullFlow(t, service, demo, browser, folder))
        await t.test('signed in with a read-only key, by keyboard: actions are disabled, not failing', (t) => readOnlyFlow(t, service, browser, folder))
        await t.test('on a phone', (t) => phoneFlow(t, service, browser, folder))
      } finally {
        await service.close()
      }
    })
  }
})
