DROP INDEX "recurring_jobs_due_idx";--> statement-breakpoint
CREATE INDEX "recurring_jobs_due_idx" ON "recurring_jobs" USING btree ("next_run_at") WHERE "recurring_jobs"."enabled" AND "recurring_jobs"."next_run_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_kind_check" CHECK ("api_keys"."kind" IN ('user', 'tenant'));--> statement-breakpoint
ALTER TABLE "executions" ADD CONSTRAINT "executions_status_check" CHECK ("executions"."status" IN ('queued', 'running', 'succeeded', 'failed'));--> statement-breakpoint
ALTER TABLE "executions" ADD CONSTRAINT "executions_trigger_check" CHECK ("executions"."trigger" IN ('schedule', 'manual'));--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_status_check" CHECK ("jobs"."status" IN ('unscheduled', 'scheduled', 'in_progress', 'done', 'cancelled'));--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_cancel_reason_check" CHECK ("jobs"."cancel_reason" IN ('user', 'series_updated', 'series_ended'));