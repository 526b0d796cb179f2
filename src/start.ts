// Everything of a start after the configuration (main.ts): openDatabase → migrate → bootstrap → buildApp →
// background loops → listen. SIGTERM/SIGINT: stop accepting, finish in-flight requests, stop the scheduler, close the
// database — within 10 s.
import { buildApp } from './app.js'
import { bootstrap } from './auth/bootstrap.js'
import type { Config } from './config.js'
import { isPostgresUrl, openDatabase, probePostgres, type Database } from './db/connect.js'
import { DataDirInUseError, lockDataDir } from './db/data-dir-lock.js'
import { CLOCK_SYNC_INTERVAL_MS, databaseClock } from './db/clock.js'
import { migrateDatabase } from './db/migrate.js'
import { unreachableReason } from './db/sql-errors.js'
import { systemClock } from './time/clock.js'

const SHUTDOWN_DEADLINE_MS = 10_000
/** A server that accepts the connection but does not answer this soon counts as unreachable for that attempt. */
const PROBE_TIMEOUT_MS = 3_000

/**
 * Opens and migrates the database. One that cannot be reached yet (a container starting beside ours, a database not
 * created yet) is retried, one line per attempt saying why, for STARTUP_TIMEOUT_SECONDS; then the process exits 1 with
 * that reason (docs/contract.md §10 "Configuration"). Any other failure is not retried.
 */
async function openMigrated (config: Config, log: (message: string) => void): Promise<Database> {
  const started = Date.now()
  const deadline = started + config.startupTimeoutSeconds * 1000
  for (let attempt = 1; ; attempt++) {
    try {
      if (isPostgresUrl(config.databaseUrl)) await probePostgres(config.databaseUrl!, Math.max(500, Math.min(PROBE_TIMEOUT_MS, deadline - Date.now())))
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
      try {
        await migrateDatabase(database, config.databaseUrl)
        return database
      } catch (error) {
        await database.close().catch(() => {})
        throw error
      }
    } catch (error) {
      const reason = unreachableReason(error)
      if (reason === null) throw error
      const elapsed = `${((Date.now() - started) / 1000).toFixed(1)} s`
      if (Date.now() >= deadline) {
        log(`database unreachable (attempt ${attempt}, ${elapsed}): ${reason}; giving up after STARTUP_TIMEOUT_SECONDS=${config.startupTimeoutSeconds}`)
        process.exit(1)
      }
      log(`database unreachable (attempt ${attempt}, ${elapsed}): ${reason}; retrying`)
      await systemClock.sleep(Math.min(500 * 2 ** (attempt - 1), 5000, deadline - Date.now()))
    }
  }
}

/** Opens the database, builds the app and listens; the process's signals stop it. */
export async function start (config: Config): Promise<void> {
  const started = Date.now()
  let releaseDataDir = () => {}
  if (config.databaseUrl === undefined) {
    try {
      releaseDataDir = lockDataDir(config.dataDir)
    } catch (error) {
      if (error instanceof DataDirInUseError) {
        console.error(error.message)
        process.exit(1)
      }
      throw error
    }
    process.on('exit', () => releaseDataDir())
  }
  const database = await openMigrated(config, (m) => console.error(m))
  // docs/contract.md §10: one clock for every instance — this process's clock corrected against the database's.
  const clock = await databaseClock(database, systemClock)
  const app = await buildApp({ config, database, clock })
  clock.startSynchronizing(CLOCK_SYNC_INTERVAL_MS, (error) => app.log.warn({ err: error }, 'could not measure the database clock; keeping the last offset'))
  app.addHook('onClose', async () => { clock.stopSynchronizing() })

  const result = await bootstrap(database.db, config.bootstrapApiKey)
  if (result.created && !result.fromEnv) {
    // Standard error, whatever LOG_LEVEL says (docs/contract.md §10): only the hash is stored, so a key nobody saw locks the
    // user out. It is the one line that shows a token, and it never goes through the logger.
    process.stderr.write(`First start: created tenant "default", team member "Owner" and a user-bound API key with every scope: ${result.token} — ` +
      `send it as "Authorization: Bearer ${result.token}". It is shown only this once and stored only as a hash: keep it now.\n`)
  } else if (result.created) {
    app.log.info('Registered BOOTSTRAP_API_KEY as a user-bound key of tenant "default" with every scope')
  }

  await app.listen({ port: config.port, host: config.host })
  app.log.info({ database: database.kind, startupMs: Date.now() - started }, 'recurring-jobs is ready')

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting')
      process.exit(1)
    }, SHUTDOWN_DEADLINE_MS)
    force.unref()
    // app.close stops accepting, waits for in-flight requests and runs onClose hooks (the scheduler stops there).
    app.close()
      .then(() => database.close())
      .then(() => { releaseDataDir(); clearTimeout(force); process.exit(0) })
      .catch((error: unknown) => { app.log.error({ err: error }, 'shutdown failed'); process.exit(1) })
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}
