import type { Database } from "../../db/client";
import { listAgencies } from "../agencies/queries.server";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/audit.server";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import {
  entryChanges,
  entryDataOf,
  insertInformationEntries,
  lockCatalogueOrder,
  moveInformationEntry,
  nextPosition,
  setEntryRetired,
  updateInformationEntry,
} from "../catalogue/entries.server";
import { setPublication, type PublicationChange, type ServiceChannel } from "../catalogue/publication.server";
import { integratedServices } from "../catalogue/services";
import { z } from "zod";
import { arabic, checkEntry, english, entryValuesOf, type EntryField, type EntryProblems } from "./entry-forms";
import { checkValues } from "./forms";

// What administrators do to the catalogue: add and edit information entries, retire them and offer
// them again, move them among their category's; pause, withdraw and publish an integrated service
// on a channel. Each change commits with its audit record.

export interface AdminContext {
  db: Database;
  accountId: string;
  meta: RequestMeta;
  now: Date;
}

const audit = (tx: Database, context: AdminContext, action: AuditAction, subject: { type: string; id: string }, details: Record<string, unknown>) =>
  recordAudit(tx, { ...auditFields(context.meta), actorAccountId: context.accountId, action, subjectType: subject.type, subjectId: subject.id, details });

/** What an entry's id and agency are checked against: the integrated services' ids, the agencies there are. */
export const integratedIds = new Set(integratedServices.map((service) => service.id));

export async function agencyIdsOf(db: Database) {
  return new Set((await listAgencies(db)).map((agency) => agency.id));
}

export type EntryFormResult =
  | { ok: true; id: string }
  | { ok: false; problems: EntryProblems; values: Record<EntryField, string> }
  /** Changed by someone else since the page was opened; `version` is the one the editor had, so that saving again is refused too. */
  | { ok: false; stale: true; values: Record<EntryField, string>; version: number }
  | { ok: false; notFound: true }
  | { ok: false; badVersion: true };

/** The entry's version as its form sent it, or null when it sent none a page of ours would. */
export function readVersion(form: FormData): number | null {
  const text = String(form.get("version") ?? "");
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/** Adds the entry the form describes, last in the listing; its id must be free. */
export async function createEntry(context: AdminContext, form: FormData): Promise<EntryFormResult> {
  const values = entryValuesOf(form);
  const checked = checkEntry(values, await agencyIdsOf(context.db), integratedIds);
  if (!checked.ok) return checked;
  const { entry } = checked;
  return context.db.transaction(async (tx) => {
    await lockCatalogueOrder(tx);
    const position = await nextPosition(tx);
    const [added] = await insertInformationEntries(tx, [{ entry, position }], context.now);
    if (!added) return { ok: false, problems: { id: "id.taken" }, values } as const;
    await audit(tx, context, "catalogue.entry-added", { type: "catalogue-entry", id: entry.id }, { entry, position });
    return { ok: true, id: entry.id } as const;
  });
}

/** Saves an edit made on the entry's page, if nobody changed the entry since the page was opened. */
export async function updateEntry(context: AdminContext, id: string, form: FormData): Promise<EntryFormResult> {
  const values = { ...entryValuesOf(form), id };
  const expectedVersion = readVersion(form);
  if (expectedVersion === null) return { ok: false, badVersion: true };
  const checked = checkEntry(values, await agencyIdsOf(context.db), integratedIds);
  if (!checked.ok) return checked;
  return context.db.transaction(async (tx) => {
    const updated = await updateInformationEntry(tx, checked.entry, { expectedVersion, now: context.now });
    if (!updated.ok)
      return updated.problem === "stale" ? ({ ok: false, stale: true, values, version: expectedVersion } as const) : ({ ok: false, notFound: true } as const);
    const changes = entryChanges(entryDataOf(updated.before), checked.entry);
    await audit(tx, context, "catalogue.entry-updated", { type: "catalogue-entry", id }, { changes, version: updated.after.version });
    return { ok: true, id } as const;
  });
}

export type EntryChangeResult = { ok: true } | { ok: false; problem: "not-found" | "stale" | "edge" };

/** Retires the entry (no longer listed; its page says so) or offers it again. */
export async function retireEntry(context: AdminContext, id: string, retired: boolean, version: number): Promise<EntryChangeResult> {
  return context.db.transaction(async (tx) => {
    const result = await setEntryRetired(tx, id, retired, version, context.now);
    if (!result.ok) return result;
    await audit(tx, context, retired ? "catalogue.entry-retired" : "catalogue.entry-restored", { type: "catalogue-entry", id }, {});
    return { ok: true } as const;
  });
}

/** Moves the entry one place up or down among its category's. */
export async function moveEntry(context: AdminContext, id: string, direction: "up" | "down"): Promise<EntryChangeResult> {
  return context.db.transaction(async (tx) => {
    const moved = await moveInformationEntry(tx, id, direction, context.now);
    if (!moved.ok) return moved;
    await audit(tx, context, "catalogue.entry-moved", { type: "catalogue-entry", id }, { direction, from: moved.from, to: moved.to, past: moved.past });
    return { ok: true } as const;
  });
}

// ---- Integrated services ------------------------------------------------------------------------

export type PublicationResult =
  { ok: true } | { ok: false; problems: Partial<Record<"noticeAr" | "noticeEn", "missing" | "short" | "long" | "not-arabic" | "arabic-in-english">> };

const NoticeSchema = z.object({ noticeAr: arabic(1, 500), noticeEn: english(1, 500) });

/**
 * Publishes, pauses or withdraws an integrated service on a channel, with the notice its page shows
 * (both languages required). Submissions under way finish first; none is taken after it commits.
 */
export async function changePublication(
  context: AdminContext,
  input: { serviceId: string; channel: string; state: string; noticeAr: string; noticeEn: string },
): Promise<PublicationResult | { ok: false; notFound: true } | { ok: false; badState: true }> {
  const service = integratedServices.find((candidate) => candidate.id === input.serviceId);
  const channel = input.channel as ServiceChannel;
  if (!service || !service.channels.includes(channel)) return { ok: false, notFound: true };
  let change: PublicationChange;
  if (input.state === "published") change = { state: "published" };
  else if (input.state === "paused" || input.state === "withdrawn") {
    const checked = checkValues(NoticeSchema, ["noticeAr", "noticeEn"] as const, input);
    if (!checked.ok) return { ok: false, problems: checked.problems as Exclude<PublicationResult, { ok: true }>["problems"] };
    change = { state: input.state, notice: { ar: checked.data.noticeAr, en: checked.data.noticeEn } };
  } else return { ok: false, badState: true };
  return context.db.transaction(async (tx) => {
    const before = await setPublication(tx, { serviceId: service.id, channel, change, accountId: context.accountId, now: context.now });
    await audit(tx, context, "service.publication-changed", { type: "service", id: service.id }, { channel, before: before.state, after: change });
    return { ok: true } as const;
  });
}
