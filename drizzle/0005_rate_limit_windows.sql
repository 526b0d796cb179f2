CREATE TABLE "rate_limit_windows" (
	"window_start" timestamp with time zone NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_windows_pkey" PRIMARY KEY("window_start","key")
);
