import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, real, text, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { timestamptz } from "./common";

export const exchangeOutcomes = [
  "ok",
  "not-found",
  "agency-error",
  "unreachable",
  "timeout",
  "bad-signature",
  "bad-response",
  "refused",
  "maintenance",
  // Not sent: the link's circuit is open (the agency failed repeatedly); the work waits for it.
  "circuit-open",
] as const;
export type ExchangeOutcome = (typeof exchangeOutcomes)[number];

/** Every call over the exchange, one row per attempt: who asked what of whom, for which application. */
export const exchangeMessages = pgTable(
  "exchange_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: text("request_id").notNull(),
    applicationId: uuid("application_id"),
    stepInstanceId: uuid("step_instance_id"),
    /** The person the data is about, on whose behalf the portal asks. */
    onBehalfOfPersonId: uuid("on_behalf_of_person_id"),
    callerServiceId: text("caller_service_id").notNull(),
    agencyId: text("agency_id").notNull(),
    operation: text("operation").notNull(),
    purpose: text("purpose").notNull(),
    attempt: integer("attempt").notNull(),
    requestHash: text("request_hash").notNull(),
    responseHash: text("response_hash"),
    httpStatus: integer("http_status"),
    outcome: text("outcome").$type<ExchangeOutcome>().notNull(),
    error: text("error"),
    latencyMs: integer("latency_ms").notNull(),
    /** The same for every attempt of one call (a step's call): a real agency answers it once. */
    idempotencyKey: text("idempotency_key"),
    /** The agency said it had answered this call before and gave its first answer again. */
    isRepeat: boolean("is_repeat").notNull().default(false),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("exchange_messages_application_idx").on(t.applicationId, t.id),
    index("exchange_messages_person_idx").on(t.onBehalfOfPersonId, t.id),
    index("exchange_messages_agency_idx").on(t.agencyId, t.id),
  ],
);

/**
 * How the portal reaches each agency, whether its link is under maintenance (the portal then does
 * not call it: its steps wait, and applicants are told until when), and the faults injected into
 * the simulated endpoints (to prove the portal keeps working when an agency is slow, failing or down).
 */
export const agencyLinks = pgTable(
  "agency_links",
  {
    agencyId: text("agency_id")
      .primaryKey()
      .references(() => agencies.id),
    baseUrl: text("base_url"),
    latencyMs: integer("latency_ms").notNull().default(0),
    errorRate: real("error_rate").notNull().default(0),
    isDown: boolean("is_down").notNull().default(false),
    maintenanceSince: timestamptz("maintenance_since"),
    /** When the agency expects to be back, as an administrator was told; null when it did not say. */
    maintenanceUntil: timestamptz("maintenance_until"),
    /**
     * The link's circuit breaker: closed (calls go), open (no calls; the work waits) after
     * repeated failures, half-open while one call probes whether the agency is back.
     */
    circuitState: text("circuit_state").$type<CircuitState>().notNull().default("closed"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    circuitOpenedAt: timestamptz("circuit_opened_at"),
    circuitClosedAt: timestamptz("circuit_closed_at"),
    /** When an open circuit lets its next probe through; the wait doubles after each failed probe. */
    nextProbeAt: timestamptz("next_probe_at"),
    probeBackoffMs: integer("probe_backoff_ms").notNull().default(0),
    /** When the probe under way began (half-open): a probe that outlives its lease gives way to another. */
    probeStartedAt: timestamptz("probe_started_at"),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("agency_links_maintenance_shape", sql`${t.maintenanceUntil} is null or ${t.maintenanceSince} is not null`),
    check("agency_links_circuit_state", sql`${t.circuitState} in ('closed', 'open', 'half-open')`),
  ],
);

export const circuitStates = ["closed", "open", "half-open"] as const;
export type CircuitState = (typeof circuitStates)[number];

/**
 * The requests an agency's endpoint has answered (the simulated ones keep theirs here), by id: a
 * request id seen before is a replay and is refused. Kept a while longer than a request's window
 * of validity, after which its `issuedAt` alone refuses it.
 */
export const exchangeAnsweredRequests = pgTable(
  "exchange_answered_requests",
  {
    agencyId: text("agency_id").notNull(),
    requestId: text("request_id").notNull(),
    answeredAt: timestamptz("answered_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.requestId] }), index("exchange_answered_requests_at_idx").on(t.answeredAt)],
);

/**
 * The answers a simulated agency gave, by the call's idempotency key: a call repeated (after the
 * portal crashed before it kept the answer) gets the first answer again, marked as a repeat.
 */
export const exchangeIdempotentAnswers = pgTable(
  "exchange_idempotent_answers",
  {
    agencyId: text("agency_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    status: text("status").$type<"ok" | "not-found">().notNull(),
    payload: jsonb("payload").$type<unknown>(),
    answeredAt: timestamptz("answered_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.idempotencyKey] }), index("exchange_idempotent_answers_at_idx").on(t.answeredAt)],
);

export type ExchangeMessage = typeof exchangeMessages.$inferSelect;
export type AgencyLink = typeof agencyLinks.$inferSelect;
