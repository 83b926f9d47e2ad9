import { and, asc, eq, gt, isNull, isNotNull, like, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { catalogueEntries, type CatalogueEntryRow } from "../../db/schema";
import type { AgencyChannel, EntryData } from "./entry";
import { normaliseForSearch } from "./search";
import type { CategoryId, LifeEventId } from "./taxonomy";
import type { Text } from "./types";

// The information-only entries in the database: read for browsing and search, written by the
// administrators' pages and imports (always inside the caller's transaction, with its audit).

/** An information-only entry as the catalogue shows it. */
export interface InformationEntry {
  id: string;
  agency: string;
  category: CategoryId;
  lifeEvents: LifeEventId[];
  channels: AgencyChannel[];
  title: Text;
  summary: Text;
  url: string;
  position: number;
  version: number;
  retiredAt: Date | null;
}

export const informationEntryOf = (row: CatalogueEntryRow): InformationEntry => ({
  id: row.id,
  agency: row.agencyId,
  category: row.category as CategoryId,
  lifeEvents: row.lifeEvents as LifeEventId[],
  channels: row.channels as AgencyChannel[],
  title: { ar: row.titleAr, en: row.titleEn },
  summary: { ar: row.summaryAr, en: row.summaryEn },
  url: row.url,
  position: row.position,
  version: row.version,
  retiredAt: row.retiredAt,
});

/** The entry as its form and its files hold it. */
export const entryDataOf = (entry: InformationEntry): EntryData => ({
  id: entry.id,
  agency: entry.agency,
  category: entry.category,
  lifeEvents: entry.lifeEvents,
  channels: entry.channels,
  titleAr: entry.title.ar,
  titleEn: entry.title.en,
  summaryAr: entry.summary.ar,
  summaryEn: entry.summary.en,
  url: entry.url,
});

/** The fields in which two versions of an entry differ, each before and after. */
export function entryChanges(before: EntryData, after: EntryData): Partial<Record<keyof EntryData, { before: unknown; after: unknown }>> {
  const changes: Partial<Record<keyof EntryData, { before: unknown; after: unknown }>> = {};
  for (const field of Object.keys(before) as (keyof EntryData)[]) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes[field] = { before: before[field], after: after[field] };
  }
  return changes;
}

/** What the administrators' list searches of an entry's own texts (the public search indexes them in memory: catalogue-index.server.ts). */
export const searchTextOf = (entry: Pick<EntryData, "titleAr" | "titleEn" | "summaryAr" | "summaryEn">) =>
  normaliseForSearch([entry.titleAr, entry.titleEn, entry.summaryAr, entry.summaryEn].join(" "));

const columnsOf = (entry: EntryData) => ({
  agencyId: entry.agency,
  category: entry.category,
  lifeEvents: entry.lifeEvents,
  channels: entry.channels,
  titleAr: entry.titleAr,
  titleEn: entry.titleEn,
  summaryAr: entry.summaryAr,
  summaryEn: entry.summaryEn,
  url: entry.url,
  searchText: searchTextOf(entry),
});

export async function getInformationEntry(db: Database, id: string): Promise<InformationEntry | null> {
  const [row] = await db.select().from(catalogueEntries).where(eq(catalogueEntries.id, id));
  return row ? informationEntryOf(row) : null;
}

// ---- Search -----------------------------------------------------------------------------------

const likeEscaped = (term: string) => `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

// ---- The administrators' list -----------------------------------------------------------------

export interface EntryListing {
  q: string;
  agency: string | null;
  category: string | null;
  state: "offered" | "retired" | "all";
  /** The last entry of the page before: keyset paging on (position, id). */
  after: { position: number; id: string } | null;
  limit: number;
}

/** The administrators' list: by listed order, found by id or by words of its texts. */
export async function listInformationEntries(db: Database, listing: EntryListing): Promise<{ entries: InformationEntry[]; hasMore: boolean }> {
  const conditions: SQL[] = [];
  if (listing.state === "offered") conditions.push(isNull(catalogueEntries.retiredAt));
  if (listing.state === "retired") conditions.push(isNotNull(catalogueEntries.retiredAt));
  if (listing.agency) conditions.push(eq(catalogueEntries.agencyId, listing.agency));
  if (listing.category) conditions.push(eq(catalogueEntries.category, listing.category));
  for (const term of normaliseForSearch(listing.q).split(" ").filter(Boolean)) {
    conditions.push(or(like(catalogueEntries.searchText, likeEscaped(term)), like(catalogueEntries.id, likeEscaped(term)))!);
  }
  if (listing.after) {
    const { position, id } = listing.after;
    conditions.push(or(gt(catalogueEntries.position, position), and(eq(catalogueEntries.position, position), gt(catalogueEntries.id, id)))!);
  }
  const rows = await db
    .select()
    .from(catalogueEntries)
    .where(and(...conditions))
    .orderBy(asc(catalogueEntries.position), asc(catalogueEntries.id))
    .limit(listing.limit + 1);
  return { entries: rows.slice(0, listing.limit).map(informationEntryOf), hasMore: rows.length > listing.limit };
}

/** Every entry, in listed order, for an export (of one agency or category when asked). */
export async function allInformationEntries(db: Database, filter: { agency: string | null; category: string | null }): Promise<InformationEntry[]> {
  const conditions: SQL[] = [];
  if (filter.agency) conditions.push(eq(catalogueEntries.agencyId, filter.agency));
  if (filter.category) conditions.push(eq(catalogueEntries.category, filter.category));
  const rows = await db
    .select()
    .from(catalogueEntries)
    .where(and(...conditions))
    .orderBy(asc(catalogueEntries.position), asc(catalogueEntries.id));
  return rows.map(informationEntryOf);
}

// ---- Changes (inside the caller's transaction) ------------------------------------------------

/** Where a new entry goes when no place is given: after every other. */
export async function nextPosition(tx: Database): Promise<number> {
  const [row] = await tx.select({ last: sql<number | null>`max(${catalogueEntries.position})` }).from(catalogueEntries);
  return (row?.last ?? 0) + 10;
}

export interface NewEntry {
  entry: EntryData;
  position: number;
  retiredAt?: Date | null;
}

/** Adds entries in one statement; gives the ids it added (an id already taken is passed over). */
export async function insertInformationEntries(tx: Database, entries: readonly NewEntry[], now: Date): Promise<string[]> {
  if (entries.length === 0) return [];
  const rows = await tx
    .insert(catalogueEntries)
    .values(
      entries.map(({ entry, position, retiredAt }) => ({
        id: entry.id,
        ...columnsOf(entry),
        position,
        retiredAt: retiredAt ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: catalogueEntries.id });
  return rows.map((row) => row.id);
}

// Any constant, the same in every process: whatever places entries (a move, an import) takes it, so
// that two at once never deadlock on each other's rows nor put two entries in one place.
const ORDER_LOCK = 7_240_516;

export async function lockCatalogueOrder(tx: Database) {
  await tx.execute(sql`select pg_advisory_xact_lock(${ORDER_LOCK})`);
}

export type EntryUpdate = { ok: true; before: InformationEntry; after: InformationEntry } | { ok: false; problem: "not-found" | "stale" };

/**
 * Changes an entry's texts and facets (never its id), when it is still at the version the editor
 * read: an edit made on a page opened before someone else's change is refused, not lost.
 */
export async function updateInformationEntry(
  tx: Database,
  entry: EntryData,
  change: { expectedVersion: number | null; position?: number | null; retired?: boolean | null; now: Date },
): Promise<EntryUpdate> {
  const [current] = await tx.select().from(catalogueEntries).where(eq(catalogueEntries.id, entry.id)).for("update");
  if (!current) return { ok: false, problem: "not-found" };
  if (change.expectedVersion !== null && current.version !== change.expectedVersion) return { ok: false, problem: "stale" };
  const retiredAt = change.retired === true ? (current.retiredAt ?? change.now) : change.retired === false ? null : current.retiredAt;
  const [row] = await tx
    .update(catalogueEntries)
    .set({
      ...columnsOf(entry),
      position: change.position ?? current.position,
      retiredAt,
      version: current.version + 1,
      updatedAt: change.now,
    })
    .where(eq(catalogueEntries.id, entry.id))
    .returning();
  return { ok: true, before: informationEntryOf(current), after: informationEntryOf(row!) };
}

/** Whether an entry's row would change: an import leaves rows it would only rewrite as they are. */
export function isSameEntry(current: InformationEntry, entry: EntryData, position: number | null, retired: boolean | null): boolean {
  return (
    Object.keys(entryChanges(entryDataOf(current), entry)).length === 0 &&
    (position === null || position === current.position) &&
    (retired === null || retired === (current.retiredAt !== null))
  );
}

export type Retirement = { ok: true; entry: InformationEntry } | { ok: false; problem: "not-found" | "stale" };

/** Retires an entry (or offers it again); at the version the administrator read. */
export async function setEntryRetired(tx: Database, id: string, retired: boolean, expectedVersion: number, now: Date): Promise<Retirement> {
  const [current] = await tx.select().from(catalogueEntries).where(eq(catalogueEntries.id, id)).for("update");
  if (!current) return { ok: false, problem: "not-found" };
  if (current.version !== expectedVersion) return { ok: false, problem: "stale" };
  const [row] = await tx
    .update(catalogueEntries)
    .set({ retiredAt: retired ? now : null, version: current.version + 1, updatedAt: now })
    .where(eq(catalogueEntries.id, id))
    .returning();
  return { ok: true, entry: informationEntryOf(row!) };
}

export type Move = { ok: true; from: number; to: number; past: string } | { ok: false; problem: "not-found" | "edge" };

/** Moves an entry one place up or down among its category's entries on offer, swapping with its neighbour. */
export async function moveInformationEntry(tx: Database, id: string, direction: "up" | "down", now: Date): Promise<Move> {
  await lockCatalogueOrder(tx);
  const [entry] = await tx.select().from(catalogueEntries).where(eq(catalogueEntries.id, id)).for("update");
  if (!entry || entry.retiredAt) return { ok: false, problem: "not-found" };
  const isUp = direction === "up";
  const [neighbour] = await tx
    .select()
    .from(catalogueEntries)
    .where(
      and(
        eq(catalogueEntries.category, entry.category),
        isNull(catalogueEntries.retiredAt),
        isUp
          ? sql`(${catalogueEntries.position}, ${catalogueEntries.id}) < (${entry.position}, ${entry.id})`
          : sql`(${catalogueEntries.position}, ${catalogueEntries.id}) > (${entry.position}, ${entry.id})`,
      ),
    )
    .orderBy(
      ...(isUp ? [sql`${catalogueEntries.position} desc`, sql`${catalogueEntries.id} desc`] : [asc(catalogueEntries.position), asc(catalogueEntries.id)]),
    )
    .limit(1)
    .for("update");
  if (!neighbour) return { ok: false, problem: "edge" };
  const bump = { version: sql`${catalogueEntries.version} + 1`, updatedAt: now };
  const place = (id: string, position: number) =>
    tx
      .update(catalogueEntries)
      .set({ position, ...bump })
      .where(eq(catalogueEntries.id, id));
  if (neighbour.position !== entry.position) {
    await place(entry.id, neighbour.position);
    await place(neighbour.id, entry.position);
    return { ok: true, from: entry.position, to: neighbour.position, past: neighbour.id };
  }
  // The same place (entries imported with one): the one that is to come second goes one further on,
  // so that no place is ever below zero.
  const second = isUp ? neighbour : entry;
  await place(second.id, entry.position + 1);
  return { ok: true, from: entry.position, to: isUp ? entry.position : entry.position + 1, past: neighbour.id };
}
