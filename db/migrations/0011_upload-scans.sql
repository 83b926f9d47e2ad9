ALTER TABLE "uploads" ADD COLUMN "scan_status" text DEFAULT 'unscanned' NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "scanned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "scan_signature" text;--> statement-breakpoint
CREATE INDEX "uploads_awaiting_scan_idx" ON "uploads" USING btree ("created_at") WHERE "uploads"."scan_status" = 'awaiting-scan';