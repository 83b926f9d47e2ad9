DROP INDEX "step_instances_inbox_idx";--> statement-breakpoint
ALTER TABLE "step_instances" ADD COLUMN "service_id" text;--> statement-breakpoint
UPDATE "step_instances" SET "service_id" = "applications"."service_id" FROM "applications" WHERE "applications"."id" = "step_instances"."application_id";--> statement-breakpoint
ALTER TABLE "step_instances" ALTER COLUMN "service_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "step_instances_inbox_counts_idx" ON "step_instances" USING btree ("agency_id","position","service_id","step_id","deadline_at") WHERE "step_instances"."state" = 'active' and "step_instances"."kind" = 'task';--> statement-breakpoint
CREATE INDEX "step_instances_assignee_idx" ON "step_instances" USING btree ("assigned_account_id","deadline_at") WHERE "step_instances"."state" = 'active' and "step_instances"."kind" = 'task';--> statement-breakpoint
CREATE INDEX "step_instances_completed_idx" ON "step_instances" USING btree ("agency_id","completed_at") WHERE "step_instances"."state" = 'completed' and "step_instances"."kind" = 'task';--> statement-breakpoint
CREATE INDEX "step_instances_inbox_idx" ON "step_instances" USING btree ("agency_id","position","deadline_at","id") WHERE "step_instances"."state" = 'active' and "step_instances"."kind" = 'task';