CREATE TABLE "kiosk_prints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kiosk_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"document" text NOT NULL,
	"copy_id" text NOT NULL,
	"printed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kiosk_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"kiosk_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"civil_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
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
	"card_civil_id" text,
	"card_inserted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kiosks_enrolment_code_hash_unique" UNIQUE("enrolment_code_hash"),
	CONSTRAINT "kiosks_credential_hash_unique" UNIQUE("credential_hash")
);
--> statement-breakpoint
ALTER TABLE "kiosk_prints" ADD CONSTRAINT "kiosk_prints_kiosk_id_kiosks_id_fk" FOREIGN KEY ("kiosk_id") REFERENCES "public"."kiosks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_prints" ADD CONSTRAINT "kiosk_prints_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_sessions" ADD CONSTRAINT "kiosk_sessions_kiosk_id_kiosks_id_fk" FOREIGN KEY ("kiosk_id") REFERENCES "public"."kiosks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_sessions" ADD CONSTRAINT "kiosk_sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kiosk_prints_kiosk_idx" ON "kiosk_prints" USING btree ("kiosk_id","printed_at");--> statement-breakpoint
CREATE INDEX "kiosk_sessions_kiosk_idx" ON "kiosk_sessions" USING btree ("kiosk_id","created_at");--> statement-breakpoint
CREATE INDEX "kiosks_governorate_idx" ON "kiosks" USING btree ("governorate","name");