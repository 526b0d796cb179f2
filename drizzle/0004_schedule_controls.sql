CREATE TABLE "occurrence_skips" (
	"tenant_id" uuid NOT NULL,
	"recurring_id" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"until_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "occurrence_skips_pkey" PRIMARY KEY("tenant_id","recurring_id","from_at"),
	CONSTRAINT "occurrence_skips_outcome_check" CHECK ("occurrence_skips"."outcome" IN ('skipped_overlap', 'skipped_misfire'))
);
--> statement-breakpoint
CREATE TABLE "recurring_job_history" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recurring_job_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"recurring_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"actor_key_id" uuid,
	"actor_user_id" uuid,
	"changes" jsonb NOT NULL,
	CONSTRAINT "recurring_job_history_action_check" CHECK ("recurring_job_history"."action" IN ('created', 'updated', 'deleted', 'paused', 'resumed', 'auto_paused'))
);
--> statement-breakpoint
ALTER TABLE "executions" DROP CONSTRAINT "executions_trigger_check";--> statement-breakpoint
DROP INDEX "executions_schedule_occurrence_unique";--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "covers_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "blocked_by" uuid;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "overlap_policy" text DEFAULT 'allow' NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "misfire_policy" text DEFAULT 'coalesce' NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "misfire_threshold_seconds" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "max_runs" integer;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "runs_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "state" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "pause_note" text;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "auto_pause_after_failures" integer;--> statement-breakpoint
ALTER TABLE "occurrence_skips" ADD CONSTRAINT "occurrence_skips_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_job_history" ADD CONSTRAINT "recurring_job_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recurring_job_history_schedule_idx" ON "recurring_job_history" USING btree ("tenant_id","recurring_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "executions_occurrence_unique" ON "executions" USING btree ("tenant_id","recurring_id","scheduled_for") WHERE "executions"."trigger" IN ('schedule', 'backfill');--> statement-breakpoint
CREATE INDEX "executions_active_idx" ON "executions" USING btree ("tenant_id","recurring_id") WHERE "executions"."status" IN ('queued', 'running');--> statement-breakpoint
ALTER TABLE "executions" ADD CONSTRAINT "executions_trigger_check" CHECK ("executions"."trigger" IN ('schedule', 'manual', 'backfill'));--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD CONSTRAINT "recurring_jobs_overlap_policy_check" CHECK ("recurring_jobs"."overlap_policy" IN ('allow', 'skip', 'buffer_one', 'replace'));--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD CONSTRAINT "recurring_jobs_misfire_policy_check" CHECK ("recurring_jobs"."misfire_policy" IN ('coalesce', 'all', 'skip'));--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD CONSTRAINT "recurring_jobs_state_check" CHECK ("recurring_jobs"."state" IN ('active', 'paused', 'ended'));