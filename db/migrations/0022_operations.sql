CREATE TABLE "agency_link_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agency_link_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"agency_id" text NOT NULL,
	"event" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_link_events_event" CHECK ("agency_link_events"."event" in ('opened', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "operating_mode" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"read_only_since" timestamp with time zone,
	"reason_ar" text,
	"reason_en" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operating_mode_one_row" CHECK ("operating_mode"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "status_notice_updates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "status_notice_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"notice_id" uuid NOT NULL,
	"body_ar" text NOT NULL,
	"body_en" text NOT NULL,
	"posted_by" uuid,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"impact" text NOT NULL,
	"components" text[] NOT NULL,
	"title_ar" text NOT NULL,
	"title_en" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"planned_end_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_notices_kind" CHECK ("status_notices"."kind" in ('incident', 'maintenance')),
	CONSTRAINT "status_notices_impact" CHECK ("status_notices"."impact" in ('degraded', 'down', 'maintenance')),
	CONSTRAINT "status_notices_components" CHECK (cardinality("status_notices"."components") > 0),
	CONSTRAINT "status_notices_period" CHECK (("status_notices"."planned_end_at" is null or "status_notices"."planned_end_at" > "status_notices"."starts_at") and ("status_notices"."ended_at" is null or "status_notices"."ended_at" >= "status_notices"."starts_at"))
);
--> statement-breakpoint
ALTER TABLE "agency_link_events" ADD CONSTRAINT "agency_link_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operating_mode" ADD CONSTRAINT "operating_mode_changed_by_accounts_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_notice_updates" ADD CONSTRAINT "status_notice_updates_notice_id_status_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."status_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_notice_updates" ADD CONSTRAINT "status_notice_updates_posted_by_accounts_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_notices" ADD CONSTRAINT "status_notices_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_link_events_agency_idx" ON "agency_link_events" USING btree ("agency_id","at");--> statement-breakpoint
CREATE INDEX "status_notice_updates_notice_idx" ON "status_notice_updates" USING btree ("notice_id","posted_at");--> statement-breakpoint
CREATE INDEX "status_notices_open_idx" ON "status_notices" USING btree ("starts_at") WHERE "status_notices"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "status_notices_starts_idx" ON "status_notices" USING btree ("starts_at");