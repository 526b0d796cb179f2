CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"name" text,
	"scopes" text[] NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_keys_kind_user" CHECK (("api_keys"."kind" = 'user') = ("api_keys"."user_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit_price" numeric(14, 2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "executions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "executions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"recurring_id" text NOT NULL,
	"job_type" text NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"timeout_seconds" integer NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"coalesced_count" integer DEFAULT 1 NOT NULL,
	"enqueued_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"lease_expires_at" timestamp with time zone,
	"worker_id" text,
	"last_error" text,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "job_assignments" (
	"tenant_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "job_assignments_pkey" PRIMARY KEY("job_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "job_line_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"description" text NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"quantity" numeric(14, 4) NOT NULL,
	"catalog_item_id" uuid,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"rrule" text NOT NULL,
	"timezone" text NOT NULL,
	"dtstart" date NOT NULL,
	"ends_on" date,
	"max_occurrences" integer,
	"flat_price" numeric(14, 2),
	"customer_id" uuid,
	"external_id" text,
	"created_by" uuid,
	"ended_at" timestamp with time zone,
	"generated_through" date,
	"generation_due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "job_series_tenant_external_id_unique" UNIQUE("tenant_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "job_series_assignments" (
	"tenant_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "job_series_assignments_pkey" PRIMARY KEY("series_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "job_series_line_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"description" text NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"quantity" numeric(14, 4) NOT NULL,
	"catalog_item_id" uuid,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"series_id" uuid,
	"occurrence_date" date,
	"title" text NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"cancel_reason" text,
	"scheduled_start" timestamp with time zone NOT NULL,
	"customer_id" uuid,
	"flat_price" numeric(14, 2),
	"total" numeric(14, 2) NOT NULL,
	"edited_individually" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recurring_jobs" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "recurring_jobs_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"job_type" text NOT NULL,
	"queue" text NOT NULL,
	"cron_expression" text NOT NULL,
	"timezone" text NOT NULL,
	"payload" jsonb NOT NULL,
	"enabled" boolean NOT NULL,
	"max_attempts" integer NOT NULL,
	"timeout_seconds" integer NOT NULL,
	"last_run_at" timestamp with time zone,
	"next_run_at" timestamp with time zone,
	"evaluation_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "recurring_jobs_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "recurring_jobs_tenant_job_type_unique" UNIQUE("tenant_id","job_type")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_team_members_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "executions" ADD CONSTRAINT "executions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_assignments" ADD CONSTRAINT "job_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_assignments" ADD CONSTRAINT "job_assignments_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_assignments" ADD CONSTRAINT "job_assignments_user_id_team_members_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_line_items" ADD CONSTRAINT "job_line_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_line_items" ADD CONSTRAINT "job_line_items_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_line_items" ADD CONSTRAINT "job_line_items_catalog_item_id_catalog_items_id_fk" FOREIGN KEY ("catalog_item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series" ADD CONSTRAINT "job_series_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series" ADD CONSTRAINT "job_series_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series" ADD CONSTRAINT "job_series_created_by_team_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series_assignments" ADD CONSTRAINT "job_series_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series_assignments" ADD CONSTRAINT "job_series_assignments_series_id_job_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."job_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series_assignments" ADD CONSTRAINT "job_series_assignments_user_id_team_members_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series_line_items" ADD CONSTRAINT "job_series_line_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series_line_items" ADD CONSTRAINT "job_series_line_items_series_id_job_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."job_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_series_line_items" ADD CONSTRAINT "job_series_line_items_catalog_item_id_catalog_items_id_fk" FOREIGN KEY ("catalog_item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_series_id_job_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."job_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD CONSTRAINT "recurring_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_items_tenant_idx" ON "catalog_items" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "customers_tenant_idx" ON "customers" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "executions_seq_idx" ON "executions" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "executions_schedule_occurrence_unique" ON "executions" USING btree ("tenant_id","recurring_id","scheduled_for") WHERE "executions"."trigger" = 'schedule';--> statement-breakpoint
CREATE INDEX "executions_tenant_seq_idx" ON "executions" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "executions_claim_idx" ON "executions" USING btree ("queue","available_at") WHERE "executions"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "executions_lease_idx" ON "executions" USING btree ("lease_expires_at") WHERE "executions"."status" = 'running';--> statement-breakpoint
CREATE INDEX "executions_finished_idx" ON "executions" USING btree ("finished_at") WHERE "executions"."finished_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "job_line_items_job_idx" ON "job_line_items" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "job_series_tenant_created_idx" ON "job_series" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "job_series_generation_due_idx" ON "job_series" USING btree ("generation_due_at") WHERE "job_series"."generation_due_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "job_series_line_items_series_idx" ON "job_series_line_items" USING btree ("series_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_series_occurrence_live_unique" ON "jobs" USING btree ("series_id","occurrence_date") WHERE "jobs"."cancel_reason" IS NULL OR "jobs"."cancel_reason" = 'user';--> statement-breakpoint
CREATE INDEX "jobs_tenant_start_idx" ON "jobs" USING btree ("tenant_id","scheduled_start","id");--> statement-breakpoint
CREATE INDEX "jobs_series_start_idx" ON "jobs" USING btree ("series_id","scheduled_start");--> statement-breakpoint
CREATE UNIQUE INDEX "recurring_jobs_seq_idx" ON "recurring_jobs" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "recurring_jobs_due_idx" ON "recurring_jobs" USING btree ("next_run_at") WHERE "recurring_jobs"."next_run_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "team_members_tenant_idx" ON "team_members" USING btree ("tenant_id");