CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_civil_id_idx" ON "audit_events" USING btree (("details"->>'civilId'),"id");
