// Every test owns its database. PGlite always runs, in memory, loaded from a migrated template dump (~0.4 s
// instead of ~2 s for a fresh instance + migrations), with the service's own start parameters (PGLITE_OPTIONS).
// PostgreSQL runs too when TEST_DATABASE_URL is set: each test gets its own database, copied from a migrated
// template database, and dropped afterwards.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import type { Test } from 'tap'
import { openDatabase, PGLITE_OPTIONS, type Database } from '../../src/db/connect.js'
import { migrateDatabase, migrationsFolder } from '../../src/db/migrate.js'

export type Engine = 'pglite' | 'postgres'

/** A dump is only good for the PGlite build that wrote it. */
const PGLITE_VERSION = (JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version

export interface TestDatabase {
  readonly engine: Engine
  readonly database: Database
  /** postgres:// URL of this test's own database (PostgreSQL only): lets a test open a second connection. */
  readonly url: string | undefined
}

export const postgresUrl = process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_DATABASE_URL !== ''
  ? process.env.TEST_DATABASE_URL
  : undefined

export function engines (): Engine[] {
  return postgresUrl === undefined ? ['pglite'] : ['pglite', 'postgres']
}

let pgliteTemplate: Promise<File | Blob> | undefined

// The migrated PGlite data directory, built once per migration set and kept in the OS temporary folder: building it
// costs 2–5 s (initdb + migrations), and every test file's process would otherwise pay that again.
async function pgliteDump (): Promise<File | Blob> {
  pgliteTemplate ??= (async () => {
    const migrator = createHash('sha256').update(readFileSync(new URL('../../src/db/migrate.ts', import.meta.url))).digest('hex').slice(0, 8)
    const file = join(tmpdir(), `recurring-jobs-pglite-${PGLITE_VERSION}-${migrationsHash()}-${migrator}.tar`)
    if (existsSync(file)) return new Blob([readFileSync(file)])
    const client = await PGlite.create(PGLITE_OPTIONS)
    const database = await openDatabase({ pglite: client })
    await migrateDatabase(database)
    const dump = await client.dumpDataDir('none')
    await client.close()
    // Written aside and renamed, so a process that reads it never sees half a file.
    const partial = `${file}.${process.pid}.partial`
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
    renameSync(partial, file)
    return dump
  })()
  return pgliteTemplate
}

function migrationsHash (): string {
  const hash = createHash('sha256')
  for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update(readFileSync(join(migrationsFolder, file)))
  }
  return hash.digest('hex').slice(0, 12)
}

function withDatabase (url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

let postgresTemplate: Promise<string> | undefined
let counter = 0

// Every database the harness creates is named after the database in TEST_DATABASE_URL (`test` → `test_tpl_…`,
// `test_t_…`), so two checkouts pointed at different databases of one server never touch each other's, and each
// template carries a comment naming its creator: only those are ever dropped.
const TEMPLATE_COMMENT = 'recurring-jobs test template'

function databasePrefix (): string {
  const name = decodeURIComponent(new URL(postgresUrl!).pathname.slice(1)) || 'postgres'
  return name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30)
}

function likePattern (text: string): string {
  return text.replace(/[\\_%]/g, (c) => `\\${c}`)
}

async function postgresTemplateName (admin: postgres.Sql): Promise<string> {
  postgresTemplate ??= (async () => {
    const prefix = `${databasePrefix()}_tpl_`
    const name = `${prefix}${migrationsHash()}`
    // Several test processes race to build the template: a session advisory lock makes them take turns
    // (CREATE DATABASE cannot run inside a transaction, so the lock is not a transaction lock).
    await admin`select pg_advisory_lock(7208311499)`
    try {
      const [exists] = await admin`select 1 from pg_database where datname = ${name}`
      if (exists === undefined) {
        // Templates of older migration sets are never used again; only the ones this harness made are dropped.
        const stale = await admin<Array<{ datname: string }>>`
          select datname from pg_database
          where datname like ${likePattern(prefix) + '%'} and datname <> ${name}
            and shobj_description(oid, 'pg_database') = ${TEMPLATE_COMMENT}`
        for (const { datname } of stale) {
          await admin.unsafe(`drop database if exists "${datname}" with (force)`)
        }
        await admin.unsafe(`drop database if exists "${name}_build" with (force)`)
        await admin.unsafe(`create database "${name}_build"`)
        const url = withDatabase(postgresUrl!, `${name}_build`)
        const database = await openDatabase({ url, max: 1 })
        await migrateDatabase(database, url)
        await database.close()
        await admin.unsafe(`comment on database "${name}_build" is '${TEMPLATE_COMMENT}'`)
        await admin.unsafe(`alter database "${name}_build" rename to "${name}"`)
      }
    } finally {
      await admin`select pg_advisory_unlock(7208311499)`
    }
    return name
  })()
  return postgresTemplate
}

export async function openTestDb (t: Test, engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const client = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: await pgliteDump() })
    const database = await openDatabase({ pglite: client })
    t.teardown(() => database.close())
    return { engine, database, url: undefined }
  }
  if (postgresUrl === undefined) throw new Error('TEST_DATABASE_URL is not set')
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} })
  const template = await postgresTemplateName(admin)
  const name = `${databasePrefix()}_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`)
      break
    } catch (error) {
      // "source database is being accessed by other users": another process is copying it right now.
      if (attempt >= 20) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200))
    }
  }
  const url = withDatabase(postgresUrl, name)
  const database = await openDatabase({ url, max: 10 })
  t.teardown(async () => {
    await database.close()
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.end({ timeout: 5 })
  })
  return { engine, database, url }
}

/** Runs fn once per engine as a subtest named `[pglite]` / `[postgres]`. */
export async function eachDatabase (t: Test, fn: (t: Test, db: TestDatabase) => Promise<void>): Promise<void> {
  for (const engine of engines()) {
    await t.test(`[${engine}]`, async (t) => {
      await fn(t, await openTestDb(t, engine))
    })
  }
}
