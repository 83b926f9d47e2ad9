import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { agencies } from "./agencies";
import { timestamptz } from "./common";
import { people } from "./people";
import { channelEnum } from "./sessions";

export const applicationStatuses = ["draft", "in-progress", "action-needed", "approved", "rejected", "withdrawn"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusEnum = pgEnum("application_status", applicationStatuses);

/** One request by one applicant for one service, made under one version of its definition. */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** What people quote: NAF-2026-000123, per year, gap-free (see application_counters). */
    reference: text("reference").unique(),
    serviceId: text("service_id").notNull(),
    serviceVersion: integer("service_version").notNull(),
    applicantAccountId: uuid("applicant_account_id").references(() => accounts.id, { onDelete: "restrict" }),
    applicantPersonId: uuid("applicant_person_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    channel: channelEnum("channel").notNull(),
    status: applicationStatusEnum("status").notNull(),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    /** What the service's lookups found before the form, by lookup id (prefills and choices came from them). */
    lookups: jsonb("lookups").$type<Record<string, unknown>>().notNull().default({}),
    /** What each completed step left (an agency's answer, a decision, an action, a payment, a certificate), by step id. */
    results: jsonb("results").$type<Record<string, unknown>>().notNull().default({}),
    /** Set while the case waits on the applicant; agency deadlines do not run meanwhile. */
    waitingOnApplicantSince: timestamptz("waiting_on_applicant_since"),
    version: integer("version").notNull().default(0),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    /** When the applicant last saved a page of the draft (or the application last changed). */
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    submittedAt: timestamptz("submitted_at"),
    decidedAt: timestamptz("decided_at"),
  },
  (t) => [
    index("applications_applicant_idx").on(t.applicantPersonId, t.createdAt),
    index("applications_service_status_idx").on(t.serviceId, t.status),
    // One draft per applicant and service: starting again resumes it.
    uniqueIndex("applications_one_draft_idx")
      .on(t.applicantPersonId, t.serviceId)
      .where(sql`${t.status} = 'draft'`),
    // Reports: what each service received, and what it decided, over a range of days.
    index("applications_service_submitted_idx")
      .on(t.serviceId, t.submittedAt)
      .where(sql`${t.submittedAt} is not null`),
    index("applications_service_decided_idx")
      .on(t.serviceId, t.decidedAt)
      .where(sql`${t.decidedAt} is not null`),
    check("applications_submitted_has_reference", sql`${t.status} = 'draft' or (${t.reference} is not null and ${t.submittedAt} is not null)`),
  ],
);

/** Gap-free counters: one row per (series, year), incremented inside the transaction that uses the number. */
export const counters = pgTable(
  "counters",
  {
    series: text("series").notNull(),
    year: integer("year").notNull(),
    value: bigint("value", { mode: "number" }).notNull().default(0),
  },
  (t) => [uniqueIndex("counters_series_year").on(t.series, t.year)],
);

export const stepStates = ["active", "waiting", "completed", "cancelled"] as const;
export type StepState = (typeof stepStates)[number];
export const stepStateEnum = pgEnum("step_state", stepStates);

/** The kinds of workflow step (the catalogue's `Step` union is of these). */
export const stepKinds = ["exchange", "parallel", "decision", "task", "applicant", "payment", "certificate", "end"] as const;
export type StepKind = (typeof stepKinds)[number];
export const stepKindEnum = pgEnum("step_kind", stepKinds);

/** What an application's history records (each has its words in locales/<lang>/timeline.json). */
export const eventActions = [
  "draft-started",
  "submitted",
  "exchange-requested",
  "exchange-answered",
  "exchange-not-found",
  "decided-automatically",
  "assigned",
  "claimed",
  "reassigned",
  "released",
  "task-decided",
  "action-needed",
  "applicant-acted",
  "payment-due",
  "paid",
  "paid-twice",
  "payment-not-applied",
  "refunded",
  "certificate-issued",
  "deadline-passed",
  "branches-joined",
  "approved",
  "rejected",
  "withdrawn",
] as const;
export type EventAction = (typeof eventActions)[number];
export const eventActionEnum = pgEnum("event_action", eventActions);

/**
 * A step of an application's workflow that has been entered: its state moves by compare-and-set
 * on `version`, so of two transitions from one state exactly one wins.
 */
export const stepInstances = pgTable(
  "step_instances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    /** The application's service (a copy, so that inboxes count and filter by service from one index). */
    serviceId: text("service_id").notNull(),
    kind: stepKindEnum("kind").notNull(),
    state: stepStateEnum("state").notNull(),
    version: integer("version").notNull().default(0),
    /** The parallel step this one runs under, when it is part of a branch. */
    parentId: uuid("parent_id"),
    /** Who must act: the agency (and clerk position) for tasks, the agency called for exchanges. */
    agencyId: text("agency_id").references(() => agencies.id),
    position: text("position"),
    assignedAccountId: uuid("assigned_account_id").references(() => accounts.id),
    deadlineAt: timestamptz("deadline_at"),
    pausedAt: timestamptz("paused_at"),
    lateAt: timestamptz("late_at"),
    outcome: text("outcome"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    lastError: text("last_error"),
    attempts: integer("attempts").notNull().default(0),
    startedAt: timestamptz("started_at").notNull().defaultNow(),
    completedAt: timestamptz("completed_at"),
  },
  (t) => [
    index("step_instances_application_idx").on(t.applicationId, t.startedAt),
    index("step_instances_parent_idx").on(t.parentId),
    // Inboxes: the open steps of an agency and position, soonest deadline first.
    index("step_instances_inbox_idx")
      .on(t.agencyId, t.position, t.deadlineAt, t.id)
      .where(sql`${t.state} = 'active' and ${t.kind} = 'task'`),
    // A supervisor's inbox (every position of the agency), soonest deadline first.
    index("step_instances_agency_inbox_idx")
      .on(t.agencyId, t.deadlineAt, t.id)
      .where(sql`${t.state} = 'active' and ${t.kind} = 'task'`),
    // An inbox filtered by service, and by service and step: however few of the open steps they are.
    index("step_instances_service_inbox_idx")
      .on(t.agencyId, t.serviceId, t.deadlineAt, t.id)
      .where(sql`${t.state} = 'active' and ${t.kind} = 'task'`),
    index("step_instances_step_inbox_idx")
      .on(t.agencyId, t.serviceId, t.stepId, t.deadlineAt, t.id)
      .where(sql`${t.state} = 'active' and ${t.kind} = 'task'`),
    // Inbox counts per service and step: read from the index alone.
    index("step_instances_inbox_counts_idx")
      .on(t.agencyId, t.position, t.serviceId, t.stepId, t.deadlineAt)
      .where(sql`${t.state} = 'active' and ${t.kind} = 'task'`),
    // A clerk's own steps ("claimed by me"), and workload per clerk.
    index("step_instances_assignee_idx")
      .on(t.assignedAccountId, t.deadlineAt)
      .where(sql`${t.state} = 'active' and ${t.kind} = 'task'`),
    // Processing times of an agency's steps over a recent period.
    index("step_instances_completed_idx")
      .on(t.agencyId, t.completedAt)
      .where(sql`${t.state} = 'completed' and ${t.kind} = 'task'`),
    // Reports: the time each service's steps took, over a range of days.
    index("step_instances_service_completed_idx")
      .on(t.serviceId, t.completedAt)
      .where(sql`${t.state} = 'completed'`),
    // Reports: whether an application had a task for staff (straight-through when it had none).
    index("step_instances_task_application_idx")
      .on(t.applicationId)
      .where(sql`${t.kind} = 'task'`),
    // The lateness sweep.
    index("step_instances_deadline_idx")
      .on(t.deadlineAt)
      .where(sql`${t.state} = 'active' and ${t.lateAt} is null`),
  ],
);

/** The application's history: every transition, who made it, in what role, and why. */
export const applicationEvents = pgTable(
  "application_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    stepInstanceId: uuid("step_instance_id"),
    stepId: text("step_id"),
    occurredAt: timestamptz("occurred_at").notNull().defaultNow(),
    actorAccountId: uuid("actor_account_id"),
    /** citizen, clerk, supervisor, admin, kiosk, system, or an agency's system for exchange steps. */
    actorRole: text("actor_role").notNull(),
    agencyId: text("agency_id"),
    channel: channelEnum("channel").notNull(),
    action: eventActionEnum("action").notNull(),
    comment: text("comment"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("application_events_application_idx").on(t.applicationId, t.id)],
);

export type Application = typeof applications.$inferSelect;
export type StepInstance = typeof stepInstances.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
