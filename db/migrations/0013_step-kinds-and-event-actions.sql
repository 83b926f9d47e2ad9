CREATE TYPE "public"."event_action" AS ENUM('draft-started', 'submitted', 'exchange-requested', 'exchange-answered', 'exchange-not-found', 'decided-automatically', 'assigned', 'claimed', 'reassigned', 'released', 'task-decided', 'action-needed', 'applicant-acted', 'payment-due', 'paid', 'paid-twice', 'payment-not-applied', 'refunded', 'certificate-issued', 'deadline-passed', 'branches-joined', 'approved', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."step_kind" AS ENUM('exchange', 'parallel', 'decision', 'task', 'applicant', 'payment', 'certificate', 'end');--> statement-breakpoint
ALTER TABLE "application_events" ALTER COLUMN "action" SET DATA TYPE "public"."event_action" USING "action"::"public"."event_action";--> statement-breakpoint
-- The partial indexes compare kind with text; they are made again once kind is an enum.
DROP INDEX "step_instances_inbox_idx";--> statement-breakpoint
DROP INDEX "step_instances_inbox_counts_idx";--> statement-breakpoint
DROP INDEX "step_instances_assignee_idx";--> statement-breakpoint
DROP INDEX "step_instances_completed_idx";--> statement-breakpoint
ALTER TABLE "step_instances" ALTER COLUMN "kind" SET DATA TYPE "public"."step_kind" USING "kind"::"public"."step_kind";--> statement-breakpoint
CREATE INDEX "step_instances_inbox_idx" ON "step_instances" USING btree ("agency_id","position","deadline_at","id") WHERE "step_instances"."state" = 'active' and "step_instances"."kind" = 'task';--> statement-breakpoint
CREATE INDEX "step_instances_inbox_counts_idx" ON "step_instances" USING btree ("agency_id","position","service_id","step_id","deadline_at") WHERE "step_instances"."state" = 'active' and "step_instances"."kind" = 'task';--> statement-breakpoint
CREATE INDEX "step_instances_assignee_idx" ON "step_instances" USING btree ("assigned_account_id","deadline_at") WHERE "step_instances"."state" = 'active' and "step_instances"."kind" = 'task';--> statement-breakpoint
CREATE INDEX "step_instances_completed_idx" ON "step_instances" USING btree ("agency_id","completed_at") WHERE "step_instances"."state" = 'completed' and "step_instances"."kind" = 'task';
