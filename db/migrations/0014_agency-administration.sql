CREATE TABLE "agency_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" text NOT NULL,
	"name" text NOT NULL,
	"responsibility" text NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_contacts_reachable" CHECK ("agency_contacts"."email" is not null or "agency_contacts"."phone" is not null)
);
--> statement-breakpoint
CREATE TABLE "agency_keys" (
	"agency_id" text NOT NULL,
	"key_id" text NOT NULL,
	"public_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" timestamp with time zone,
	"added_by_account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_keys_agency_id_key_id_pk" PRIMARY KEY("agency_id","key_id"),
	CONSTRAINT "agency_keys_id_format" CHECK ("agency_keys"."key_id" ~ '^[A-Za-z0-9._-]{3,64}$'),
	CONSTRAINT "agency_keys_validity" CHECK ("agency_keys"."valid_until" is null or "agency_keys"."valid_until" > "agency_keys"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "maintenance_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agency_links" ADD COLUMN "maintenance_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agency_contacts" ADD CONSTRAINT "agency_contacts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_keys" ADD CONSTRAINT "agency_keys_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_contacts_agency_idx" ON "agency_contacts" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_keys_fingerprint_unique" ON "agency_keys" USING btree ("fingerprint");--> statement-breakpoint
ALTER TABLE "agency_links" ADD CONSTRAINT "agency_links_maintenance_shape" CHECK ("agency_links"."maintenance_until" is null or "agency_links"."maintenance_since" is not null);