ALTER TYPE "public"."job_status" ADD VALUE 'parked';--> statement-breakpoint
CREATE TABLE "exchange_idempotent_answers" (
	"agency_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text NOT NULL,
	"payload" jsonb,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_idempotent_answers_agency_id_idempotency_key_pk" PRIMARY KEY("agency_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "agency_id" text;--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "circuit_state" text DEFAULT 'closed' NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "consecutive_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "circuit_opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "circuit_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "next_probe_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "probe_backoff_ms" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "probe_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD COLUMN "is_repeat" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "exchange_idempotent_answers_at_idx" ON "exchange_idempotent_answers" USING btree ("answered_at");--> statement-breakpoint
CREATE INDEX "jobs_agency_idx" ON "jobs" USING btree ("agency_id","status","created_at","id") WHERE "jobs"."agency_id" is not null;--> statement-breakpoint
ALTER TABLE "agency_links" ADD CONSTRAINT "agency_links_circuit_state" CHECK ("agency_links"."circuit_state" in ('closed', 'open', 'half-open'));