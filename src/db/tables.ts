// The data model on one page. Every row carries tenant_id: nothing of one tenant is visible to another
// (docs/contract.md §2). Constraints are named because db/sql-errors.ts maps unique violations by name to the
// contract's error codes.
import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn, bigint, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique,
  uniqueIndex, uuid
} from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' })

// docs/contract.md §12 schedule controls and §13 outcomes.
export const OVERLAP_POLICIES = ['allow', 'skip', 'buffer_one', 'replace'] as const
export const MISFIRE_POLICIES = ['coalesce', 'all', 'skip'] as const
export const SCHEDULE_STATES = ['active', 'paused', 'ended'] as const
export const SKIP_OUTCOMES = ['skipped_overlap', 'skipped_misfire'] as const
export const HISTORY_ACTIONS = ['created', 'updated', 'deleted', 'paused', 'resumed', 'auto_paused'] as const

export const API_KEY_KINDS = ['user', 'tenant'] as const
export const EXECUTION_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const
export const EXECUTION_TRIGGERS = ['schedule', 'manual', 'backfill'] as const
export const JOB_STATUSES = ['unscheduled', 'scheduled', 'in_progress', 'done', 'cancelled'] as const
export const CANCEL_REASONS = ['user', 'series_updated', 'series_ended', 'series_split'] as const

/**
 * docs/contract.md §10: an enumerated column is also a CHECK in SQL, so no writer can store a value outside its set
 * (NULL passes a CHECK; nullability is the column's own NOT NULL).
 */
function oneOf (name: string, column: AnyPgColumn, values: readonly string[]) {
  const list = sql.join(values.map((v) => sql.raw(`'${v.replaceAll("'", "''")}'`)), sql`, `)
  return check(name, sql`${column} IN (${list})`)
}

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: createdAt()
})

export const teamMembers = pgTable('team_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  name: text('name').notNull(),
  email: text('email'),
  createdAt: createdAt()
}, (t) => [index('team_members_tenant_idx').on(t.tenantId)])

export const customers = pgTable('customers', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  name: text('name').notNull(),
  createdAt: createdAt()
}, (t) => [index('customers_tenant_idx').on(t.tenantId)])

export const catalogItems = pgTable('catalog_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  name: text('name').notNull(),
  unitPrice: money('unit_price'),
  createdAt: createdAt()
}, (t) => [index('catalog_items_tenant_idx').on(t.tenantId)])

// Tokens are never stored: token_hash is the SHA-256 of the whole token (auth/api-keys.ts).
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  kind: text('kind', { enum: API_KEY_KINDS }).notNull(),
  userId: uuid('user_id').references(() => teamMembers.id),
  name: text('name'),
  scopes: text('scopes').array().notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: createdAt(),
  revokedAt: instant('revoked_at')
}, (t) => [
  unique('api_keys_token_hash_unique').on(t.tokenHash),
  check('api_keys_kind_user', sql`(${t.kind} = 'user') = (${t.userId} IS NOT NULL)`),
  oneOf('api_keys_kind_check', t.kind, API_KEY_KINDS)
])

export const recurringJobs = pgTable('recurring_jobs', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: text('id').notNull(),
  // Creation order for listing and cursors: created_at can tie, seq cannot.
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
  jobType: text('job_type').notNull(),
  queue: text('queue').notNull(),
  cronExpression: text('cron_expression').notNull(),
  timezone: text('timezone').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  enabled: boolean('enabled').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  timeoutSeconds: integer('timeout_seconds').notNull(),
  lastRunAt: instant('last_run_at'),
  nextRunAt: instant('next_run_at'),
  // Set when the scheduler could not evaluate this schedule; it is retried at next_run_at meanwhile.
  evaluationError: text('evaluation_error'),
  overlapPolicy: text('overlap_policy', { enum: OVERLAP_POLICIES }).notNull().default('allow'),
  misfirePolicy: text('misfire_policy', { enum: MISFIRE_POLICIES }).notNull().default('coalesce'),
  misfireThresholdSeconds: integer('misfire_threshold_seconds').notNull().default(60),
  startsAt: instant('starts_at'),
  endsAt: instant('ends_at'),
  maxRuns: integer('max_runs'),
  // Schedule-triggered executions enqueued so far (max_runs counts these).
  runsCount: integer('runs_count').notNull().default(0),
  state: text('state', { enum: SCHEDULE_STATES }).notNull().default('active'),
  pauseNote: text('pause_note'),
  pausedAt: instant('paused_at'),
  autoPauseAfterFailures: integer('auto_pause_after_failures'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at')
}, (t) => [
  primaryKey({ name: 'recurring_jobs_pkey', columns: [t.tenantId, t.id] }),
  oneOf('recurring_jobs_overlap_policy_check', t.overlapPolicy, OVERLAP_POLICIES),
  oneOf('recurring_jobs_misfire_policy_check', t.misfirePolicy, MISFIRE_POLICIES),
  oneOf('recurring_jobs_state_check', t.state, SCHEDULE_STATES),
  unique('recurring_jobs_tenant_job_type_unique').on(t.tenantId, t.jobType),
  // Listing pages through one tenant's schedules in creation order (seq is an identity column: no unique index of
  // its own, one index fewer to write for every occurrence a tick advances).
  index('recurring_jobs_tenant_seq_idx').on(t.tenantId, t.seq),
  // The tick reads enabled schedules with next_run_at ≤ now; a paused schedule is not in the index at all.
  index('recurring_jobs_due_idx').on(t.nextRunAt).where(sql`${t.enabled} AND ${t.nextRunAt} IS NOT NULL`)
])

export const executions = pgTable('executions', {
  id: uuid('id').primaryKey().defaultRandom(),
  // Newest-first listing and cursors.
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  recurringId: text('recurring_id').notNull(),
  jobType: text('job_type').notNull(),
  queue: text('queue').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: EXECUTION_STATUSES }).notNull(),
  trigger: text('trigger', { enum: EXECUTION_TRIGGERS }).notNull(),
  attempt: integer('attempt').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull(),
  timeoutSeconds: integer('timeout_seconds').notNull(),
  scheduledFor: instant('scheduled_for').notNull(),
  coalescedCount: integer('coalesced_count').notNull().default(1),
  // docs/contract.md §12: the last occurrence this execution stands for (= scheduled_for unless coalesced).
  coversUntil: instant('covers_until'),
  // overlap_policy buffer_one: not claimable while this (earlier) execution of the schedule is queued or running.
  blockedBy: uuid('blocked_by'),
  enqueuedAt: instant('enqueued_at').notNull(),
  availableAt: instant('available_at').notNull(),
  startedAt: instant('started_at'),
  finishedAt: instant('finished_at'),
  leaseExpiresAt: instant('lease_expires_at'),
  workerId: text('worker_id'),
  lastError: text('last_error'),
  result: jsonb('result')
}, (t) => [
  // docs/contract.md §6, §13: one execution per (schedule, occurrence), scheduled and backfilled alike — a retried or
  // concurrent tick, or a repeated backfill, cannot enqueue an occurrence twice.
  uniqueIndex('executions_occurrence_unique').on(t.tenantId, t.recurringId, t.scheduledFor)
    .where(sql`${t.trigger} IN ('schedule', 'backfill')`),
  // Overlap policies look up a schedule's unfinished executions.
  index('executions_active_idx').on(t.tenantId, t.recurringId).where(sql`${t.status} IN ('queued', 'running')`),
  index('executions_tenant_seq_idx').on(t.tenantId, t.seq),
  // Claims take a queue's oldest available first (available_at, then seq): the index is in that order, so a claim
  // reads as many rows as it takes instead of sorting the queue's whole backlog.
  index('executions_claim_idx').on(t.tenantId, t.queue, t.availableAt, t.seq).where(sql`${t.status} = 'queued'`),
  index('executions_lease_idx').on(t.leaseExpiresAt).where(sql`${t.status} = 'running'`),
  index('executions_finished_idx').on(t.finishedAt).where(sql`${t.finishedAt} IS NOT NULL`),
  oneOf('executions_status_check', t.status, EXECUTION_STATUSES),
  oneOf('executions_trigger_check', t.trigger, EXECUTION_TRIGGERS)
])

// docs/contract.md §13: occurrences that got no execution, as ranges [from_at, until_at) of one outcome, so the ledger
// can say why. (Enqueued and coalesced occurrences are read from executions; paused ones from the history.)
export const occurrenceSkips = pgTable('occurrence_skips', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  recurringId: text('recurring_id').notNull(),
  fromAt: instant('from_at').notNull(),
  untilAt: instant('until_at').notNull(),
  outcome: text('outcome', { enum: SKIP_OUTCOMES }).notNull(),
  recordedAt: instant('recorded_at').notNull()
}, (t) => [
  primaryKey({ name: 'occurrence_skips_pkey', columns: [t.tenantId, t.recurringId, t.fromAt] }),
  oneOf('occurrence_skips_outcome_check', t.outcome, SKIP_OUTCOMES)
])

// docs/contract.md §13: every change of a schedule, kept after its delete.
export const recurringJobHistory = pgTable('recurring_job_history', {
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  recurringId: text('recurring_id').notNull(),
  at: instant('at').notNull(),
  action: text('action', { enum: HISTORY_ACTIONS }).notNull(),
  actorKeyId: uuid('actor_key_id'),
  actorUserId: uuid('actor_user_id'),
  changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>().notNull()
}, (t) => [
  index('recurring_job_history_schedule_idx').on(t.tenantId, t.recurringId, t.seq),
  oneOf('recurring_job_history_action_check', t.action, HISTORY_ACTIONS)
])

export const jobSeries = pgTable('job_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  title: text('title').notNull(),
  description: text('description'),
  rrule: text('rrule').notNull(),
  timezone: text('timezone').notNull(),
  dtstart: date('dtstart', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  maxOccurrences: integer('max_occurrences'),
  flatPrice: money('flat_price'),
  customerId: uuid('customer_id').references(() => customers.id),
  externalId: text('external_id'),
  createdBy: uuid('created_by').references(() => teamMembers.id),
  // docs/contract.md §14: RFC 5545 EXDATE / RDATE of the series, YYYY-MM-DD strings in increasing order.
  exdates: jsonb('exdates').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  rdates: jsonb('rdates').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  // The series this one continues ("this and following", docs/contract.md §14).
  splitFromId: uuid('split_from_id').references((): AnyPgColumn => jobSeries.id),
  // Bumped by every change of the record; the series ETag (docs/contract.md §13).
  version: integer('version').notNull().default(1),
  endedAt: instant('ended_at'),
  // Window bookkeeping: the last local date materialized, and when the scheduler should (re)generate.
  generatedThrough: date('generated_through', { mode: 'string' }),
  generationDueAt: instant('generation_due_at'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at')
}, (t) => [
  unique('job_series_tenant_external_id_unique').on(t.tenantId, t.externalId),
  index('job_series_tenant_created_idx').on(t.tenantId, t.createdAt),
  index('job_series_generation_due_idx').on(t.generationDueAt).where(sql`${t.generationDueAt} IS NOT NULL`)
])

export const jobSeriesLineItems = pgTable('job_series_line_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  seriesId: uuid('series_id').notNull().references(() => jobSeries.id, { onDelete: 'cascade' }),
  description: text('description').notNull(),
  unitPrice: money('unit_price').notNull(),
  quantity: numeric('quantity', { precision: 14, scale: 4, mode: 'number' }).notNull(),
  catalogItemId: uuid('catalog_item_id').references(() => catalogItems.id),
  position: integer('position').notNull()
}, (t) => [index('job_series_line_items_series_idx').on(t.seriesId)])

export const jobSeriesAssignments = pgTable('job_series_assignments', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  seriesId: uuid('series_id').notNull().references(() => jobSeries.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => teamMembers.id)
}, (t) => [primaryKey({ name: 'job_series_assignments_pkey', columns: [t.seriesId, t.userId] })])

export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  seriesId: uuid('series_id').references(() => jobSeries.id),
  occurrenceDate: date('occurrence_date', { mode: 'string' }),
  title: text('title').notNull(),
  description: text('description'),
  status: text('status', { enum: JOB_STATUSES }).notNull(),
  cancelReason: text('cancel_reason', { enum: CANCEL_REASONS }),
  scheduledStart: instant('scheduled_start').notNull(),
  customerId: uuid('customer_id').references(() => customers.id),
  flatPrice: money('flat_price'),
  total: money('total').notNull(),
  // Set when jobs.update changed this instance on its own (docs/contract.md §7 preserve_exceptions).
  editedIndividually: boolean('edited_individually').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: instant('updated_at')
}, (t) => [
  // docs/contract.md §7: exactly one live instance per occurrence date. Instances the service cancelled itself do not
  // hold their date, so a regeneration can create a new one; a user-cancelled one does.
  uniqueIndex('jobs_series_occurrence_live_unique').on(t.seriesId, t.occurrenceDate)
    .where(sql`${t.cancelReason} IS NULL OR ${t.cancelReason} = 'user'`),
  index('jobs_tenant_start_idx').on(t.tenantId, t.scheduledStart, t.id),
  index('jobs_series_start_idx').on(t.seriesId, t.scheduledStart),
  oneOf('jobs_status_check', t.status, JOB_STATUSES),
  oneOf('jobs_cancel_reason_check', t.cancelReason, CANCEL_REASONS)
])

export const jobLineItems = pgTable('job_line_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  jobId: uuid('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  description: text('description').notNull(),
  unitPrice: money('unit_price').notNull(),
  quantity: numeric('quantity', { precision: 14, scale: 4, mode: 'number' }).notNull(),
  catalogItemId: uuid('catalog_item_id').references(() => catalogItems.id),
  position: integer('position').notNull()
}, (t) => [index('job_line_items_job_idx').on(t.jobId)])

export const jobAssignments = pgTable('job_assignments', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  jobId: uuid('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => teamMembers.id)
}, (t) => [primaryKey({ name: 'job_assignments_pkey', columns: [t.jobId, t.userId] })])

// docs/contract.md §10 "Abuse": the per-key rate limit's count for one fixed minute, shared by every instance on one
// PostgreSQL database (plugins/rate-limit-store.ts). `count` is what instances have leased of the allowance, so it may
// pass the limit by the last lease's unused part. The window leads the key, so pruning ended windows is a range scan.
export const rateLimitWindows = pgTable('rate_limit_windows', {
  windowStart: instant('window_start').notNull(),
  key: text('key').notNull(),
  count: integer('count').notNull()
}, (t) => [primaryKey({ name: 'rate_limit_windows_pkey', columns: [t.windowStart, t.key] })])
