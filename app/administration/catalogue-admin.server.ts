import type { Database } from "../../db/client";
import { listAgencies } from "../agencies/queries.server";
import { recordAudit } from "../audit/audit.server";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import {
  insertInformationEntries,
  lockCatalogueOrder,
  moveInformationEntry,
  nextPosition,
  setEntryRetired,
  updateInformationEntry,
  type InformationEntry,
} from "../catalogue/entries.server";
import type { EntryData } from "../catalogue/entry";
import { setPublication, type PublicationChange, type ServiceChannel } from "../catalogue/publication.server";
import { integratedServices } from "../catalogue/services";
import { checkEntry, entryValuesOf, type EntryField, type EntryProblems } from "./entry-forms";

// What administrators do to the catalogue: add and edit information entries, retire them and offer
// them again, move them among their category's; pause, withdraw and publish an integrated service
// on a channel. Each change commits with its audit record.

export interface AdminContext {
  db: Database;
  accountId: string;
  meta: RequestMeta;
  now: Date;
}

const audit = (tx: Database, context: AdminContext, action: string, subject: { type: string; id: string }, details: Record<string, unknown>) =>
  recordAudit(tx, { ...auditFields(context.meta), actorAccountId: context.accountId, action, subjectType: subject.type, subjectId: subject.id, details });

const integratedIds = new Set(integratedServices.map((service) => service.id));

async function agencyIdsOf(db: Database) {
  return new Set((await listAgencies(db)).map((agency) => agency.id));
}

export type EntryFormResult =
  | { ok: true; id: string }
  | { ok: false; problems: EntryProblems; values: Record<EntryField, string> }
  | { ok: false; stale: true; values: Record<EntryField, string> }
  | { ok: false; notFound: true };

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

/** The fields an edit changed, before and after, for the audit record. */
function changedFields(before: InformationEntry, after: EntryData) {
  const was: Record<string, unknown> = {
    agency: before.agency,
    category: before.category,
    lifeEvents: before.lifeEvents,
    channels: before.channels,
    titleAr: before.title.ar,
    titleEn: before.title.en,
    summaryAr: before.summary.ar,
    summaryEn: before.summary.en,
    url: before.url,
  };
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [field, value] of Object.entries(was)) {
    const next = after[field as keyof EntryData];
    if (JSON.stringify(value) !== JSON.stringify(next)) changes[field] = { before: value, after: next };
  }
  return changes;
}

/** Saves an edit made on the entry's page, if nobody changed the entry since the page was opened. */
export async function updateEntry(context: AdminContext, id: string, form: FormData): Promise<EntryFormResult> {
  const values = { ...entryValuesOf(form), id };
  const expectedVersion = Number.parseInt(String(form.get("version") ?? ""), 10);
  if (!Number.isSafeInteger(expectedVersion)) return { ok: false, stale: true, values };
  const checked = checkEntry(values, await agencyIdsOf(context.db), integratedIds);
  if (!checked.ok) return checked;
  return context.db.transaction(async (tx) => {
    const updated = await updateInformationEntry(tx, checked.entry, { expectedVersion, now: context.now });
    if (!updated.ok) return updated.problem === "stale" ? ({ ok: false, stale: true, values } as const) : ({ ok: false, notFound: true } as const);
    const changes = changedFields(updated.before, checked.entry);
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
  { ok: true } | { ok: false; problems: Partial<Record<"noticeAr" | "noticeEn", "missing" | "long" | "not-arabic" | "arabic-in-english">> };

const ARABIC_LETTER = /[\u0600-\u06FF]/;

function checkNotice(ar: string, en: string) {
  const problems: Exclude<PublicationResult, { ok: true }>["problems"] = {};
  if (!ar) problems.noticeAr = "missing";
  else if (ar.length > 500) problems.noticeAr = "long";
  else if (!ARABIC_LETTER.test(ar)) problems.noticeAr = "not-arabic";
  if (!en) problems.noticeEn = "missing";
  else if (en.length > 500) problems.noticeEn = "long";
  else if (ARABIC_LETTER.test(en)) problems.noticeEn = "arabic-in-english";
  return problems;
}

/**
 * Publishes, pauses or withdraws an integrated service on a channel, with the notice its page shows
 * (both languages required). Submissions under way finish first; none is taken after it commits.
 */
export async function changePublication(
  context: AdminContext,
  input: { serviceId: string; channel: string; state: string; noticeAr: string; noticeEn: string },
): Promise<PublicationResult | { ok: false; notFound: true }> {
  const service = integratedServices.find((candidate) => candidate.id === input.serviceId);
  const channel = input.channel as ServiceChannel;
  if (!service || !service.channels.includes(channel) || !["published", "paused", "withdrawn"].includes(input.state)) return { ok: false, notFound: true };
  let change: PublicationChange;
  if (input.state === "published") change = { state: "published" };
  else {
    const notice = { ar: input.noticeAr.trim(), en: input.noticeEn.trim() };
    const problems = checkNotice(notice.ar, notice.en);
    if (Object.keys(problems).length) return { ok: false, problems };
    change = { state: input.state as "paused" | "withdrawn", notice };
  }
  return context.db.transaction(async (tx) => {
    const before = await setPublication(tx, { serviceId: service.id, channel, change, accountId: context.accountId, now: context.now });
    await audit(tx, context, "service.publication-changed", { type: "service", id: service.id }, { channel, before: before.state, after: change });
    return { ok: true } as const;
  });
}
