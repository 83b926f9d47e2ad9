CREATE TYPE "public"."publication_state" AS ENUM('published', 'paused', 'withdrawn');--> statement-breakpoint
CREATE TABLE "catalogue_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"category" text NOT NULL,
	"life_events" text[] DEFAULT '{}'::text[] NOT NULL,
	"channels" text[] NOT NULL,
	"title_ar" text NOT NULL,
	"title_en" text NOT NULL,
	"summary_ar" text NOT NULL,
	"summary_en" text NOT NULL,
	"url" text NOT NULL,
	"position" integer NOT NULL,
	"search_text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_entries_id_format" CHECK ("catalogue_entries"."id" ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
	CONSTRAINT "catalogue_entries_channels_given" CHECK (cardinality("catalogue_entries"."channels") > 0),
	CONSTRAINT "catalogue_entries_position_natural" CHECK ("catalogue_entries"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_publications" (
	"service_id" text NOT NULL,
	"channel" text NOT NULL,
	"state" "publication_state" DEFAULT 'published' NOT NULL,
	"notice_ar" text,
	"notice_en" text,
	"changed_by_account_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_publications_service_id_channel_pk" PRIMARY KEY("service_id","channel"),
	CONSTRAINT "service_publications_channel" CHECK ("service_publications"."channel" in ('web', 'kiosk')),
	CONSTRAINT "service_publications_notice" CHECK ("service_publications"."state" = 'published' or ("service_publications"."notice_ar" is not null and "service_publications"."notice_en" is not null))
);
--> statement-breakpoint
ALTER TABLE "catalogue_entries" ADD CONSTRAINT "catalogue_entries_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalogue_entries_order_idx" ON "catalogue_entries" USING btree ("position","id");--> statement-breakpoint
CREATE INDEX "catalogue_entries_category_idx" ON "catalogue_entries" USING btree ("category","position","id");--> statement-breakpoint
CREATE INDEX "catalogue_entries_agency_idx" ON "catalogue_entries" USING btree ("agency_id","position","id");--> statement-breakpoint
CREATE INDEX "catalogue_entries_life_events_idx" ON "catalogue_entries" USING gin ("life_events");