CREATE TABLE "exchange_answered_requests" (
	"agency_id" text NOT NULL,
	"request_id" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_answered_requests_agency_id_request_id_pk" PRIMARY KEY("agency_id","request_id")
);
--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "bridge_sequence" bigint;--> statement-breakpoint
CREATE INDEX "exchange_answered_requests_at_idx" ON "exchange_answered_requests" USING btree ("answered_at");