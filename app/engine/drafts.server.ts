import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { applications, people, uploads, type Application } from "../../db/schema";
import { validatePage, visibleFields, type FieldProblem } from "../catalogue/form-schema";
import { rawValuesOf } from "../catalogue/form-values";
import { publicationOn } from "../catalogue/publication.server";
import type { Catalogue } from "../catalogue/registry";
import type { FormPage, ServiceDefinition } from "../catalogue/types";
import type { ExchangeConfig } from "../exchange/client.server";
import type { MultipartForm } from "../uploads/multipart.server";
import { receiveFiles } from "../uploads/receive.server";
import { deleteUploads } from "../uploads/uploads.server";
import type { Actor } from "./actor";
import { factsOf } from "./facts";
import { recordEvent } from "./history.server";
import { runLookups } from "./lookups.server";

// A draft is an application not yet submitted (status "draft", no reference): one per applicant
// and service, kept in the database page by page, so it outlives the session that began it and
// is resumed from the dashboard. Submitting it (transitions.server.ts, submitDraft) turns the same row
// into the application, attachments and all.

export interface Draft {
  application: Application;
  service: ServiceDefinition;
  civilId: string;
  /** Lookups the service needs whose agency did not answer when the draft was begun or refreshed. */
  unavailableLookups: string[];
}

type StartResult =
  | { ok: true; draftId: string; isResumed: boolean }
  | { ok: false; reason: "unknown-service" | "not-on-channel" }
  /** Paused or withdrawn on the channel: no new draft (one already begun is resumed, and kept). */
  | { ok: false; reason: "unavailable" };

/**
 * Begins a draft of a service, or resumes the one the applicant already has. A new draft asks
 * the service's agencies what they hold first (prefills and choices), on the applicant's behalf.
 */
export async function startDraft(
  db: Database,
  deps: { catalogue: Catalogue; exchange: ExchangeConfig },
  input: { serviceId: string; person: { id: string; civilId: string }; accountId: string | null; actor: Actor },
): Promise<StartResult> {
  const service = deps.catalogue.get(input.serviceId);
  if (!service) return { ok: false, reason: "unknown-service" };
  const channel = input.actor.channel === "kiosk" ? "kiosk" : "web";
  if (!service.channels.includes(channel)) return { ok: false, reason: "not-on-channel" };
  const existing = await findDraftOf(db, input.person.id, service.id);
  if (existing) return { ok: true, draftId: existing, isResumed: true };
  if ((await publicationOn(db, service.id, channel)).state !== "published") return { ok: false, reason: "unavailable" };
  // The agencies are asked outside any transaction: a slow agency must not hold a row lock.
  const { lookups } = await runLookups(db, deps.exchange, service, { personId: input.person.id, civilId: input.person.civilId });
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(applications)
      .values({
        serviceId: service.id,
        serviceVersion: service.version,
        applicantAccountId: input.accountId,
        applicantPersonId: input.person.id,
        channel,
        status: "draft",
        lookups,
      })
      .onConflictDoNothing()
      .returning({ id: applications.id });
    // Two starts at once (a double click): the other made the draft; resume it.
    if (!created) return { ok: true, draftId: (await findDraftOf(tx, input.person.id, service.id))!, isResumed: true } as const;
    await recordEvent(tx, input.actor, { applicationId: created.id, action: "draft-started" });
    return { ok: true, draftId: created.id, isResumed: false } as const;
  });
}

async function findDraftOf(db: Database, personId: string, serviceId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.applicantPersonId, personId), eq(applications.serviceId, serviceId), eq(applications.status, "draft")));
  return row?.id ?? null;
}

/** The applicant's own draft, with its service; null for anyone else's, or once it is submitted. */
export async function getDraft(db: Database, catalogue: Catalogue, personId: string, draftId: string): Promise<Draft | null> {
  if (!z.uuid().safeParse(draftId).success) return null;
  const [row] = await db
    .select({ application: applications, civilId: people.civilId })
    .from(applications)
    .innerJoin(people, eq(people.id, applications.applicantPersonId))
    .where(and(eq(applications.id, draftId), eq(applications.applicantPersonId, personId)));
  if (!row || row.application.status !== "draft") return null;
  const service = catalogue.get(row.application.serviceId, row.application.serviceVersion);
  if (!service) return null;
  const unavailableLookups = (service.lookups ?? []).map((lookup) => lookup.id).filter((id) => !(id in row.application.lookups));
  return { application: row.application, service, civilId: row.civilId, unavailableLookups };
}

/** Whether the applicant has submitted this application (the draft they were filling in became it). */
export async function getSubmittedFromDraft(db: Database, personId: string, draftId: string): Promise<string | null> {
  if (!z.uuid().safeParse(draftId).success) return null;
  const [row] = await db
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(and(eq(applications.id, draftId), eq(applications.applicantPersonId, personId)));
  return row && row.status !== "draft" ? row.id : null;
}

/** Asks again the agencies that did not answer when the draft was begun. */
export async function refreshDraftLookups(db: Database, exchange: ExchangeConfig, draft: Draft): Promise<void> {
  const { lookups } = await runLookups(db, exchange, draft.service, { personId: draft.application.applicantPersonId, civilId: draft.civilId });
  await db
    .update(applications)
    .set({ lookups: sql`${applications.lookups} || ${JSON.stringify(lookups)}::jsonb`, updatedAt: new Date() })
    .where(and(eq(applications.id, draft.application.id), eq(applications.status, "draft")));
}

/**
 * Saves a page: sets the values given and clears the page's fields that were left empty (or no
 * longer apply), leaving the other pages' answers as they are. Only the owner's draft is touched.
 */
export async function saveDraftAnswers(
  db: Database,
  input: { draftId: string; personId: string; set: Record<string, unknown>; clear: string[] },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .select({ answers: applications.answers })
      .from(applications)
      .where(and(eq(applications.id, input.draftId), eq(applications.applicantPersonId, input.personId), eq(applications.status, "draft")))
      .for("update");
    if (!draft) return false;
    const answers = { ...draft.answers };
    for (const key of input.clear) delete answers[key];
    Object.assign(answers, input.set);
    await tx
      .update(applications)
      .set({ answers, updatedAt: new Date(), version: sql`${applications.version} + 1` })
      .where(eq(applications.id, input.draftId));
    return true;
  });
}

/** Deletes the applicant's draft and what was attached to it. */
export async function discardDraft(db: Database, personId: string, draftId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const owned = and(eq(applications.id, draftId), eq(applications.applicantPersonId, personId), eq(applications.status, "draft"));
    const [draft] = await tx.select({ id: applications.id }).from(applications).where(owned).for("update");
    if (!draft) return false;
    await tx.delete(uploads).where(eq(uploads.applicationId, draft.id));
    await tx.delete(applications).where(owned);
    return true;
  });
}

// ---- saving a page from the form -------------------------------------------------------------

export type PageSaveResult =
  { ok: true; answers: Record<string, unknown> } | { ok: false; problems: Record<string, FieldProblem>; typed: Record<string, string> };

/**
 * Saves one page of a draft from what the browser sent. Files are checked by their bytes and size
 * and kept at once, even if another field of the page has a problem, so nobody has to choose a
 * file twice; the other values are saved when the whole page is valid, and otherwise come back
 * as typed, with their problems.
 */
export async function saveDraftPage(db: Database, draft: Draft, page: FormPage, received: MultipartForm): Promise<PageSaveResult> {
  const { application } = draft;
  const facts = factsOf(application, draft.civilId);
  // Which fields apply follows what was just chosen on this page (a choice that shows another field).
  const posted = rawValuesOf(
    page.fields.filter((field) => !field.prefill),
    received.form,
  );
  const fields = visibleFields(page, { ...facts, answers: { ...application.answers, ...posted } }).filter((field) => !field.prefill);
  const files = await receiveFiles(db, {
    ownerPersonId: application.applicantPersonId,
    applicationId: application.id,
    fields,
    saved: application.answers,
    received,
  });
  const { problems, answers: fileAnswers, cleared, replaced } = files;
  const raw = { ...rawValuesOf(fields, received.form), ...fileAnswers };
  const checked = validatePage(page, raw, { ...facts, answers: { ...application.answers, ...raw } });
  if (!checked.ok) Object.assign(problems, Object.fromEntries(Object.entries(checked.problems).filter(([key]) => !(key in problems))));
  const isValid = Object.keys(problems).length === 0;
  const set = isValid ? (checked.ok ? checked.values : {}) : Object.fromEntries(Object.entries(fileAnswers).filter(([id]) => !problems[id]));
  // A valid page replaces the page's answers: what was left empty, or no longer applies, goes.
  const clear = isValid ? [...page.fields.map((field) => field.id).filter((id) => !(id in set) && !page.fields.find((f) => f.id === id)?.prefill)] : cleared;
  await saveDraftAnswers(db, { draftId: application.id, personId: application.applicantPersonId, set, clear });
  await deleteUploads(db, application.id, replaced);
  if (isValid) return { ok: true, answers: { ...application.answers, ...set } };
  return { ok: false, problems, typed: typedValuesOf(received.form) };
}

/** What the browser sent, as text, to show again in the inputs after a refused page. */
function typedValuesOf(form: FormData): Record<string, string> {
  const typed: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string" && name !== "intent") typed[name] = value;
  return typed;
}
