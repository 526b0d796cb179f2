// npm run screenshots: starts the service on an in-memory database with demo data, opens the Schedules page in
// Debian's chromium and writes docs/images/dashboard-schedules.png (the image the README shows).
// Usage: tsx dashboard/screenshots.ts [--out FILE] [--width PX] [--height PX]
import { mkdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { launchChromium, seedDemo, startService } from '../test/dashboard/harness.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, 'docs', 'images', 'dashboard-schedules.png') },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '760' },
    help: { type: 'boolean', default: false }
  }
})
if (values.help) {
  console.log('Usage: tsx dashboard/screenshots.ts [--out FILE] [--width PX] [--height PX]\n' +
    'Writes a screenshot of the dashboard Schedules page (demo data, in-memory database) to FILE\n' +
    '(default docs/images/dashboard-schedules.png). Needs chromium (apt-get install chromium, or CHROMIUM_PATH).')
  process.exit(0)
}

const service = await startService()
try {
  await seedDemo(service)
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({ viewport: { width: Number(values.width), height: Number(values.height) }, locale: 'en-GB', timezoneId: 'Europe/Paris' })
    await context.addInitScript((key: string) => { (globalThis as any).sessionStorage.setItem('recurring-jobs.api-key', key) }, service.token)
    const page = await context.newPage()
    await page.goto(`${service.baseUrl}/dashboard/schedules`)
    await page.getByRole('table', { name: 'Schedules' }).waitFor()
    mkdirSync(dirname(values.out), { recursive: true })
    await page.screenshot({ path: values.out })
    console.log(`wrote ${relative(process.cwd(), values.out)}`)
  } finally {
    await browser.close()
  }
} finally {
  await service.close()
}
