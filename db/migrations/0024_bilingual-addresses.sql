-- A registry's area, street and unit are held in Arabic and English; a name held in one language
-- before this migration is kept as it was, in both.
ALTER TABLE "registry_paci_people" ALTER COLUMN "area" SET DATA TYPE jsonb USING jsonb_build_object('ar', "area", 'en', "area");--> statement-breakpoint
ALTER TABLE "registry_paci_people" ALTER COLUMN "street" SET DATA TYPE jsonb USING jsonb_build_object('ar', "street", 'en', "street");--> statement-breakpoint
ALTER TABLE "registry_moj_property_deeds" ALTER COLUMN "area" SET DATA TYPE jsonb USING jsonb_build_object('ar', "area", 'en', "area");--> statement-breakpoint
ALTER TABLE "registry_kff_licences" ALTER COLUMN "area" SET DATA TYPE jsonb USING jsonb_build_object('ar', "area", 'en', "area");--> statement-breakpoint
ALTER TABLE "registry_kff_licences" ALTER COLUMN "street" SET DATA TYPE jsonb USING jsonb_build_object('ar', "street", 'en', "street");--> statement-breakpoint
ALTER TABLE "registry_kff_licences" ALTER COLUMN "unit" SET DATA TYPE jsonb USING jsonb_build_object('ar', "unit", 'en', "unit");--> statement-breakpoint
ALTER TABLE "registry_km_licences" ALTER COLUMN "area" SET DATA TYPE jsonb USING jsonb_build_object('ar', "area", 'en', "area");--> statement-breakpoint
ALTER TABLE "registry_km_licences" ALTER COLUMN "street" SET DATA TYPE jsonb USING jsonb_build_object('ar', "street", 'en', "street");--> statement-breakpoint
ALTER TABLE "registry_km_licences" ALTER COLUMN "unit" SET DATA TYPE jsonb USING jsonb_build_object('ar', "unit", 'en', "unit");