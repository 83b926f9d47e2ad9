CREATE TABLE "kiosks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"governorate" text NOT NULL,
	"location" text NOT NULL,
	"enrolment_code_hash" text,
	"enrolment_expires_at" timestamp with time zone,
	"credential_hash" text,
	"enrolled_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"printer_status" text,
	"paper_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kiosks_enrolment_code_hash_unique" UNIQUE("enrolment_code_hash"),
	CONSTRAINT "kiosks_credential_hash_unique" UNIQUE("credential_hash")
);
--> statement-breakpoint
CREATE INDEX "kiosks_governorate_idx" ON "kiosks" USING btree ("governorate","name");