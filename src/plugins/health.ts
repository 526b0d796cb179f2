// docs/contract.md §9: /healthz (process up) and /readyz (database reachable, migrations applied). No key needed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { queryRows, type Database } from '../db/connect.js'
import { migrationsFolder } from '../db/migrate.js'
import { ApiError } from '../errors.js'
import { errorResponses } from '../schemas/common.js'

const Status = Type.Object({ status: Type.Literal('ok') }, { $id: 'HealthStatus', examples: [{ status: 'ok' }] })

function expectedMigrations (): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  return journal.entries.length
}

const READY_DEADLINE_MS = 900

export function registerHealth (app: FastifyInstance, database: Database): void {
  const expected = expectedMigrations()
  const tags = ['operations']

  app.get('/healthz', {
    schema: { operationId: 'getHealth', summary: 'The process is up', tags, security: [], response: { 200: Status } }
  }, async () => ({ status: 'ok' as const }))

  app.get('/readyz', {
    schema: { operationId: 'getReadiness', summary: 'The database is reachable and migrated', tags, security: [], response: { 200: Status, ...errorResponses() } }
  }, async () => {
    // docs/contract.md §10: /readyz answers within 1 s even while the database stops answering.
    let timer: NodeJS.Timeout | undefined
    const [row] = await Promise.race([
      queryRows<{ applied: number }>(database.db, sql`select count(*)::int as applied from drizzle.__drizzle_migrations`),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new ApiError('unavailable', 'The database is unavailable; try again shortly')), READY_DEADLINE_MS)
      })
    ]).finally(() => clearTimeout(timer))
    if ((row?.applied ?? 0) < expected) {
      throw new ApiError('unavailable', `Database migrations are not applied (${row?.applied ?? 0} of ${expected})`)
    }
    return { status: 'ok' as const }
  })
}
