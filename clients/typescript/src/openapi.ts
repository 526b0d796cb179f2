// Generated from openapi/openapi.json by `npm run generate -w @recurring-jobs/client`; do not edit.
/* eslint-disable */
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process is up
         * @description The process is up.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The database is reachable and migrated
         * @description The database is reachable and migrated.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a tenant
         * @description Create a tenant.
         */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants/{tenant_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a team member to a tenant
         * @description Add a team member to a tenant.
         */
        post: operations["createMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants/{tenant_id}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a customer to a tenant
         * @description Add a customer to a tenant.
         */
        post: operations["createCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants/{tenant_id}/catalog_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a catalog item to a tenant
         * @description Add a catalog item to a tenant.
         */
        post: operations["createCatalogItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants/{tenant_id}/api_keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue an API key (the token is shown once)
         * @description Issue an API key (the token is shown once).
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/api_keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Revoke an API key.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe the calling API key
         * @description Describe the calling API key.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recurring/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a recurring job
         * @description Get a recurring job.
         */
        get: operations["getRecurringJob"];
        /**
         * Create or replace a recurring job
         * @description Upsert under the id you choose. Omitted queue, payload, timezone and enabled take their defaults again; omitted max_attempts and timeout_seconds keep their stored values. A create answers 200 with updated_at null.
         */
        put: operations["upsertRecurringJob"];
        post?: never;
        /**
         * Delete a recurring job permanently
         * @description A hard delete. To pause a schedule instead, save it with enabled: false.
         */
        delete: operations["deleteRecurringJob"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a recurring job (extension)
         * @description Only the given fields change, with the validation of PUT. `{}` is accepted: like every save it sets updated_at and recomputes next_run_at from now.
         */
        patch: operations["updateRecurringJob"];
        trace?: never;
    };
    "/v1/recurring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List recurring jobs in creation order
         * @description Oldest first. Without `limit` at most 1000 schedules are returned, with `next_cursor` set when there are more (extension: `limit` and `cursor` page through them).
         */
        get: operations["listRecurringJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workers/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upsert the recurring jobs a worker's code declares
         * @description Each item is saved with PUT semantics under rjob_<last dot-separated segment of job_type>, except that a schedule paused with PUT or PATCH stays paused. A conflicting item (its id or job_type held by another schedule) is reported as "conflict" without failing the others; an invalid item fails the whole request before anything is written.
         */
        post: operations["registerWorker"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/preview/cron": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview the next occurrences of a cron expression (extension)
         * @description Occurrences strictly after `from` (default now; at `from` too with inclusive), with the zone offset at each instant. `H` is accepted only with seed_id, the schedule id that seeds it.
         */
        post: operations["previewCron"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim queued executions (oldest available first) and lease them for timeout_seconds
         * @description Claim queued executions (oldest available first) and lease them for timeout_seconds.
         */
        post: operations["claimExecutions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give the lease back: queued and claimable now, the attempt not counted
         * @description Give the lease back: queued and claimable now, the attempt not counted.
         */
        post: operations["releaseExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete many leased executions; each item succeeds or fails on its own
         * @description Complete many leased executions; each item succeeds or fails on its own.
         */
        post: operations["completeExecutions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record failed attempts of many leased executions; each item succeeds or fails on its own
         * @description Record failed attempts of many leased executions; each item succeeds or fails on its own.
         */
        post: operations["failExecutions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Extend the leases of many executions; each item succeeds or fails on its own
         * @description Extend the leases of many executions; each item succeeds or fails on its own.
         */
        post: operations["heartbeatExecutions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/{id}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Extend the lease to now + timeout_seconds
         * @description Extend the lease to now + timeout_seconds.
         */
        post: operations["heartbeatExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark the leased execution succeeded
         * @description Mark the leased execution succeeded.
         */
        post: operations["completeExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/{id}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a failed attempt: queued again after a backoff, or failed once attempt = max_attempts
         * @description Record a failed attempt: queued again after a backoff, or failed once attempt = max_attempts.
         */
        post: operations["failExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List executions, newest first
         * @description List executions, newest first.
         */
        get: operations["listExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one execution
         * @description Get one execution.
         */
        get: operations["getExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recurring/{id}/trigger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enqueue one execution of the recurring job now (next_run_at is untouched)
         * @description Enqueue one execution of the recurring job now (next_run_at is untouched).
         */
        post: operations["triggerRecurringJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recurring/{id}/occurrences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The occurrence ledger: every occurrence of the schedule in a window, with what became of it
         * @description The occurrence ledger: every occurrence of the schedule in a window, with what became of it.
         */
        get: operations["listRecurringJobOccurrences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recurring/{id}/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enqueue a backfill execution for every occurrence of [from, to) that has none (idempotent)
         * @description Enqueue a backfill execution for every occurrence of [from, to) that has none (idempotent).
         */
        post: operations["backfillRecurringJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recurring/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every change of the schedule, newest first (kept after a delete)
         * @description Every change of the schedule, newest first (kept after a delete).
         */
        get: operations["listRecurringJobHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job_series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List job series, newest first (20 per page)
         * @description List job series, newest first (20 per page).
         */
        get: operations["listJobSeries"];
        put?: never;
        /**
         * Create a job series and generate its first window
         * @description Needs a user-bound key (zoop_uk_). The first window of instances is generated in the same request; if that step fails the series is still created and the scheduler generates it shortly after.
         */
        post: operations["createJobSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job_series/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview the occurrences of a series schedule (extension)
         * @description Preview the occurrences of a series schedule (extension).
         */
        post: operations["previewJobSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job_series/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a job series with its template line items and assignments
         * @description Get a job series with its template line items and assignments.
         */
        get: operations["getJobSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a job series (edit-all) and regenerate its future instances
         * @description Needs a user-bound key. Pending instances starting from now are cancelled (series_updated) and the window is generated again from the new template. dtstart cannot be changed; an ended series cannot be updated. Answers the series record plus `regeneration` (the window's dates cancelled, created, kept and preserved); with `dry_run: true` nothing is written and the answer is `{series, regeneration}`. `If-Match` with an ETag other than the current one answers 412 precondition_failed.
         */
        patch: operations["updateJobSeries"];
        trace?: never;
    };
    "/v1/job_series/{id}/split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a series from a date on ("this and following")
         * @description Needs a user-bound key. The series ends the day before from_date and its pending instances from from_date on are cancelled (series_split); a new series with split_from_id starts at from_date with the old template plus the given changes. from_date must be after dtstart and not after the last occurrence; an ended series cannot be split. Answers {ended, created}.
         */
        post: operations["splitJobSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job_series/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a job series for good and cancel its pending instances
         * @description End a job series for good and cancel its pending instances.
         */
        post: operations["endJobSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/preview/rrule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview RRULE occurrences from dtstart in a time zone (extension)
         * @description Preview RRULE occurrences from dtstart in a time zone (extension).
         */
        post: operations["previewRrule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List job instances by scheduled_start (20 per page)
         * @description List job instances by scheduled_start (20 per page).
         */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a job instance with its line items and assignments
         * @description Get a job instance with its line items and assignments.
         */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change one job instance (status, title, description, scheduled_start)
         * @description Setting status cancelled records cancel_reason "user" (the date keeps its instance). Title, description or scheduled_start edits mark the instance as edited on its own (kept by job_series.update with preserve_exceptions).
         */
        patch: operations["updateJob"];
        trace?: never;
    };
    "/api/mcp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * MCP over Streamable HTTP (stateless, JSON responses): initialize, ping, tools/list, tools/call
         * @description Tools: job_series.list, job_series.get, job_series.create, job_series.update, job_series.end, job_series.preview, jobs.list, jobs.get, jobs.update. Each tool checks its own scope. Unparsable JSON answers -32700 and a malformed JSON-RPC message -32600, both with HTTP 400 and a JSON-RPC error body `{"jsonrpc": "2.0", "id", "error": {"code", "message"}}` (id null unless the request's id could be read; not the REST error body, so those two statuses are described here rather than under responses); a client that accepts neither JSON nor SSE gets 406 with code -32000. An unknown tool is the JSON-RPC error -32602 in a 200 response; tool failures are results with isError: true.
         */
        post: operations["callMcp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            /**
             * @description shown once; only its hash is stored
             * @example zoop_tk_3q2+…
             */
            token: string;
            kind: "user" | "tenant";
            scopes: ("read:recurring" | "write:recurring" | "work:executions" | "read:job_series" | "write:job_series" | "read:jobs" | "write:jobs")[];
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            user_id: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
        };
        Assignment: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            user_id: string;
        };
        BackfillRecurringJobBody: {
            /**
             * @description RFC 3339; first instant of the window (inclusive)
             * @example 2026-03-24T00:00:00Z
             */
            from: string;
            /**
             * @description RFC 3339; end of the window (exclusive); at most 10,000 occurrences in between
             * @example 2026-03-24T00:00:00Z
             */
            to: string;
            /**
             * @description Count only; nothing is written
             * @default false
             */
            dry_run?: boolean;
        };
        BackfillRecurringJobResponse: {
            /** @description occurrences in [from, to) */
            occurrences: number;
            /** @description backfill executions enqueued (with dry_run: that would be) */
            enqueued: number;
            /** @description occurrences that already had an execution */
            already_present: number;
        };
        CatalogItem: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            tenant_id: string;
            name: string;
            unit_price: number | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
        };
        ClaimExecutionsBody: {
            /**
             * @description the worker holding (or asking for) the lease
             * @example worker-1
             */
            worker_id: string;
            /**
             * @description queues to take work from
             * @default [
             *       "default"
             *     ]
             */
            queues?: string[];
            /**
             * @description at most this many executions
             * @default 1
             */
            limit?: number;
            /**
             * @description long-poll: with nothing claimable, wait up to this long for an execution to become claimable (answers {data: []} when the time is up)
             * @default 0
             */
            wait_seconds?: number;
        };
        ClaimExecutionsResponse: {
            data: components["schemas"]["Execution"][];
        };
        CompleteExecutionBody: {
            /**
             * @description the worker holding (or asking for) the lease
             * @example worker-1
             */
            worker_id: string;
            /** @description any JSON value; stored with the execution */
            result?: unknown;
        };
        CompleteExecutionsBody: {
            /**
             * @description the worker holding (or asking for) the lease
             * @example worker-1
             */
            worker_id: string;
            /** @description each item is judged on its own */
            items: {
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /** @description any JSON value; stored with the execution */
                result?: unknown;
            }[];
        };
        CompleteExecutionsResponse: {
            /** @description one per item, in request order */
            results: ({
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /** @enum {boolean} */
                ok: true;
                execution: components["schemas"]["Execution"];
            } | {
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /** @enum {boolean} */
                ok: false;
                error: {
                    /** @description execution_not_found, lease_conflict, or invalid_request for an id repeated in the batch */
                    code: string;
                    message: string;
                };
            })[];
        };
        CreateApiKeyBody: {
            kind: "user" | "tenant";
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            user_id?: string;
            /** @description omitted: every scope */
            scopes?: ("read:recurring" | "write:recurring" | "work:executions" | "read:job_series" | "write:job_series" | "read:jobs" | "write:jobs")[];
            name?: string;
        };
        CreateCatalogItemBody: {
            name: string;
            /**
             * @description non-negative amount with at most 2 decimals (more is refused, never rounded)
             * @example 80.5
             */
            unit_price?: number;
        };
        CreateCustomerBody: {
            name: string;
        };
        CreateJobSeriesBody: {
            /** @description at most 200 characters */
            title: string;
            /**
             * @description RFC 5545 RRULE value: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR/BYMINUTE/BYSECOND; COUNT 1–366; UNTIL (a date or a UTC date-time) between dtstart and today + 5 years
             * @example FREQ=WEEKLY;BYDAY=MO
             */
            rrule: string;
            /**
             * @description IANA time zone name
             * @example America/Los_Angeles
             */
            timezone: string;
            /**
             * @description YYYY-MM-DD, the first possible occurrence date (an occurrence only when it matches the rule); immutable
             * @example 2026-07-07
             */
            dtstart: string;
            customer_id?: components["schemas"]["CustomerIdOrNull"];
            customerId?: components["schemas"]["CustomerIdOrNull"];
            /** @description at most 5000 characters */
            description?: string | null;
            /**
             * @description non-negative amount with at most 2 decimals (more is refused, never rounded)
             * @example 80.5
             */
            flat_price?: number | null;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            ends_on?: string | null;
            /** @description cap on occurrences counted from dtstart (1–366) */
            max_occurrences?: number | null;
            /** @description template line items copied onto each generated job */
            line_items?: {
                description: string;
                /**
                 * @description non-negative amount with at most 2 decimals (more is refused, never rounded)
                 * @example 80.5
                 */
                unit_price: number;
                /**
                 * @description positive, at most 4 decimals (more is refused, never rounded)
                 * @example 1.5
                 */
                quantity: number;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                catalog_item_id?: string | null;
                /** @description display order; defaults to the index in the array (0-based) */
                position?: number;
            }[];
            /** @description team members assigned to each generated job */
            assigned_user_ids?: string[];
            /** @description your own reference, unique per tenant (extension) */
            external_id?: string | null;
            /**
             * @description RFC 5545 EXDATE: dates (YYYY-MM-DD) that never get an instance, whatever produced them; at most 366
             * @example [
             *       "2026-12-28"
             *     ]
             */
            exdates?: string[];
            /**
             * @description RFC 5545 RDATE: extra dates (YYYY-MM-DD, not before dtstart) added to the rule's; COUNT counts only the rule's own dates, max_occurrences the whole set; at most 366
             * @example [
             *       "2026-12-30"
             *     ]
             */
            rdates?: string[];
        };
        CreateMemberBody: {
            name: string;
            /** Format: email */
            email?: string;
        };
        CreateTenantBody: {
            name: string;
        };
        Customer: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            tenant_id: string;
            name: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
        };
        /** @description a customer of the tenant, or null; customerId is an alias of customer_id */
        CustomerIdOrNull: string | null;
        DeleteRecurringJobResponse: {
            /** @enum {boolean} */
            deleted: true;
        };
        /**
         * Error
         * @description Every error answers with this shape.
         * @example {
         *       "error": {
         *         "code": "invalid_request",
         *         "message": "body/job_type must be string",
         *         "details": [
         *           {
         *             "field": "job_type",
         *             "message": "must be string"
         *           }
         *         ]
         *       }
         *     }
         */
        Error: {
            error: {
                /**
                 * @description machine-readable error code (docs/contract.md §4)
                 * @example invalid_request
                 * @enum {string}
                 */
                code: "invalid_request" | "invalid_cron_expression" | "invalid_timezone" | "invalid_input" | "unauthorized" | "insufficient_scope" | "origin_not_allowed" | "recurring_job_not_found" | "execution_not_found" | "not_found" | "recurring_job_type_conflict" | "conflict" | "lease_conflict" | "precondition_failed" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "unavailable";
                /** @description text for a person */
                message: string;
                details?: {
                    field: string;
                    message: string;
                }[];
            };
        };
        /**
         * @example {
         *       "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
         *       "recurring_id": "rjob_daily_cleanup",
         *       "job_type": "reports.daily_cleanup",
         *       "queue": "default",
         *       "payload": {
         *         "retain_days": 30
         *       },
         *       "status": "running",
         *       "trigger": "schedule",
         *       "attempt": 1,
         *       "max_attempts": 3,
         *       "timeout_seconds": 300,
         *       "scheduled_for": "2026-03-25T07:00:00Z",
         *       "coalesced_count": 1,
         *       "covers_until": "2026-03-25T07:00:00Z",
         *       "enqueued_at": "2026-03-25T07:00:00Z",
         *       "available_at": "2026-03-25T07:00:00Z",
         *       "started_at": "2026-03-25T07:00:02Z",
         *       "finished_at": null,
         *       "lease_expires_at": "2026-03-25T07:05:02Z",
         *       "worker_id": "worker-1",
         *       "last_error": null
         *     }
         */
        Execution: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            recurring_id: string;
            job_type: string;
            queue: string;
            payload: {
                [key: string]: unknown;
            };
            status: "queued" | "running" | "succeeded" | "failed";
            /** @description schedule: an occurrence came due; manual: POST …/trigger; backfill: POST …/backfill */
            trigger: "schedule" | "manual" | "backfill";
            /** @description attempts started so far (claims) */
            attempt: number;
            max_attempts: number;
            /** @description lease length of each attempt */
            timeout_seconds: number;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            scheduled_for: string;
            /** @description how many occurrences this execution stands for (1 when on time) */
            coalesced_count: number;
            /**
             * Format: date-time
             * @description the last occurrence this execution stands for (= scheduled_for unless coalesced)
             * @example 2026-03-25T07:00:00Z
             */
            covers_until: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            enqueued_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            available_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            started_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            finished_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            lease_expires_at: string | null;
            worker_id: string | null;
            last_error: string | null;
        };
        ExecutionList: {
            data: components["schemas"]["Execution"][];
            /** @description pass as cursor for the next page; null on the last page */
            next_cursor: string | null;
        };
        FailExecutionBody: {
            /**
             * @description the worker holding (or asking for) the lease
             * @example worker-1
             */
            worker_id: string;
            /** @description what went wrong; kept as last_error */
            error: string;
        };
        FailExecutionsBody: {
            /**
             * @description the worker holding (or asking for) the lease
             * @example worker-1
             */
            worker_id: string;
            /** @description each item is judged on its own */
            items: {
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /** @description what went wrong; kept as last_error */
                error: string;
            }[];
        };
        FailExecutionsResponse: {
            /** @description one per item, in request order */
            results: ({
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /** @enum {boolean} */
                ok: true;
                execution: components["schemas"]["Execution"];
            } | {
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /** @enum {boolean} */
                ok: false;
                error: {
                    /** @description execution_not_found, lease_conflict, or invalid_request for an id repeated in the batch */
                    code: string;
                    message: string;
                };
            })[];
        };
        GetMeResponse: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            tenant_id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            key_id: string;
            kind: "user" | "tenant";
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            user_id: string | null;
            scopes: ("read:recurring" | "write:recurring" | "work:executions" | "read:job_series" | "write:job_series" | "read:jobs" | "write:jobs")[];
        };
        HealthStatus: {
            /** @enum {string} */
            status: "ok";
        };
        HeartbeatExecutionsBody: {
            /**
             * @description the worker holding (or asking for) the lease
             * @example worker-1
             */
            worker_id: string;
            /** @description executions whose leases to extend */
            ids: string[];
        };
        HeartbeatExecutionsResponse: {
            /** @description one per item, in request order */
            results: ({
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /** @enum {boolean} */
                ok: true;
                execution: components["schemas"]["Execution"];
            } | {
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /** @enum {boolean} */
                ok: false;
                error: {
                    /** @description execution_not_found, lease_conflict, or invalid_request for an id repeated in the batch */
                    code: string;
                    message: string;
                };
            })[];
        };
        Job: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            tenant_id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            series_id: string | null;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            occurrence_date: string | null;
            title: string;
            description: string | null;
            /**
             * @description unscheduled | scheduled | in_progress | done | cancelled (pending = unscheduled or scheduled)
             * @enum {string}
             */
            status: "unscheduled" | "scheduled" | "in_progress" | "done" | "cancelled";
            /** @enum {string|null} */
            cancel_reason: "user" | "series_updated" | "series_ended" | "series_split" | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            scheduled_start: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            customer_id: string | null;
            flat_price: number | null;
            total: number;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            updated_at: string | null;
        };
        JobDetail: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            tenant_id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            series_id: string | null;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            occurrence_date: string | null;
            title: string;
            description: string | null;
            /**
             * @description unscheduled | scheduled | in_progress | done | cancelled (pending = unscheduled or scheduled)
             * @enum {string}
             */
            status: "unscheduled" | "scheduled" | "in_progress" | "done" | "cancelled";
            /** @enum {string|null} */
            cancel_reason: "user" | "series_updated" | "series_ended" | "series_split" | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            scheduled_start: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            customer_id: string | null;
            flat_price: number | null;
            total: number;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            updated_at: string | null;
            job_line_items: components["schemas"]["LineItem"][];
            job_assignments: components["schemas"]["Assignment"][];
        };
        JobPage: {
            data: components["schemas"]["Job"][];
            /** @description rows matching, over all pages */
            count: number;
            page: number;
            /** @description page size, always 20 */
            limit: number;
        };
        JobSeries: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            tenant_id: string;
            title: string;
            description: string | null;
            rrule: string;
            timezone: string;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            dtstart: string;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            ends_on: string | null;
            max_occurrences: number | null;
            flat_price: number | null;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            customer_id: string | null;
            external_id: string | null;
            exdates: string[];
            rdates: string[];
            /**
             * Format: uuid
             * @description the series this one continues from (job_series.split), else null
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            split_from_id: string | null;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            created_by: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            ended_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            updated_at: string | null;
        };
        JobSeriesDetail: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            tenant_id: string;
            title: string;
            description: string | null;
            rrule: string;
            timezone: string;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            dtstart: string;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            ends_on: string | null;
            max_occurrences: number | null;
            flat_price: number | null;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            customer_id: string | null;
            external_id: string | null;
            exdates: string[];
            rdates: string[];
            /**
             * Format: uuid
             * @description the series this one continues from (job_series.split), else null
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            split_from_id: string | null;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            created_by: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            ended_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            updated_at: string | null;
            job_series_line_items: components["schemas"]["LineItem"][];
            job_series_assignments: components["schemas"]["Assignment"][];
        };
        JobSeriesEnded: {
            /** @enum {boolean} */
            ended: true;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
        };
        JobSeriesPage: {
            data: components["schemas"]["JobSeries"][];
            /** @description rows matching, over all pages */
            count: number;
            page: number;
            /** @description page size, always 20 */
            limit: number;
        };
        JobSeriesSplit: {
            /** @description the series as left: ends_on is the day before from_date */
            ended: {
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                tenant_id: string;
                title: string;
                description: string | null;
                rrule: string;
                timezone: string;
                /**
                 * @description calendar date YYYY-MM-DD
                 * @example 2026-07-07
                 */
                dtstart: string;
                /**
                 * @description calendar date YYYY-MM-DD
                 * @example 2026-07-07
                 */
                ends_on: string | null;
                max_occurrences: number | null;
                flat_price: number | null;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                customer_id: string | null;
                external_id: string | null;
                exdates: string[];
                rdates: string[];
                /**
                 * Format: uuid
                 * @description the series this one continues from (job_series.split), else null
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                split_from_id: string | null;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                created_by: string | null;
                /**
                 * Format: date-time
                 * @description RFC 3339 UTC, whole seconds
                 * @example 2026-03-25T07:00:00Z
                 */
                ended_at: string | null;
                /**
                 * Format: date-time
                 * @description RFC 3339 UTC, whole seconds
                 * @example 2026-03-25T07:00:00Z
                 */
                created_at: string;
                /**
                 * Format: date-time
                 * @description RFC 3339 UTC, whole seconds
                 * @example 2026-03-25T07:00:00Z
                 */
                updated_at: string | null;
            };
            /** @description the new series, starting at from_date, with split_from_id */
            created: {
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                id: string;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                tenant_id: string;
                title: string;
                description: string | null;
                rrule: string;
                timezone: string;
                /**
                 * @description calendar date YYYY-MM-DD
                 * @example 2026-07-07
                 */
                dtstart: string;
                /**
                 * @description calendar date YYYY-MM-DD
                 * @example 2026-07-07
                 */
                ends_on: string | null;
                max_occurrences: number | null;
                flat_price: number | null;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                customer_id: string | null;
                external_id: string | null;
                exdates: string[];
                rdates: string[];
                /**
                 * Format: uuid
                 * @description the series this one continues from (job_series.split), else null
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                split_from_id: string | null;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                created_by: string | null;
                /**
                 * Format: date-time
                 * @description RFC 3339 UTC, whole seconds
                 * @example 2026-03-25T07:00:00Z
                 */
                ended_at: string | null;
                /**
                 * Format: date-time
                 * @description RFC 3339 UTC, whole seconds
                 * @example 2026-03-25T07:00:00Z
                 */
                created_at: string;
                /**
                 * Format: date-time
                 * @description RFC 3339 UTC, whole seconds
                 * @example 2026-03-25T07:00:00Z
                 */
                updated_at: string | null;
            };
        };
        LineItem: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            description: string;
            unit_price: number;
            quantity: number;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            catalog_item_id: string | null;
            position: number;
        };
        ListRecurringJobHistoryResponse: {
            /** @description Every change, newest first; kept after the schedule is deleted */
            data: {
                /**
                 * Format: date-time
                 * @description RFC 3339 UTC, whole seconds
                 * @example 2026-03-25T07:00:00Z
                 */
                at: string;
                /** @enum {string} */
                action: "created" | "updated" | "deleted" | "paused" | "resumed" | "auto_paused";
                actor: {
                    /** @description the API key that made the change; null for the service itself (auto_paused) */
                    key_id: string | null;
                    /** @description the team member of a user-bound key */
                    user_id: string | null;
                };
                /** @description {field: [old, new]} */
                changes: {
                    [key: string]: unknown[];
                };
            }[];
            /** @description pass as cursor for the next page; null on the last page */
            next_cursor: string | null;
        };
        ListRecurringJobOccurrencesResponse: {
            /** @description Every occurrence of the schedule's cron in the window, oldest first */
            data: {
                /**
                 * Format: date-time
                 * @description RFC 3339 UTC, whole seconds
                 * @example 2026-03-25T07:00:00Z
                 */
                scheduled_for: string;
                /**
                 * @description enqueued: an execution is for it; coalesced: it stands in execution_id's covers_until range; skipped_overlap / skipped_misfire: the policy skipped it; skipped_paused: the schedule was disabled; before_start / after_end: outside starts_at, ends_at or max_runs; upcoming: not yet due
                 * @enum {string}
                 */
                outcome: "enqueued" | "coalesced" | "skipped_overlap" | "skipped_misfire" | "skipped_paused" | "before_start" | "after_end" | "upcoming";
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                execution_id?: string;
                /** @enum {string} */
                execution_status?: "queued" | "running" | "succeeded" | "failed";
            }[];
            /** @description pass as cursor for the next page; null on the last page */
            next_cursor: string | null;
        };
        ListRecurringJobsResponse: {
            /** @description Schedules in creation order, oldest first */
            data: components["schemas"]["RecurringJob"][];
            /** @description Pass as `cursor` for the next page; null on the last page (extension) */
            next_cursor: string | null;
        };
        PreviewCronBody: {
            /**
             * @description Cronos syntax: 5 fields, 6 fields (leading seconds) or a macro such as @daily; `H` picks a value seeded by the schedule id
             * @example 0 3 * * *
             */
            cron_expression: string;
            /**
             * @description IANA time zone the cron expression is evaluated in. Default "UTC"
             * @default UTC
             * @example America/New_York
             */
            timezone?: string;
            /**
             * @description RFC 3339 instant with an offset; default now. Occurrences are strictly after it unless inclusive
             * @example 2026-03-07T12:00:00Z
             */
            from?: string;
            /** @default 10 */
            count?: number;
            /**
             * @description Whether `from` itself counts when it matches
             * @default false
             */
            inclusive?: boolean;
            /**
             * @description The schedule id that seeds `H`; `H` is refused without it
             * @example rjob_daily_cleanup
             */
            seed_id?: string;
        };
        PreviewCronResponse: {
            /** @description Fewer than count when the schedule has no more occurrences */
            occurrences: string[];
        };
        PreviewRruleBody: {
            /**
             * @description RFC 5545 RRULE value: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR/BYMINUTE/BYSECOND; COUNT 1–366; UNTIL (a date or a UTC date-time) between dtstart and today + 5 years
             * @example FREQ=WEEKLY;BYDAY=MO
             */
            rrule: string;
            /**
             * @description YYYY-MM-DD, the first possible occurrence date (an occurrence only when it matches the rule); immutable
             * @example 2026-07-07
             */
            dtstart: string;
            /**
             * @description IANA time zone name
             * @example America/Los_Angeles
             */
            timezone: string;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            ends_on?: string | null;
            /** @description cap on occurrences counted from dtstart (1–366) */
            max_occurrences?: number | null;
            /**
             * @description RFC 5545 EXDATE: dates (YYYY-MM-DD) that never get an instance, whatever produced them; at most 366
             * @example [
             *       "2026-12-28"
             *     ]
             */
            exdates?: string[];
            /**
             * @description RFC 5545 RDATE: extra dates (YYYY-MM-DD, not before dtstart) added to the rule's; COUNT counts only the rule's own dates, max_occurrences the whole set; at most 366
             * @example [
             *       "2026-12-30"
             *     ]
             */
            rdates?: string[];
            /**
             * @description how many occurrences to list (1–1000)
             * @default 10
             */
            count?: number;
        };
        /**
         * @example {
         *       "id": "rjob_daily_cleanup",
         *       "job_type": "MyApp.Jobs.CleanupExpiredSessions",
         *       "queue": "maintenance",
         *       "cron_expression": "0 3 * * *",
         *       "timezone": "America/New_York",
         *       "enabled": true,
         *       "payload": {
         *         "retention_days": 30
         *       },
         *       "last_run_at": null,
         *       "next_run_at": "2026-03-25T07:00:00Z",
         *       "max_attempts": 3,
         *       "timeout_seconds": 600,
         *       "overlap_policy": "allow",
         *       "misfire_policy": "coalesce",
         *       "misfire_threshold_seconds": 60,
         *       "starts_at": null,
         *       "ends_at": null,
         *       "max_runs": null,
         *       "runs_count": 0,
         *       "state": "active",
         *       "pause_note": null,
         *       "paused_at": null,
         *       "auto_pause_after_failures": null,
         *       "created_at": "2026-03-24T15:00:00Z",
         *       "updated_at": null
         *     }
         */
        RecurringJob: {
            /** @example rjob_daily_cleanup */
            id: string;
            job_type: string;
            queue: string;
            cron_expression: string;
            timezone: string;
            enabled: boolean;
            payload: {
                [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @description When the schedule last triggered, or null; only the scheduler sets it
             * @example 2026-03-25T07:00:00Z
             */
            last_run_at: string | null;
            /**
             * Format: date-time
             * @description Next scheduled trigger, or null when disabled or when the expression never fires again
             * @example 2026-03-25T07:00:00Z
             */
            next_run_at: string | null;
            max_attempts: number;
            timeout_seconds: number;
            /** @description What an occurrence does while an earlier execution is queued or running: allow (default) enqueues; skip records skipped_overlap; buffer_one lets one wait until the running one ends; replace fails the running one ("replaced") and enqueues */
            overlap_policy: "allow" | "skip" | "buffer_one" | "replace";
            /** @description What happens to occurrences enqueued more than misfire_threshold_seconds late: coalesce (default) one execution for all of them; all one each (at most 1000, the rest skipped_misfire); skip none (skipped_misfire) */
            misfire_policy: "coalesce" | "all" | "skip";
            misfire_threshold_seconds: number;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            starts_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            ends_at: string | null;
            max_runs: number | null;
            /** @description Schedule-triggered executions enqueued so far */
            runs_count: number;
            /** @description paused while disabled; ended when it can never fire again (ends_at passed, max_runs reached, or the expression has no more occurrences) */
            state: "active" | "paused" | "ended";
            pause_note: string | null;
            /**
             * Format: date-time
             * @description When the schedule was disabled, or null while enabled
             * @example 2026-03-25T07:00:00Z
             */
            paused_at: string | null;
            auto_pause_after_failures: number | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When the schedule was last saved, or null if never since its creation
             * @example 2026-03-25T07:00:00Z
             */
            updated_at: string | null;
        };
        RegisterWorkerBody: {
            /** @description Echoed back; a UUID is generated when omitted */
            worker_id?: string;
            /** @description Informational; not stored */
            queues?: string[];
            /** @description Informational; not stored */
            job_types?: string[];
            /** @description Each is upserted with PUT semantics under rjob_<last dot-separated segment of job_type>; a paused schedule stays paused */
            recurring: {
                /**
                 * @description Job type to execute on each trigger; unique per tenant
                 * @example MyApp.Jobs.CleanupExpiredSessions
                 */
                job_type: string;
                /**
                 * @description Cronos syntax: 5 fields, 6 fields (leading seconds) or a macro such as @daily; `H` picks a value seeded by the schedule id
                 * @example 0 3 * * *
                 */
                cron_expression: string;
                /**
                 * @description Target queue. Default "default"
                 * @example maintenance
                 */
                queue?: string;
                /**
                 * @description IANA time zone the cron expression is evaluated in. Default "UTC"
                 * @example America/New_York
                 */
                timezone?: string;
                /**
                 * @description Fixed JSON object passed to each execution, at most 64 KiB of JSON. Default {}
                 * @example {
                 *       "retention_days": 30
                 *     }
                 */
                payload?: Record<string, never>;
                /** @description Per-execution retry limit. Default 3 on create; omitted on update keeps the stored value */
                max_attempts?: number;
                /** @description Per-execution timeout. Default 1800 on create; omitted on update keeps the stored value */
                timeout_seconds?: number;
                /** @description What an occurrence does while an earlier execution is queued or running: allow (default) enqueues; skip records skipped_overlap; buffer_one lets one wait until the running one ends; replace fails the running one ("replaced") and enqueues */
                overlap_policy?: "allow" | "skip" | "buffer_one" | "replace";
                /** @description What happens to occurrences enqueued more than misfire_threshold_seconds late: coalesce (default) one execution for all of them; all one each (at most 1000, the rest skipped_misfire); skip none (skipped_misfire) */
                misfire_policy?: "coalesce" | "all" | "skip";
                /** @description An occurrence enqueued no later than this after its time is on time. Default 60 */
                misfire_threshold_seconds?: number;
                /** @description RFC 3339; no occurrence before it. Default none */
                starts_at?: string | null;
                /** @description RFC 3339; no occurrence after it. Default none */
                ends_at?: string | null;
                /** @description After this many schedule-triggered executions the schedule ends (next_run_at null). Default none */
                max_runs?: number | null;
                /** @description Disable the schedule after this many consecutive schedule executions ended failed. Default none */
                auto_pause_after_failures?: number | null;
            }[];
        };
        RegisterWorkerResponse: {
            worker_id: string;
            /** @description One entry per item, in request order; `schedule` is omitted on conflict */
            registered: {
                id: string;
                status: "created" | "updated" | "conflict";
                schedule?: components["schemas"]["RecurringJob"];
            }[];
        };
        RevokeApiKeyResponse: {
            /** @enum {boolean} */
            revoked: true;
        };
        RruleOccurrences: {
            occurrences: {
                /**
                 * @description calendar date YYYY-MM-DD
                 * @example 2026-07-07
                 */
                date: string;
                /**
                 * @description local midnight of the date (first valid instant after a gap), RFC 3339 with the zone's offset
                 * @example 2026-07-13T00:00:00-07:00
                 */
                scheduled_start: string;
            }[];
        };
        SplitJobSeriesBody: {
            /**
             * @description the first date of the new series: after the series' dtstart and not after its last occurrence
             * @example 2026-07-07
             */
            from_date: string;
            /** @description at most 200 characters */
            title?: string;
            /**
             * @description RFC 5545 RRULE value: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR/BYMINUTE/BYSECOND; COUNT 1–366; UNTIL (a date or a UTC date-time) between dtstart and today + 5 years
             * @example FREQ=WEEKLY;BYDAY=MO
             */
            rrule?: string;
            /**
             * @description IANA time zone name
             * @example America/Los_Angeles
             */
            timezone?: string;
            customer_id?: components["schemas"]["CustomerIdOrNull"];
            customerId?: components["schemas"]["CustomerIdOrNull"];
            /** @description at most 5000 characters */
            description?: string | null;
            /**
             * @description non-negative amount with at most 2 decimals (more is refused, never rounded)
             * @example 80.5
             */
            flat_price?: number | null;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            ends_on?: string | null;
            /** @description cap on occurrences counted from dtstart (1–366) */
            max_occurrences?: number | null;
            /** @description replaces the template line items wholesale; omit to keep them */
            line_items?: {
                description: string;
                /**
                 * @description non-negative amount with at most 2 decimals (more is refused, never rounded)
                 * @example 80.5
                 */
                unit_price: number;
                /**
                 * @description positive, at most 4 decimals (more is refused, never rounded)
                 * @example 1.5
                 */
                quantity: number;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                catalog_item_id?: string | null;
                /** @description display order; defaults to the index in the array (0-based) */
                position?: number;
            }[];
            /** @description replaces the assignments wholesale; omit to keep them */
            assigned_user_ids?: string[];
            /** @description your own reference, unique per tenant (extension) */
            external_id?: string | null;
            /**
             * @description RFC 5545 EXDATE: dates (YYYY-MM-DD) that never get an instance, whatever produced them; at most 366; replaces the list. A date added here loses its pending instance (series_updated)
             * @example [
             *       "2026-12-28"
             *     ]
             */
            exdates?: string[];
            /**
             * @description RFC 5545 RDATE: extra dates (YYYY-MM-DD, not before dtstart) added to the rule's; COUNT counts only the rule's own dates, max_occurrences the whole set; at most 366; replaces the list
             * @example [
             *       "2026-12-30"
             *     ]
             */
            rdates?: string[];
            /** @description not allowed: the new series starts at from_date (invalid_input) */
            dtstart?: unknown;
        };
        TeamMember: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            tenant_id: string;
            name: string;
            email: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
        };
        Tenant: {
            /**
             * Format: uuid
             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
             */
            id: string;
            name: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC, whole seconds
             * @example 2026-03-25T07:00:00Z
             */
            created_at: string;
        };
        UpdateJobBody: {
            /**
             * @description cancelled → cancel_reason "user"; a user-cancelled instance can be reopened
             * @enum {string}
             */
            status?: "unscheduled" | "scheduled" | "in_progress" | "done" | "cancelled";
            title?: string;
            description?: string | null;
            /**
             * @description RFC 3339 instant
             * @example 2026-07-13T16:00:00Z
             */
            scheduled_start?: string;
        };
        UpdateJobSeriesBody: {
            /** @description at most 200 characters */
            title?: string;
            /**
             * @description RFC 5545 RRULE value: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR/BYMINUTE/BYSECOND; COUNT 1–366; UNTIL (a date or a UTC date-time) between dtstart and today + 5 years
             * @example FREQ=WEEKLY;BYDAY=MO
             */
            rrule?: string;
            /**
             * @description IANA time zone name
             * @example America/Los_Angeles
             */
            timezone?: string;
            customer_id?: components["schemas"]["CustomerIdOrNull"];
            customerId?: components["schemas"]["CustomerIdOrNull"];
            /** @description at most 5000 characters */
            description?: string | null;
            /**
             * @description non-negative amount with at most 2 decimals (more is refused, never rounded)
             * @example 80.5
             */
            flat_price?: number | null;
            /**
             * @description calendar date YYYY-MM-DD
             * @example 2026-07-07
             */
            ends_on?: string | null;
            /** @description cap on occurrences counted from dtstart (1–366) */
            max_occurrences?: number | null;
            /** @description replaces the template line items wholesale; omit to keep them */
            line_items?: {
                description: string;
                /**
                 * @description non-negative amount with at most 2 decimals (more is refused, never rounded)
                 * @example 80.5
                 */
                unit_price: number;
                /**
                 * @description positive, at most 4 decimals (more is refused, never rounded)
                 * @example 1.5
                 */
                quantity: number;
                /**
                 * Format: uuid
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                catalog_item_id?: string | null;
                /** @description display order; defaults to the index in the array (0-based) */
                position?: number;
            }[];
            /** @description replaces the assignments wholesale; omit to keep them */
            assigned_user_ids?: string[];
            /** @description your own reference, unique per tenant (extension) */
            external_id?: string | null;
            /**
             * @description RFC 5545 EXDATE: dates (YYYY-MM-DD) that never get an instance, whatever produced them; at most 366; replaces the list. A date added here loses its pending instance (series_updated)
             * @example [
             *       "2026-12-28"
             *     ]
             */
            exdates?: string[];
            /**
             * @description RFC 5545 RDATE: extra dates (YYYY-MM-DD, not before dtstart) added to the rule's; COUNT counts only the rule's own dates, max_occurrences the whole set; at most 366; replaces the list
             * @example [
             *       "2026-12-30"
             *     ]
             */
            rdates?: string[];
            /** @description extension: keep pending instances edited on their own with jobs.update (and their dates) */
            preserve_exceptions?: boolean;
            /** @description extension: write nothing and answer {series, regeneration}, what the update would do */
            dry_run?: boolean;
            /** @description not allowed: dtstart cannot be changed (invalid_input) */
            dtstart?: unknown;
        };
        /** @description Only the given fields change (same validation as PUT). Every save, `{}` included, sets updated_at. */
        UpdateRecurringJobBody: {
            /**
             * @description Job type to execute on each trigger; unique per tenant
             * @example MyApp.Jobs.CleanupExpiredSessions
             */
            job_type?: string;
            /**
             * @description Cronos syntax: 5 fields, 6 fields (leading seconds) or a macro such as @daily; `H` picks a value seeded by the schedule id
             * @example 0 3 * * *
             */
            cron_expression?: string;
            /**
             * @description Target queue. Default "default"
             * @example maintenance
             */
            queue?: string;
            /**
             * @description Fixed JSON object passed to each execution, at most 64 KiB of JSON. Default {}
             * @example {
             *       "retention_days": 30
             *     }
             */
            payload?: Record<string, never>;
            /**
             * @description IANA time zone the cron expression is evaluated in. Default "UTC"
             * @example America/New_York
             */
            timezone?: string;
            /** @description Whether the schedule is active. Default true */
            enabled?: boolean;
            /** @description Per-execution retry limit. Default 3 on create; omitted on update keeps the stored value */
            max_attempts?: number;
            /** @description Per-execution timeout. Default 1800 on create; omitted on update keeps the stored value */
            timeout_seconds?: number;
            /** @description What an occurrence does while an earlier execution is queued or running: allow (default) enqueues; skip records skipped_overlap; buffer_one lets one wait until the running one ends; replace fails the running one ("replaced") and enqueues */
            overlap_policy?: "allow" | "skip" | "buffer_one" | "replace";
            /** @description What happens to occurrences enqueued more than misfire_threshold_seconds late: coalesce (default) one execution for all of them; all one each (at most 1000, the rest skipped_misfire); skip none (skipped_misfire) */
            misfire_policy?: "coalesce" | "all" | "skip";
            /** @description An occurrence enqueued no later than this after its time is on time. Default 60 */
            misfire_threshold_seconds?: number;
            /** @description RFC 3339; no occurrence before it. Default none */
            starts_at?: string | null;
            /** @description RFC 3339; no occurrence after it. Default none */
            ends_at?: string | null;
            /** @description After this many schedule-triggered executions the schedule ends (next_run_at null). Default none */
            max_runs?: number | null;
            /** @description Disable the schedule after this many consecutive schedule executions ended failed. Default none */
            auto_pause_after_failures?: number | null;
            /**
             * @description Why the schedule is paused; kept while disabled, cleared on re-enable
             * @example waiting for the new CRM credentials
             */
            pause_note?: string | null;
        };
        /** @description A replacement: omitted queue, payload, timezone, enabled and schedule controls take their defaults again; omitted max_attempts and timeout_seconds keep their stored values. */
        UpsertRecurringJobBody: {
            /**
             * @description Job type to execute on each trigger; unique per tenant
             * @example MyApp.Jobs.CleanupExpiredSessions
             */
            job_type: string;
            /**
             * @description Cronos syntax: 5 fields, 6 fields (leading seconds) or a macro such as @daily; `H` picks a value seeded by the schedule id
             * @example 0 3 * * *
             */
            cron_expression: string;
            /**
             * @description Target queue. Default "default"
             * @example maintenance
             */
            queue?: string;
            /**
             * @description Fixed JSON object passed to each execution, at most 64 KiB of JSON. Default {}
             * @example {
             *       "retention_days": 30
             *     }
             */
            payload?: Record<string, never>;
            /**
             * @description IANA time zone the cron expression is evaluated in. Default "UTC"
             * @example America/New_York
             */
            timezone?: string;
            /** @description Whether the schedule is active. Default true */
            enabled?: boolean;
            /** @description Per-execution retry limit. Default 3 on create; omitted on update keeps the stored value */
            max_attempts?: number;
            /** @description Per-execution timeout. Default 1800 on create; omitted on update keeps the stored value */
            timeout_seconds?: number;
            /** @description What an occurrence does while an earlier execution is queued or running: allow (default) enqueues; skip records skipped_overlap; buffer_one lets one wait until the running one ends; replace fails the running one ("replaced") and enqueues */
            overlap_policy?: "allow" | "skip" | "buffer_one" | "replace";
            /** @description What happens to occurrences enqueued more than misfire_threshold_seconds late: coalesce (default) one execution for all of them; all one each (at most 1000, the rest skipped_misfire); skip none (skipped_misfire) */
            misfire_policy?: "coalesce" | "all" | "skip";
            /** @description An occurrence enqueued no later than this after its time is on time. Default 60 */
            misfire_threshold_seconds?: number;
            /** @description RFC 3339; no occurrence before it. Default none */
            starts_at?: string | null;
            /** @description RFC 3339; no occurrence after it. Default none */
            ends_at?: string | null;
            /** @description After this many schedule-triggered executions the schedule ends (next_run_at null). Default none */
            max_runs?: number | null;
            /** @description Disable the schedule after this many consecutive schedule executions ended failed. Default none */
            auto_pause_after_failures?: number | null;
            /**
             * @description Why the schedule is paused; kept while disabled, cleared on re-enable
             * @example waiting for the new CRM credentials
             */
            pause_note?: string | null;
        };
        WorkerBody: {
            /**
             * @description the worker holding (or asking for) the lease
             * @example worker-1
             */
            worker_id: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme Field Services"
                 *     }
                 */
                "application/json": components["schemas"]["CreateTenantBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Dana Reyes",
                 *       "email": "dana@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["CreateMemberBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamMember"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Greenview HOA"
                 *     }
                 */
                "application/json": components["schemas"]["CreateCustomerBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCatalogItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Mow and edge",
                 *       "unit_price": 80
                 *     }
                 */
                "application/json": components["schemas"]["CreateCatalogItemBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogItem"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "kind": "tenant",
                 *       "scopes": [
                 *         "read:recurring",
                 *         "write:recurring"
                 *       ],
                 *       "name": "billing pipeline"
                 *     }
                 */
                "application/json": components["schemas"]["CreateApiKeyBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokeApiKeyResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "tenant_id": "6f1c2a9e-3b7d-4c1e-9a53-2d4b8e7f0a11",
                     *       "key_id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *       "kind": "user",
                     *       "user_id": "9d2e4f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
                     *       "scopes": [
                     *         "read:recurring"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["GetMeResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRecurringJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag from an earlier answer: 304 when it still matches */
                "if-none-match"?: string;
            };
            path: {
                /**
                 * @description Stable identifier chosen by the client, unique per tenant; it also seeds `H` in the cron expression
                 * @example rjob_daily_cleanup
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule, with its ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "rjob_daily_cleanup",
                     *       "job_type": "MyApp.Jobs.CleanupExpiredSessions",
                     *       "queue": "maintenance",
                     *       "cron_expression": "0 3 * * *",
                     *       "timezone": "America/New_York",
                     *       "enabled": true,
                     *       "payload": {
                     *         "retention_days": 30
                     *       },
                     *       "last_run_at": null,
                     *       "next_run_at": "2026-03-25T07:00:00Z",
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 600,
                     *       "overlap_policy": "allow",
                     *       "misfire_policy": "coalesce",
                     *       "misfire_threshold_seconds": 60,
                     *       "starts_at": null,
                     *       "ends_at": null,
                     *       "max_runs": null,
                     *       "runs_count": 0,
                     *       "state": "active",
                     *       "pause_note": null,
                     *       "paused_at": null,
                     *       "auto_pause_after_failures": null,
                     *       "created_at": "2026-03-24T15:00:00Z",
                     *       "updated_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["RecurringJob"];
                };
            };
            /** @description If-None-Match matched the current ETag */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    upsertRecurringJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the schedule's current ETag is this one (or `*`: it exists); else 412 precondition_failed */
                "if-match"?: string;
                /** @description PUT with `*`: create only; 412 precondition_failed when the id exists */
                "if-none-match"?: string;
            };
            path: {
                /**
                 * @description Stable identifier chosen by the client, unique per tenant; it also seeds `H` in the cron expression
                 * @example rjob_daily_cleanup
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description A replacement: omitted queue, payload, timezone, enabled and schedule controls take their defaults again; omitted max_attempts and timeout_seconds keep their stored values. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpsertRecurringJobBody"];
            };
        };
        responses: {
            /** @description The saved schedule, with its ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "rjob_daily_cleanup",
                     *       "job_type": "MyApp.Jobs.CleanupExpiredSessions",
                     *       "queue": "maintenance",
                     *       "cron_expression": "0 3 * * *",
                     *       "timezone": "America/New_York",
                     *       "enabled": true,
                     *       "payload": {
                     *         "retention_days": 30
                     *       },
                     *       "last_run_at": null,
                     *       "next_run_at": "2026-03-25T07:00:00Z",
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 600,
                     *       "overlap_policy": "allow",
                     *       "misfire_policy": "coalesce",
                     *       "misfire_threshold_seconds": 60,
                     *       "starts_at": null,
                     *       "ends_at": null,
                     *       "max_runs": null,
                     *       "runs_count": 0,
                     *       "state": "active",
                     *       "pause_note": null,
                     *       "paused_at": null,
                     *       "auto_pause_after_failures": null,
                     *       "created_at": "2026-03-24T15:00:00Z",
                     *       "updated_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["RecurringJob"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition failed: If-Match / If-None-Match did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteRecurringJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the schedule's current ETag is this one (or `*`: it exists); else 412 precondition_failed */
                "if-match"?: string;
                /** @description PUT with `*`: create only; 412 precondition_failed when the id exists */
                "if-none-match"?: string;
            };
            path: {
                /**
                 * @description Stable identifier chosen by the client, unique per tenant; it also seeds `H` in the cron expression
                 * @example rjob_daily_cleanup
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteRecurringJobResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition failed: If-Match / If-None-Match did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateRecurringJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the schedule's current ETag is this one (or `*`: it exists); else 412 precondition_failed */
                "if-match"?: string;
                /** @description PUT with `*`: create only; 412 precondition_failed when the id exists */
                "if-none-match"?: string;
            };
            path: {
                /**
                 * @description Stable identifier chosen by the client, unique per tenant; it also seeds `H` in the cron expression
                 * @example rjob_daily_cleanup
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description Only the given fields change (same validation as PUT). Every save, `{}` included, sets updated_at. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRecurringJobBody"];
            };
        };
        responses: {
            /** @description The saved schedule, with its ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "rjob_daily_cleanup",
                     *       "job_type": "MyApp.Jobs.CleanupExpiredSessions",
                     *       "queue": "maintenance",
                     *       "cron_expression": "0 3 * * *",
                     *       "timezone": "America/New_York",
                     *       "enabled": true,
                     *       "payload": {
                     *         "retention_days": 30
                     *       },
                     *       "last_run_at": null,
                     *       "next_run_at": "2026-03-25T07:00:00Z",
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 600,
                     *       "overlap_policy": "allow",
                     *       "misfire_policy": "coalesce",
                     *       "misfire_threshold_seconds": 60,
                     *       "starts_at": null,
                     *       "ends_at": null,
                     *       "max_runs": null,
                     *       "runs_count": 0,
                     *       "state": "active",
                     *       "pause_note": null,
                     *       "paused_at": null,
                     *       "auto_pause_after_failures": null,
                     *       "created_at": "2026-03-24T15:00:00Z",
                     *       "updated_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["RecurringJob"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition failed: If-Match / If-None-Match did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRecurringJobs: {
        parameters: {
            query?: {
                /** @description Page size, 1–1000, default 100 (extension). A page also stops before its JSON passes 4 MiB; next_cursor is set whenever more schedules remain */
                limit?: number;
                /** @description next_cursor of the previous page (extension); opaque */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListRecurringJobsResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerWorker: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-7f3a",
                 *       "queues": [
                 *         "default",
                 *         "maintenance"
                 *       ],
                 *       "job_types": [
                 *         "MyApp.Jobs.CleanupExpiredSessions"
                 *       ],
                 *       "recurring": [
                 *         {
                 *           "job_type": "MyApp.Jobs.CleanupExpiredSessions",
                 *           "cron_expression": "0 3 * * *",
                 *           "queue": "maintenance",
                 *           "timezone": "America/New_York",
                 *           "timeout_seconds": 600
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["RegisterWorkerBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterWorkerResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewCron: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "cron_expression": "0 3 * * *",
                 *       "timezone": "America/New_York",
                 *       "from": "2026-03-07T12:00:00Z",
                 *       "count": 3
                 *     }
                 */
                "application/json": components["schemas"]["PreviewCronBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewCronResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    claimExecutions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-1",
                 *       "queues": [
                 *         "default"
                 *       ],
                 *       "limit": 10,
                 *       "wait_seconds": 20
                 *     }
                 */
                "application/json": components["schemas"]["ClaimExecutionsBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimExecutionsResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    releaseExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-1"
                 *     }
                 */
                "application/json": components["schemas"]["WorkerBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *       "recurring_id": "rjob_daily_cleanup",
                     *       "job_type": "reports.daily_cleanup",
                     *       "queue": "default",
                     *       "payload": {
                     *         "retain_days": 30
                     *       },
                     *       "status": "running",
                     *       "trigger": "schedule",
                     *       "attempt": 1,
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 300,
                     *       "scheduled_for": "2026-03-25T07:00:00Z",
                     *       "coalesced_count": 1,
                     *       "covers_until": "2026-03-25T07:00:00Z",
                     *       "enqueued_at": "2026-03-25T07:00:00Z",
                     *       "available_at": "2026-03-25T07:00:00Z",
                     *       "started_at": "2026-03-25T07:00:02Z",
                     *       "finished_at": null,
                     *       "lease_expires_at": "2026-03-25T07:05:02Z",
                     *       "worker_id": "worker-1",
                     *       "last_error": null
                     *     }
                     */
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    completeExecutions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-1",
                 *       "items": [
                 *         {
                 *           "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                 *           "result": {
                 *             "rows_deleted": 1204
                 *           }
                 *         },
                 *         {
                 *           "id": "5d0c3c1e-8f43-4f55-9d7e-2b8e7a4d2c10"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CompleteExecutionsBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "results": [
                     *         {
                     *           "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *           "ok": true,
                     *           "execution": {
                     *             "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *             "recurring_id": "rjob_daily_cleanup",
                     *             "job_type": "reports.daily_cleanup",
                     *             "queue": "default",
                     *             "payload": {
                     *               "retain_days": 30
                     *             },
                     *             "status": "succeeded",
                     *             "trigger": "schedule",
                     *             "attempt": 1,
                     *             "max_attempts": 3,
                     *             "timeout_seconds": 300,
                     *             "scheduled_for": "2026-03-25T07:00:00Z",
                     *             "coalesced_count": 1,
                     *             "covers_until": "2026-03-25T07:00:00Z",
                     *             "enqueued_at": "2026-03-25T07:00:00Z",
                     *             "available_at": "2026-03-25T07:00:00Z",
                     *             "started_at": "2026-03-25T07:00:02Z",
                     *             "finished_at": "2026-03-25T07:00:09Z",
                     *             "lease_expires_at": null,
                     *             "worker_id": "worker-1",
                     *             "last_error": null
                     *           }
                     *         },
                     *         {
                     *           "id": "5d0c3c1e-8f43-4f55-9d7e-2b8e7a4d2c10",
                     *           "ok": false,
                     *           "error": {
                     *             "code": "lease_conflict",
                     *             "message": "Execution 5d0c3c1e-8f43-4f55-9d7e-2b8e7a4d2c10 is leased to another worker"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CompleteExecutionsResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    failExecutions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-1",
                 *       "items": [
                 *         {
                 *           "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                 *           "error": "upstream answered 502"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["FailExecutionsBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "results": [
                     *         {
                     *           "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *           "ok": true,
                     *           "execution": {
                     *             "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *             "recurring_id": "rjob_daily_cleanup",
                     *             "job_type": "reports.daily_cleanup",
                     *             "queue": "default",
                     *             "payload": {
                     *               "retain_days": 30
                     *             },
                     *             "status": "succeeded",
                     *             "trigger": "schedule",
                     *             "attempt": 1,
                     *             "max_attempts": 3,
                     *             "timeout_seconds": 300,
                     *             "scheduled_for": "2026-03-25T07:00:00Z",
                     *             "coalesced_count": 1,
                     *             "covers_until": "2026-03-25T07:00:00Z",
                     *             "enqueued_at": "2026-03-25T07:00:00Z",
                     *             "available_at": "2026-03-25T07:00:00Z",
                     *             "started_at": "2026-03-25T07:00:02Z",
                     *             "finished_at": "2026-03-25T07:00:09Z",
                     *             "lease_expires_at": null,
                     *             "worker_id": "worker-1",
                     *             "last_error": null
                     *           }
                     *         },
                     *         {
                     *           "id": "5d0c3c1e-8f43-4f55-9d7e-2b8e7a4d2c10",
                     *           "ok": false,
                     *           "error": {
                     *             "code": "lease_conflict",
                     *             "message": "Execution 5d0c3c1e-8f43-4f55-9d7e-2b8e7a4d2c10 is leased to another worker"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["FailExecutionsResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    heartbeatExecutions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-1",
                 *       "ids": [
                 *         "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                 *         "5d0c3c1e-8f43-4f55-9d7e-2b8e7a4d2c10"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["HeartbeatExecutionsBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "results": [
                     *         {
                     *           "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *           "ok": true,
                     *           "execution": {
                     *             "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *             "recurring_id": "rjob_daily_cleanup",
                     *             "job_type": "reports.daily_cleanup",
                     *             "queue": "default",
                     *             "payload": {
                     *               "retain_days": 30
                     *             },
                     *             "status": "succeeded",
                     *             "trigger": "schedule",
                     *             "attempt": 1,
                     *             "max_attempts": 3,
                     *             "timeout_seconds": 300,
                     *             "scheduled_for": "2026-03-25T07:00:00Z",
                     *             "coalesced_count": 1,
                     *             "covers_until": "2026-03-25T07:00:00Z",
                     *             "enqueued_at": "2026-03-25T07:00:00Z",
                     *             "available_at": "2026-03-25T07:00:00Z",
                     *             "started_at": "2026-03-25T07:00:02Z",
                     *             "finished_at": "2026-03-25T07:00:09Z",
                     *             "lease_expires_at": null,
                     *             "worker_id": "worker-1",
                     *             "last_error": null
                     *           }
                     *         },
                     *         {
                     *           "id": "5d0c3c1e-8f43-4f55-9d7e-2b8e7a4d2c10",
                     *           "ok": false,
                     *           "error": {
                     *             "code": "lease_conflict",
                     *             "message": "Execution 5d0c3c1e-8f43-4f55-9d7e-2b8e7a4d2c10 is leased to another worker"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["HeartbeatExecutionsResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    heartbeatExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-1"
                 *     }
                 */
                "application/json": components["schemas"]["WorkerBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *       "recurring_id": "rjob_daily_cleanup",
                     *       "job_type": "reports.daily_cleanup",
                     *       "queue": "default",
                     *       "payload": {
                     *         "retain_days": 30
                     *       },
                     *       "status": "running",
                     *       "trigger": "schedule",
                     *       "attempt": 1,
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 300,
                     *       "scheduled_for": "2026-03-25T07:00:00Z",
                     *       "coalesced_count": 1,
                     *       "covers_until": "2026-03-25T07:00:00Z",
                     *       "enqueued_at": "2026-03-25T07:00:00Z",
                     *       "available_at": "2026-03-25T07:00:00Z",
                     *       "started_at": "2026-03-25T07:00:02Z",
                     *       "finished_at": null,
                     *       "lease_expires_at": "2026-03-25T07:05:02Z",
                     *       "worker_id": "worker-1",
                     *       "last_error": null
                     *     }
                     */
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    completeExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-1",
                 *       "result": {
                 *         "rows_deleted": 1204
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CompleteExecutionBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *       "recurring_id": "rjob_daily_cleanup",
                     *       "job_type": "reports.daily_cleanup",
                     *       "queue": "default",
                     *       "payload": {
                     *         "retain_days": 30
                     *       },
                     *       "status": "running",
                     *       "trigger": "schedule",
                     *       "attempt": 1,
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 300,
                     *       "scheduled_for": "2026-03-25T07:00:00Z",
                     *       "coalesced_count": 1,
                     *       "covers_until": "2026-03-25T07:00:00Z",
                     *       "enqueued_at": "2026-03-25T07:00:00Z",
                     *       "available_at": "2026-03-25T07:00:00Z",
                     *       "started_at": "2026-03-25T07:00:02Z",
                     *       "finished_at": null,
                     *       "lease_expires_at": "2026-03-25T07:05:02Z",
                     *       "worker_id": "worker-1",
                     *       "last_error": null
                     *     }
                     */
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    failExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "worker_id": "worker-1",
                 *       "error": "upstream answered 502"
                 *     }
                 */
                "application/json": components["schemas"]["FailExecutionBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *       "recurring_id": "rjob_daily_cleanup",
                     *       "job_type": "reports.daily_cleanup",
                     *       "queue": "default",
                     *       "payload": {
                     *         "retain_days": 30
                     *       },
                     *       "status": "running",
                     *       "trigger": "schedule",
                     *       "attempt": 1,
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 300,
                     *       "scheduled_for": "2026-03-25T07:00:00Z",
                     *       "coalesced_count": 1,
                     *       "covers_until": "2026-03-25T07:00:00Z",
                     *       "enqueued_at": "2026-03-25T07:00:00Z",
                     *       "available_at": "2026-03-25T07:00:00Z",
                     *       "started_at": "2026-03-25T07:00:02Z",
                     *       "finished_at": null,
                     *       "lease_expires_at": "2026-03-25T07:05:02Z",
                     *       "worker_id": "worker-1",
                     *       "last_error": null
                     *     }
                     */
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listExecutions: {
        parameters: {
            query?: {
                recurring_id?: string;
                status?: "queued" | "running" | "succeeded" | "failed";
                queue?: string;
                /** @description Page size, 1–1000, default 100. A page also stops before its JSON passes 4 MiB; next_cursor is set whenever more executions remain */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionList"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *       "recurring_id": "rjob_daily_cleanup",
                     *       "job_type": "reports.daily_cleanup",
                     *       "queue": "default",
                     *       "payload": {
                     *         "retain_days": 30
                     *       },
                     *       "status": "running",
                     *       "trigger": "schedule",
                     *       "attempt": 1,
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 300,
                     *       "scheduled_for": "2026-03-25T07:00:00Z",
                     *       "coalesced_count": 1,
                     *       "covers_until": "2026-03-25T07:00:00Z",
                     *       "enqueued_at": "2026-03-25T07:00:00Z",
                     *       "available_at": "2026-03-25T07:00:00Z",
                     *       "started_at": "2026-03-25T07:00:02Z",
                     *       "finished_at": null,
                     *       "lease_expires_at": "2026-03-25T07:05:02Z",
                     *       "worker_id": "worker-1",
                     *       "last_error": null
                     *     }
                     */
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    triggerRecurringJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example rjob_daily_cleanup */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *       "recurring_id": "rjob_daily_cleanup",
                     *       "job_type": "reports.daily_cleanup",
                     *       "queue": "default",
                     *       "payload": {
                     *         "retain_days": 30
                     *       },
                     *       "status": "running",
                     *       "trigger": "schedule",
                     *       "attempt": 1,
                     *       "max_attempts": 3,
                     *       "timeout_seconds": 300,
                     *       "scheduled_for": "2026-03-25T07:00:00Z",
                     *       "coalesced_count": 1,
                     *       "covers_until": "2026-03-25T07:00:00Z",
                     *       "enqueued_at": "2026-03-25T07:00:00Z",
                     *       "available_at": "2026-03-25T07:00:00Z",
                     *       "started_at": "2026-03-25T07:00:02Z",
                     *       "finished_at": null,
                     *       "lease_expires_at": "2026-03-25T07:05:02Z",
                     *       "worker_id": "worker-1",
                     *       "last_error": null
                     *     }
                     */
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRecurringJobOccurrences: {
        parameters: {
            query?: {
                /**
                 * @description RFC 3339; the window starts here (inclusive). Default now − 7 days
                 * @example 2026-03-24T00:00:00Z
                 */
                from?: string;
                /**
                 * @description RFC 3339; the window ends here (exclusive). Default now + 1 day. to − from ≤ 31 days for schedules firing more than once a minute, else ≤ 5 years
                 * @example 2026-03-24T00:00:00Z
                 */
                to?: string;
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Stable identifier chosen by the client, unique per tenant; it also seeds `H` in the cron expression
                 * @example rjob_daily_cleanup
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "scheduled_for": "2026-03-24T03:00:00Z",
                     *           "outcome": "enqueued",
                     *           "execution_id": "0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11",
                     *           "execution_status": "succeeded"
                     *         },
                     *         {
                     *           "scheduled_for": "2026-03-24T04:00:00Z",
                     *           "outcome": "skipped_overlap"
                     *         },
                     *         {
                     *           "scheduled_for": "2026-03-24T05:00:00Z",
                     *           "outcome": "upcoming"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ListRecurringJobOccurrencesResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    backfillRecurringJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Stable identifier chosen by the client, unique per tenant; it also seeds `H` in the cron expression
                 * @example rjob_daily_cleanup
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackfillRecurringJobBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "occurrences": 96,
                     *       "enqueued": 12,
                     *       "already_present": 84
                     *     }
                     */
                    "application/json": components["schemas"]["BackfillRecurringJobResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRecurringJobHistory: {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Stable identifier chosen by the client, unique per tenant; it also seeds `H` in the cron expression
                 * @example rjob_daily_cleanup
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "at": "2026-03-24T16:00:00Z",
                     *           "action": "paused",
                     *           "actor": {
                     *             "key_id": "4f1c2a7e-9d3b-4c55-8e21-6a0b9f3d2c10",
                     *             "user_id": "7a9e3c1d-2b4f-4e6a-9c8d-1f0e2d3c4b5a"
                     *           },
                     *           "changes": {
                     *             "enabled": [
                     *               true,
                     *               false
                     *             ],
                     *             "pause_note": [
                     *               null,
                     *               "upstream outage"
                     *             ]
                     *           }
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ListRecurringJobHistoryResponse"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listJobSeries: {
        parameters: {
            query?: {
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                customer_id?: string;
                /**
                 * @description alias of customer_id
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                customerId?: string;
                /** @description 1-based page of 20 rows */
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobSeriesPage"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createJobSeries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Weekly lawn maintenance",
                 *       "rrule": "FREQ=WEEKLY;BYDAY=MO",
                 *       "timezone": "America/Los_Angeles",
                 *       "dtstart": "2026-07-07",
                 *       "customer_id": "aaaaaaaa-0000-0000-0000-000000000001",
                 *       "line_items": [
                 *         {
                 *           "description": "Mow and edge",
                 *           "unit_price": 80,
                 *           "quantity": 1
                 *         }
                 *       ],
                 *       "assigned_user_ids": [
                 *         "bbbbbbbb-0000-0000-0000-000000000002"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateJobSeriesBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobSeries"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewJobSeries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "rrule": "FREQ=WEEKLY;BYDAY=MO",
                 *       "dtstart": "2026-07-07",
                 *       "timezone": "America/Los_Angeles",
                 *       "count": 3
                 *     }
                 */
                "application/json": components["schemas"]["PreviewRruleBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "occurrences": [
                     *         {
                     *           "date": "2026-07-13",
                     *           "scheduled_start": "2026-07-13T00:00:00-07:00"
                     *         },
                     *         {
                     *           "date": "2026-07-20",
                     *           "scheduled_start": "2026-07-20T00:00:00-07:00"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RruleOccurrences"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJobSeries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description record id (uuid); anything else is simply not found
                 * @example cccccccc-0000-0000-0000-000000000003
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobSeriesDetail"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateJobSeries: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description the series ETag from GET or PATCH; another value answers 412 precondition_failed
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description record id (uuid); anything else is simply not found
                 * @example cccccccc-0000-0000-0000-000000000003
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Weekly lawn maintenance and hedges",
                 *       "line_items": [
                 *         {
                 *           "description": "Mow and edge",
                 *           "unit_price": 80,
                 *           "quantity": 1
                 *         },
                 *         {
                 *           "description": "Trim hedges",
                 *           "unit_price": 25,
                 *           "quantity": 1
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["UpdateJobSeriesBody"];
            };
        };
        responses: {
            /** @description the series record plus regeneration; with dry_run: {series, regeneration}, nothing written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                         */
                        id: string;
                        /**
                         * Format: uuid
                         * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                         */
                        tenant_id: string;
                        title: string;
                        description: string | null;
                        rrule: string;
                        timezone: string;
                        /**
                         * @description calendar date YYYY-MM-DD
                         * @example 2026-07-07
                         */
                        dtstart: string;
                        /**
                         * @description calendar date YYYY-MM-DD
                         * @example 2026-07-07
                         */
                        ends_on: string | null;
                        max_occurrences: number | null;
                        flat_price: number | null;
                        /**
                         * Format: uuid
                         * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                         */
                        customer_id: string | null;
                        external_id: string | null;
                        exdates: string[];
                        rdates: string[];
                        /**
                         * Format: uuid
                         * @description the series this one continues from (job_series.split), else null
                         * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                         */
                        split_from_id: string | null;
                        /**
                         * Format: uuid
                         * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                         */
                        created_by: string | null;
                        /**
                         * Format: date-time
                         * @description RFC 3339 UTC, whole seconds
                         * @example 2026-03-25T07:00:00Z
                         */
                        ended_at: string | null;
                        /**
                         * Format: date-time
                         * @description RFC 3339 UTC, whole seconds
                         * @example 2026-03-25T07:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description RFC 3339 UTC, whole seconds
                         * @example 2026-03-25T07:00:00Z
                         */
                        updated_at: string | null;
                        /**
                         * @example {
                         *       "cancelled": [
                         *         "2026-07-13",
                         *         "2026-07-20"
                         *       ],
                         *       "created": [
                         *         "2026-07-14",
                         *         "2026-07-21"
                         *       ],
                         *       "kept": [
                         *         "2026-07-06"
                         *       ],
                         *       "preserved": []
                         *     }
                         */
                        regeneration: {
                            /** @description dates whose pending instance the update cancels (series_updated) */
                            cancelled: string[];
                            /** @description dates that get a new instance */
                            created: string[];
                            /** @description dates whose instance stays as it is (in progress, done, cancelled by a user, or already started) */
                            kept: string[];
                            /** @description dates whose pending instance stays because it was edited on its own (preserve_exceptions) */
                            preserved: string[];
                        };
                    } | {
                        series: {
                            /**
                             * Format: uuid
                             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                             */
                            id: string;
                            /**
                             * Format: uuid
                             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                             */
                            tenant_id: string;
                            title: string;
                            description: string | null;
                            rrule: string;
                            timezone: string;
                            /**
                             * @description calendar date YYYY-MM-DD
                             * @example 2026-07-07
                             */
                            dtstart: string;
                            /**
                             * @description calendar date YYYY-MM-DD
                             * @example 2026-07-07
                             */
                            ends_on: string | null;
                            max_occurrences: number | null;
                            flat_price: number | null;
                            /**
                             * Format: uuid
                             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                             */
                            customer_id: string | null;
                            external_id: string | null;
                            exdates: string[];
                            rdates: string[];
                            /**
                             * Format: uuid
                             * @description the series this one continues from (job_series.split), else null
                             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                             */
                            split_from_id: string | null;
                            /**
                             * Format: uuid
                             * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                             */
                            created_by: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC, whole seconds
                             * @example 2026-03-25T07:00:00Z
                             */
                            ended_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC, whole seconds
                             * @example 2026-03-25T07:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC, whole seconds
                             * @example 2026-03-25T07:00:00Z
                             */
                            updated_at: string | null;
                        };
                        /**
                         * @example {
                         *       "cancelled": [
                         *         "2026-07-13",
                         *         "2026-07-20"
                         *       ],
                         *       "created": [
                         *         "2026-07-14",
                         *         "2026-07-21"
                         *       ],
                         *       "kept": [
                         *         "2026-07-06"
                         *       ],
                         *       "preserved": []
                         *     }
                         */
                        regeneration: {
                            /** @description dates whose pending instance the update cancels (series_updated) */
                            cancelled: string[];
                            /** @description dates that get a new instance */
                            created: string[];
                            /** @description dates whose instance stays as it is (in progress, done, cancelled by a user, or already started) */
                            kept: string[];
                            /** @description dates whose pending instance stays because it was edited on its own (preserve_exceptions) */
                            preserved: string[];
                        };
                    };
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition failed: If-Match / If-None-Match did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    splitJobSeries: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description the series ETag from GET or PATCH; another value answers 412 precondition_failed
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description record id (uuid); anything else is simply not found
                 * @example cccccccc-0000-0000-0000-000000000003
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from_date": "2026-09-07",
                 *       "rrule": "FREQ=WEEKLY;BYDAY=TU",
                 *       "line_items": [
                 *         {
                 *           "description": "Mow and edge",
                 *           "unit_price": 85,
                 *           "quantity": 1
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["SplitJobSeriesBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobSeriesSplit"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition failed: If-Match / If-None-Match did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    endJobSeries: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description the series ETag from GET or PATCH; another value answers 412 precondition_failed
                 * @example "v3"
                 */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description record id (uuid); anything else is simply not found
                 * @example cccccccc-0000-0000-0000-000000000003
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobSeriesEnded"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition failed: If-Match / If-None-Match did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewRrule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "rrule": "FREQ=WEEKLY;BYDAY=MO",
                 *       "dtstart": "2026-07-07",
                 *       "timezone": "America/Los_Angeles",
                 *       "count": 3
                 *     }
                 */
                "application/json": components["schemas"]["PreviewRruleBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "occurrences": [
                     *         {
                     *           "date": "2026-07-13",
                     *           "scheduled_start": "2026-07-13T00:00:00-07:00"
                     *         },
                     *         {
                     *           "date": "2026-07-20",
                     *           "scheduled_start": "2026-07-20T00:00:00-07:00"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RruleOccurrences"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /**
                 * @description only instances of this series
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                seriesId?: string;
                /**
                 * @description alias of seriesId
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                series_id?: string;
                /** @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11 */
                customer_id?: string;
                /**
                 * @description alias of customer_id
                 * @example 0b7e6f56-3f9a-4a70-8a4e-1f2f1f0c9d11
                 */
                customerId?: string;
                /** @description unscheduled | scheduled | in_progress | done | cancelled (pending = unscheduled or scheduled) */
                status?: "unscheduled" | "scheduled" | "in_progress" | "done" | "cancelled";
                /**
                 * @description a date YYYY-MM-DD (compared with occurrence_date, inclusive) or an RFC 3339 instant (compared with scheduled_start: from inclusive, to exclusive)
                 * @example 2026-07-01
                 */
                from?: string;
                /**
                 * @description a date YYYY-MM-DD (compared with occurrence_date, inclusive) or an RFC 3339 instant (compared with scheduled_start: from inclusive, to exclusive)
                 * @example 2026-07-01
                 */
                to?: string;
                /** @description 1-based page of 20 rows */
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description record id (uuid); anything else is simply not found
                 * @example cccccccc-0000-0000-0000-000000000003
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDetail"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description record id (uuid); anything else is simply not found
                 * @example cccccccc-0000-0000-0000-000000000003
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateJobBody"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Invalid request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    callMcp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A JSON-RPC 2.0 request (or notification) of the MCP protocol: initialize, ping, tools/list, tools/call. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "jsonrpc": "2.0",
                 *       "id": 1,
                 *       "method": "tools/call",
                 *       "params": {
                 *         "name": "job_series.create",
                 *         "arguments": {
                 *           "title": "Weekly lawn maintenance",
                 *           "rrule": "FREQ=WEEKLY;BYDAY=MO",
                 *           "timezone": "America/Los_Angeles",
                 *           "dtstart": "2026-07-07",
                 *           "customer_id": "aaaaaaaa-0000-0000-0000-000000000001",
                 *           "line_items": [
                 *             {
                 *               "description": "Mow and edge",
                 *               "unit_price": 80,
                 *               "quantity": 1
                 *             }
                 *           ],
                 *           "assigned_user_ids": [
                 *             "bbbbbbbb-0000-0000-0000-000000000002"
                 *           ]
                 *         }
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @enum {unknown} */
                    jsonrpc: "2.0";
                    id?: string | number;
                    /** @example tools/call */
                    method: string;
                    params?: Record<string, never>;
                } | Record<string, never>[];
            };
        };
        responses: {
            /** @description The JSON-RPC response: {jsonrpc, id, result} or {jsonrpc, id, error: {code, message}}. Tool failures are results with isError: true and the error body as text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jsonrpc": "2.0",
                     *       "id": 1,
                     *       "result": {
                     *         "content": [
                     *           {
                     *             "type": "text",
                     *             "text": "{\"id\":\"cccccccc-0000-0000-0000-000000000003\",\"title\":\"Weekly lawn maintenance\"}"
                     *           }
                     *         ],
                     *         "structuredContent": {
                     *           "id": "cccccccc-0000-0000-0000-000000000003",
                     *           "title": "Weekly lawn maintenance"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": Record<string, never> | Record<string, never>[];
                };
            };
            /** @description Accepted: the body held only notifications or responses; no content */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Missing, unknown or revoked key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key lacks a required scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Database unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
