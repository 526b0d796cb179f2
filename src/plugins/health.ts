// CONTRACT §9: /healthz (process up) and /readyz (database reachable, migrations applied). No key needed.
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

export function registerHealth (app: FastifyInstance, database: Database): void {
  const expected = expectedMigrations()
  const tags = ['operations']

  app.get('/healthz', {
    schema: { operationId: 'getHealth', summary: 'The process is up', tags, security: [], response: { 200: Status } }
  }, async () => ({ status: 'ok' as const }))

  app.get('/readyz', {
    schema: { operationId: 'getReadiness', summary: 'The database is reachable and migrated', tags, security: [], response: { 200: Status, ...errorResponses() } }
  }, async () => {
    const [row] = await queryRows<{ applied: number }>(database.db, sql`select count(*)::int as applied from drizzle.__drizzle_migrations`)
    if ((row?.applied ?? 0) < expected) {
      throw new ApiError('unavailable', `Database migrations are not applied (${row?.applied ?? 0} of ${expected})`)
    }
    return { status: 'ok' as const }
  })
}
