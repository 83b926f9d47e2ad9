import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { servicePublications, type PublicationState } from "../../db/schema";
import type { Text } from "./types";

// Whether an integrated service takes new applications on a channel: published (the default),
// paused (temporarily unavailable: drafts are kept, nothing new is submitted) or withdrawn (no
// longer offered there). Applications already submitted go on in every state. A submission reads
// its service's state under a shared lock, so that once a pause has committed nothing is submitted
// after it, and a pause waits for the submissions already under way.

export type ServiceChannel = "web" | "kiosk";

export type Publication = { state: "published" } | { state: Exclude<PublicationState, "published">; notice: Text; changedAt: Date };

const PUBLISHED: Publication = { state: "published" };

const publicationOf = (row: typeof servicePublications.$inferSelect | undefined): Publication =>
  !row || row.state === "published" ? PUBLISHED : { state: row.state, notice: { ar: row.noticeAr!, en: row.noticeEn! }, changedAt: row.changedAt };

/** Every channel's publication of these services (a channel never set reads as published). */
export async function publicationsOf(db: Database, serviceIds: readonly string[]): Promise<Map<string, Record<ServiceChannel, Publication>>> {
  const rows = serviceIds.length
    ? await db
        .select()
        .from(servicePublications)
        .where(inArray(servicePublications.serviceId, [...serviceIds]))
    : [];
  return new Map(
    serviceIds.map((id) => [
      id,
      {
        web: publicationOf(rows.find((row) => row.serviceId === id && row.channel === "web")),
        kiosk: publicationOf(rows.find((row) => row.serviceId === id && row.channel === "kiosk")),
      },
    ]),
  );
}

export async function publicationOn(db: Database, serviceId: string, channel: ServiceChannel): Promise<Publication> {
  return (await publicationsOf(db, [serviceId])).get(serviceId)![channel];
}

const ensureRow = (tx: Database, serviceId: string, channel: ServiceChannel) =>
  tx.insert(servicePublications).values({ serviceId, channel }).onConflictDoNothing();

/**
 * The service's state on the channel, read under a shared lock that holds until the caller's
 * transaction ends: a submission calls it before it writes, and a change of state waits for it.
 */
export async function lockPublication(tx: Database, serviceId: string, channel: ServiceChannel): Promise<Publication> {
  await ensureRow(tx, serviceId, channel);
  const [row] = await tx
    .select()
    .from(servicePublications)
    .where(and(eq(servicePublications.serviceId, serviceId), eq(servicePublications.channel, channel)))
    .for("share");
  return publicationOf(row);
}

export type PublicationChange = { state: "published" } | { state: "paused" | "withdrawn"; notice: Text };

/** Sets the service's state on the channel; gives the one it had. Waits for submissions under way. */
export async function setPublication(
  tx: Database,
  input: { serviceId: string; channel: ServiceChannel; change: PublicationChange; accountId: string; now: Date },
): Promise<Publication> {
  await ensureRow(tx, input.serviceId, input.channel);
  const where = and(eq(servicePublications.serviceId, input.serviceId), eq(servicePublications.channel, input.channel));
  const [before] = await tx.select().from(servicePublications).where(where).for("update");
  const { change } = input;
  await tx
    .update(servicePublications)
    .set({
      state: change.state,
      noticeAr: change.state === "published" ? null : change.notice.ar,
      noticeEn: change.state === "published" ? null : change.notice.en,
      changedByAccountId: input.accountId,
      changedAt: input.now,
    })
    .where(where);
  return publicationOf(before);
}
