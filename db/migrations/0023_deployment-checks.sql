CREATE TABLE "deployment_checks" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"secret_check" text NOT NULL,
	"ca_fingerprint" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployment_checks_one_row" CHECK ("deployment_checks"."id" = 1)
);
