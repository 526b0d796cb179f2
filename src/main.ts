// Process entry: loadConfig → openDatabase → migrate → bootstrap → buildApp → background loops → listen.
// SIGTERM/SIGINT: stop accepting, finish in-flight requests, stop the scheduler, close the database — within 10 s.
import { buildApp } from './app.js'
import { bootstrap } from './auth/bootstrap.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { openDatabase, type Database } from './db/connect.js'
import { DataDirInUseError, lockDataDir } from './db/data-dir-lock.js'
import { CLOCK_SYNC_INTERVAL_MS, databaseClock } from './db/clock.js'
import { migrateDatabase } from './db/migrate.js'
import { systemClock } from './time/clock.js'

const SHUTDOWN_DEADLINE_MS = 10_000

async function openMigrated (config: Config, log: (message: string) => void): Promise<Database> {
  // The database may still be starting (a container next to ours): retry for a minute before giving up.
  const deadline = Date.now() + 60_000
  for (let attempt = 1; ; attempt++) {
    try {
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
      try {
        await migrateDatabase(database, config.databaseUrl)
        return database
      } catch (error) {
        await database.close()
        throw error
      }
    } catch (error) {
      if (Date.now() > deadline) throw error
      log(`database not ready (attempt ${attempt}: ${(error as Error).message}); retrying`)
      await systemClock.sleep(Math.min(500 * 2 ** attempt, 5000))
    }
  }
}

async function main (): Promise<void> {
  let config: Config
  try {
    config = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
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

main().catch((error: unknown) => {
  console.error('recurring-jobs failed to start:', error)
  process.exit(1)
})
