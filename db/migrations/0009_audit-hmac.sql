CREATE TABLE "audit_verifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_verifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"trigger" text NOT NULL,
	"is_intact" boolean NOT NULL,
	"event_count" integer NOT NULL,
	"broken_at_id" bigint,
	"problem" text,
	"checkpoint_last_id" bigint
);
--> statement-breakpoint
-- Rows written before the chain had a key were hashed with plain SHA-256: they keep saying so.
ALTER TABLE "audit_events" ADD COLUMN "hash_scheme" text DEFAULT 'sha256' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash_scheme" SET DEFAULT 'hmac-sha256';--> statement-breakpoint
CREATE INDEX "audit_verifications_at_idx" ON "audit_verifications" USING btree ("verified_at");