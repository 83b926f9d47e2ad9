-- A kiosk's name and location in both languages. Kiosks registered before keep the one name and
-- location they were given, in both, until an administrator corrects them.
ALTER TABLE "kiosks" ADD COLUMN "name_en" text;--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "location_en" text;--> statement-breakpoint
UPDATE "kiosks" SET "name_en" = "name", "location_en" = "location";--> statement-breakpoint
ALTER TABLE "kiosks" ALTER COLUMN "name_en" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "kiosks" ALTER COLUMN "location_en" SET NOT NULL;
