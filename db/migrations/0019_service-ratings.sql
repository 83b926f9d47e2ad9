CREATE TABLE "service_ratings" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_ratings_rating_range" CHECK ("service_ratings"."rating" between 1 and 5),
	CONSTRAINT "service_ratings_comment_length" CHECK ("service_ratings"."comment" is null or char_length("service_ratings"."comment") between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_ratings_service_idx" ON "service_ratings" USING btree ("service_id","rated_at");