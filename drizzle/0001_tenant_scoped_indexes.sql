DROP INDEX "executions_claim_idx";--> statement-breakpoint
CREATE INDEX "recurring_jobs_tenant_seq_idx" ON "recurring_jobs" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "executions_claim_idx" ON "executions" USING btree ("tenant_id","queue","available_at") WHERE "executions"."status" = 'queued';