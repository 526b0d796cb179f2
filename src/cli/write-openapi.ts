// `npm run openapi`: builds the app on an in-memory database and writes openapi/openapi.json.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../app.js'
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/connect.js'
import { openApiText } from '../plugins/openapi.js'
import { systemClock } from '../time/clock.js'

/** The config the committed document is generated with: every optional surface (admin API) switched on. */
export const OPENAPI_CONFIG = loadConfig({ DATABASE_URL: 'memory://', ADMIN_TOKEN: 'openapi-generation-only', SCHEDULER: 'off', LOG_LEVEL: 'silent' })

export const openApiPath = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url))

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const database = await openDatabase({ url: 'memory://' })
  const app = await buildApp({ config: OPENAPI_CONFIG, database, clock: systemClock }, { logger: false })
  await app.ready()
  writeFileSync(openApiPath, openApiText(app))
  await app.close()
  await database.close()
  console.log(`wrote ${openApiPath}`)
}
