CREATE TYPE "public"."application_status" AS ENUM('draft', 'in-progress', 'action-needed', 'approved', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."step_state" AS ENUM('active', 'waiting', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."notification_channel" AS ENUM('in-app', 'email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."certificate_status" AS ENUM('valid', 'revoked');--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "application_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" uuid NOT NULL,
	"step_instance_id" uuid,
	"step_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" uuid,
	"actor_role" text NOT NULL,
	"agency_id" text,
	"channel" "channel" NOT NULL,
	"action" text NOT NULL,
	"comment" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text,
	"service_id" text NOT NULL,
	"service_version" integer NOT NULL,
	"applicant_account_id" uuid,
	"applicant_person_id" uuid NOT NULL,
	"channel" "channel" NOT NULL,
	"status" "application_status" NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"results" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"waiting_on_applicant_since" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	CONSTRAINT "applications_reference_unique" UNIQUE("reference"),
	CONSTRAINT "applications_submitted_has_reference" CHECK ("applications"."status" = 'draft' or ("applications"."reference" is not null and "applications"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "counters" (
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "step_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"kind" text NOT NULL,
	"state" "step_state" NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"parent_id" uuid,
	"agency_id" text,
	"position" text,
	"assigned_account_id" uuid,
	"deadline_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"late_at" timestamp with time zone,
	"outcome" text,
	"result" jsonb,
	"last_error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agency_links" (
	"agency_id" text PRIMARY KEY NOT NULL,
	"base_url" text,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"error_rate" real DEFAULT 0 NOT NULL,
	"is_down" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" text NOT NULL,
	"application_id" uuid,
	"step_instance_id" uuid,
	"on_behalf_of_person_id" uuid,
	"caller_service_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"operation" text NOT NULL,
	"purpose" text NOT NULL,
	"attempt" integer NOT NULL,
	"request_hash" text NOT NULL,
	"response_hash" text,
	"http_status" integer,
	"outcome" text NOT NULL,
	"error" text,
	"latency_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid,
	"account_id" uuid,
	"application_id" uuid,
	"event" text NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"language" "language" NOT NULL,
	"address" text,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registry_kcb_loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"civil_id" text NOT NULL,
	"loan_type" text NOT NULL,
	"amount_fils" bigint NOT NULL,
	"status" text NOT NULL,
	"start_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_moj_marriage_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_number" text NOT NULL,
	"husband_civil_id" text NOT NULL,
	"wife_civil_id" text NOT NULL,
	"contract_date" date NOT NULL,
	"is_first_marriage_of_husband" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_paci_people" (
	"civil_id" text PRIMARY KEY NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"nationality" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"governorate" text NOT NULL,
	"area" text NOT NULL,
	"block" text NOT NULL,
	"street" text NOT NULL,
	"building" text NOT NULL,
	"phone" text,
	"email" text,
	"card_pin_hash" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_pifss_employment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"civil_id" text NOT NULL,
	"employer_ar" text NOT NULL,
	"employer_en" text NOT NULL,
	"start_date" date NOT NULL,
	"monthly_salary_fils" bigint NOT NULL,
	"is_active" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"service_id" text NOT NULL,
	"number" text NOT NULL,
	"verification_code" text NOT NULL,
	"holder_person_id" uuid NOT NULL,
	"signing_agency_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"status" "certificate_status" DEFAULT 'valid' NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "certificates_application_id_unique" UNIQUE("application_id"),
	CONSTRAINT "certificates_number_unique" UNIQUE("number"),
	CONSTRAINT "certificates_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_applicant_account_id_accounts_id_fk" FOREIGN KEY ("applicant_account_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_applicant_person_id_people_id_fk" FOREIGN KEY ("applicant_person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_instances" ADD CONSTRAINT "step_instances_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_instances" ADD CONSTRAINT "step_instances_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_instances" ADD CONSTRAINT "step_instances_assigned_account_id_accounts_id_fk" FOREIGN KEY ("assigned_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_links" ADD CONSTRAINT "agency_links_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_holder_person_id_people_id_fk" FOREIGN KEY ("holder_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "applications_applicant_idx" ON "applications" USING btree ("applicant_person_id","created_at");--> statement-breakpoint
CREATE INDEX "applications_service_status_idx" ON "applications" USING btree ("service_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "counters_series_year" ON "counters" USING btree ("series","year");--> statement-breakpoint
CREATE INDEX "step_instances_application_idx" ON "step_instances" USING btree ("application_id","started_at");--> statement-breakpoint
CREATE INDEX "step_instances_parent_idx" ON "step_instances" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "step_instances_inbox_idx" ON "step_instances" USING btree ("agency_id","position","deadline_at") WHERE "step_instances"."state" = 'active' and "step_instances"."kind" = 'task';--> statement-breakpoint
CREATE INDEX "step_instances_deadline_idx" ON "step_instances" USING btree ("deadline_at") WHERE "step_instances"."state" = 'active' and "step_instances"."late_at" is null;--> statement-breakpoint
CREATE INDEX "exchange_messages_application_idx" ON "exchange_messages" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "exchange_messages_person_idx" ON "exchange_messages" USING btree ("on_behalf_of_person_id","id");--> statement-breakpoint
CREATE INDEX "exchange_messages_agency_idx" ON "exchange_messages" USING btree ("agency_id","id");--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_account_idx" ON "notifications" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_application_idx" ON "notifications" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "kcb_civil_id_idx" ON "registry_kcb_loans" USING btree ("civil_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moj_contract_number" ON "registry_moj_marriage_contracts" USING btree ("contract_number");--> statement-breakpoint
CREATE INDEX "moj_husband_idx" ON "registry_moj_marriage_contracts" USING btree ("husband_civil_id");--> statement-breakpoint
CREATE INDEX "pifss_civil_id_idx" ON "registry_pifss_employment" USING btree ("civil_id");--> statement-breakpoint
CREATE INDEX "certificates_holder_idx" ON "certificates" USING btree ("holder_person_id","issued_at");