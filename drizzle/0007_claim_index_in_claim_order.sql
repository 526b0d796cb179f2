-- Claims take a queue's oldest available executions first (available_at, then seq): with seq in the index, a claim
-- reads the rows it takes from the index in that order instead of sorting the tenant's whole backlog.
DROP INDEX "executions_claim_idx";--> statement-breakpoint
CREATE INDEX "executions_claim_idx" ON "executions" USING btree ("tenant_id","queue","available_at","seq") WHERE "executions"."status" = 'queued';