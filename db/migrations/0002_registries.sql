CREATE TABLE "registry_kff_inspection_bookings" (
	"slot_id" text NOT NULL,
	"application_reference" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_kff_inspection_slots" (
	"id" text PRIMARY KEY NOT NULL,
	"governorate" text NOT NULL,
	"starts_at" text NOT NULL,
	"capacity" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_kff_licences" (
	"licence_number" text PRIMARY KEY NOT NULL,
	"cr_number" text NOT NULL,
	"premises_number" text NOT NULL,
	"governorate" text NOT NULL,
	"area" text NOT NULL,
	"block" text NOT NULL,
	"street" text NOT NULL,
	"building" text NOT NULL,
	"unit" text NOT NULL,
	"floor_area_m2" integer NOT NULL,
	"hazard_class" text NOT NULL,
	"floors" integer NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"last_inspection_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_km_licences" (
	"licence_number" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"cr_number" text NOT NULL,
	"premises_number" text NOT NULL,
	"governorate" text NOT NULL,
	"area" text NOT NULL,
	"block" text NOT NULL,
	"street" text NOT NULL,
	"building" text NOT NULL,
	"unit" text NOT NULL,
	"sign_area_m2" integer,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_km_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_number" text NOT NULL,
	"description_ar" text NOT NULL,
	"description_en" text NOT NULL,
	"amount_fils" bigint NOT NULL,
	"issued_on" date NOT NULL,
	"is_paid" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_moci_companies" (
	"cr_number" text PRIMARY KEY NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"licence_number" text NOT NULL,
	"activity_ar" text NOT NULL,
	"activity_en" text NOT NULL,
	"licence_expires_on" date NOT NULL,
	CONSTRAINT "registry_moci_companies_licence_number_unique" UNIQUE("licence_number")
);
--> statement-breakpoint
CREATE TABLE "registry_moci_signatories" (
	"cr_number" text NOT NULL,
	"civil_id" text NOT NULL,
	CONSTRAINT "registry_moci_signatories_cr_number_civil_id_pk" PRIMARY KEY("cr_number","civil_id")
);
--> statement-breakpoint
CREATE TABLE "registry_moj_property_deeds" (
	"deed_number" text PRIMARY KEY NOT NULL,
	"owner_civil_id" text NOT NULL,
	"governorate" text NOT NULL,
	"area" text NOT NULL,
	"block" text NOT NULL,
	"plot" text NOT NULL,
	"registered_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_kcb_loans" ADD COLUMN "application_reference" text;--> statement-breakpoint
CREATE INDEX "kff_booking_slot_idx" ON "registry_kff_inspection_bookings" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "kff_slot_governorate_idx" ON "registry_kff_inspection_slots" USING btree ("governorate","starts_at");--> statement-breakpoint
CREATE INDEX "kff_licence_cr_idx" ON "registry_kff_licences" USING btree ("cr_number");--> statement-breakpoint
CREATE INDEX "kff_licence_premises_idx" ON "registry_kff_licences" USING btree ("premises_number","expires_on");--> statement-breakpoint
CREATE INDEX "km_licence_cr_idx" ON "registry_km_licences" USING btree ("cr_number");--> statement-breakpoint
CREATE INDEX "km_violation_licence_idx" ON "registry_km_violations" USING btree ("licence_number");--> statement-breakpoint
CREATE INDEX "moci_signatory_civil_id_idx" ON "registry_moci_signatories" USING btree ("civil_id");--> statement-breakpoint
CREATE INDEX "moj_deed_owner_idx" ON "registry_moj_property_deeds" USING btree ("owner_civil_id");--> statement-breakpoint
ALTER TABLE "registry_kcb_loans" ADD CONSTRAINT "registry_kcb_loans_application_reference_unique" UNIQUE("application_reference");