ALTER TABLE "jobs" DROP CONSTRAINT "jobs_cancel_reason_check";--> statement-breakpoint
ALTER TABLE "job_series" ADD COLUMN "exdates" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "job_series" ADD COLUMN "rdates" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "job_series" ADD COLUMN "split_from_id" uuid;--> statement-breakpoint
ALTER TABLE "job_series" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "job_series" ADD CONSTRAINT "job_series_split_from_id_job_series_id_fk" FOREIGN KEY ("split_from_id") REFERENCES "public"."job_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_cancel_reason_check" CHECK ("jobs"."cancel_reason" IN ('user', 'series_updated', 'series_ended', 'series_split'));