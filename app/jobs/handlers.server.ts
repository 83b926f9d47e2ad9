import { and, isNotNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import { exchangeAnsweredRequests, exchangeIdempotentAnswers, sessions, signInThrottles } from "../../db/schema";
import type { CheckpointStore } from "../audit/checkpoints.server";
import { writeAuditCheckpoint } from "../audit/checkpoints.server";
import { verifyAuditLog } from "../audit/verification.server";
import { type EngineDeps } from "../engine/run.server";
import { issueCertificateStep, markLateSteps, runExchangeStep } from "../engine/work.server";
import type { ExchangeConfig } from "../exchange/client.server";
import { REQUEST_WINDOW_MS } from "../exchange/simulator.server";
import { log } from "../log.server";
import { deliverNotification, type DeliveryConfig } from "../notifications/delivery.server";
import type { PaymentGateway } from "../payments/gateway.server";
import { refundDuplicatePayment } from "../payments/payments.server";
import type { MalwareScanner } from "../uploads/scanner.server";
import { scanWaitingUpload } from "../uploads/uploads.server";
import type { JobKind, JobPayload } from "./kinds";

export interface JobContext {
  db: Database;
  jobId: number;
  attempt: number;
}

export type JobHandlers = { [K in JobKind]: (payload: JobPayload<K>, context: JobContext) => Promise<void> };

/** What the handlers need beyond the database: the catalogue, the exchange, the mail and SMS outlets. */
export interface JobDeps extends EngineDeps {
  exchange: ExchangeConfig;
  delivery: DeliveryConfig;
  auditCheckpoints: CheckpointStore;
  /** The gateway a payment was made through, by its id (`knet`, `terminal`), to refund it. */
  paymentGateway(gatewayId: string): PaymentGateway | null;
  /** The malware scanner (clamd), when one is configured. */
  scanner: MalwareScanner | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Handlers must be idempotent: a job whose worker died is run again. */
export function createJobHandlers(deps: JobDeps): JobHandlers {
  return {
    async "sessions.purge-expired"(_payload, { db }) {
      // Ended sessions are kept a month so the account's session history stays readable. A session
      // that ended by idling out also passed its absolute expiry (12 hours) long before then.
      const keepUntil = new Date(Date.now() - 30 * DAY_MS);
      await db.delete(sessions).where(or(lt(sessions.expiresAt, keepUntil), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, keepUntil))));
      await db.delete(signInThrottles).where(lt(signInThrottles.windowStartedAt, new Date(Date.now() - DAY_MS)));
      // Past its window a request is refused for its age alone; its id need not be kept.
      await db.delete(exchangeAnsweredRequests).where(lt(exchangeAnsweredRequests.answeredAt, new Date(Date.now() - 2 * REQUEST_WINDOW_MS)));
      // A step's call is repeated within hours at most (its attempts, a worker's lease): a week is ample.
      await db.delete(exchangeIdempotentAnswers).where(lt(exchangeIdempotentAnswers.answeredAt, new Date(Date.now() - 7 * DAY_MS)));
    },

    async "audit.verify-chain"(_payload, { db }) {
      await verifyAuditLog(db, deps.auditCheckpoints, "scheduled");
    },

    async "audit.checkpoint"(_payload, { db }) {
      await writeAuditCheckpoint(db, deps.auditCheckpoints);
    },

    async "exchange.call"({ stepInstanceId }, { db, attempt }) {
      await runExchangeStep(db, deps, deps.exchange, stepInstanceId, attempt);
    },

    async "certificate.issue"({ stepInstanceId }, { db }) {
      await issueCertificateStep(db, deps, stepInstanceId);
    },

    async "deadlines.mark-late"(_payload, { db }) {
      const marked = await markLateSteps(db, deps);
      if (marked) log.info("steps marked late", { count: marked });
    },

    async "notification.deliver"({ notificationId }, { db }) {
      await deliverNotification(db, deps.delivery, notificationId);
    },

    async "upload.scan"({ uploadId }, { db }) {
      const status = await scanWaitingUpload(db, deps.scanner, uploadId);
      if (status === "infected") log.warn("an upload awaiting its scan was found infected", { uploadId });
    },

    async "payment.refund"({ paymentId }, { db }) {
      const refunded = await refundDuplicatePayment(db, deps.paymentGateway, paymentId);
      if (refunded?.status === "refunded") log.info("duplicate payment refunded", { paymentId, refundReceiptNumber: refunded.refundReceiptNumber });
    },
  };
}

/** Jobs the worker enqueues on a timer; the dedupe key makes one per period across all workers. */
export const scheduledJobs: { kind: JobKind; everyMs: number }[] = [
  { kind: "sessions.purge-expired", everyMs: 60 * 60 * 1000 },
  { kind: "audit.verify-chain", everyMs: DAY_MS },
  // The chain's head, signed, every few minutes: the newest rows cannot vanish for longer unseen.
  { kind: "audit.checkpoint", everyMs: 5 * 60 * 1000 },
  { kind: "deadlines.mark-late", everyMs: 5 * 60 * 1000 },
];
