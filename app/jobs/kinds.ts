import { z } from "zod";

/**
 * Every kind of background job and the shape of its payload. Enqueuing is typed by this list;
 * the handlers (jobs/handlers.server.ts) must cover it.
 */
export const jobPayloads = {
  "sessions.purge-expired": z.object({}),
  "audit.verify-chain": z.object({}),
  "audit.checkpoint": z.object({}),
  "exchange.call": z.object({ stepInstanceId: z.string().uuid() }),
  "certificate.issue": z.object({ stepInstanceId: z.string().uuid() }),
  "deadlines.mark-late": z.object({}),
  "notification.deliver": z.object({ notificationId: z.string().uuid() }),
  "payment.refund": z.object({ paymentId: z.string().uuid() }),
  "upload.scan": z.object({ uploadId: z.string().uuid() }),
} as const;

export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobPayloads)[K]>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(jobPayloads, kind);
}
