-- A revision of the information entries, kept by a trigger (app/catalogue/catalogue-index.server.ts).
CREATE TABLE "catalogue_revision" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"revision" uuid DEFAULT gen_random_uuid() NOT NULL,
	CONSTRAINT "catalogue_revision_single_row" CHECK ("catalogue_revision"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "catalogue_revision" ("id") VALUES (1);--> statement-breakpoint
-- Every statement that writes the information entries gives the catalogue a new revision: search
-- indexes built from another revision are built again (app/catalogue/catalogue-index.server.ts).
CREATE FUNCTION "catalogue_entries_revised"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "catalogue_revision" SET "revision" = gen_random_uuid() WHERE "id" = 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "catalogue_entries_revised" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "catalogue_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "catalogue_entries_revised"();
