ALTER TYPE "public"."payment_status" ADD VALUE 'duplicate';--> statement-breakpoint
ALTER TYPE "public"."payment_status" ADD VALUE 'refunded';--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_paid_has_receipt";--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refund_reference" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refund_receipt_number" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_completed_idx" ON "payments" USING btree ("completed_at");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_refund_receipt_number_unique" UNIQUE("refund_receipt_number");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_refunded_has_refund" CHECK ("payments"."status"::text <> 'refunded' or ("payments"."refund_reference" is not null and "payments"."refund_receipt_number" is not null and "payments"."refunded_at" is not null));--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_paid_has_receipt" CHECK ("payments"."status"::text not in ('paid', 'duplicate', 'refunded') or "payments"."receipt_number" is not null);