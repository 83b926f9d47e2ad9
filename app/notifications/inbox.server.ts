import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { applications, notifications } from "../../db/schema";

// A person's in-app inbox: newest first, a page at a time (keyset on time and id), and marking as read.

/** A page ends at a notification: the next page starts after it (its id; times compare in the database, to the microsecond). */
export const isCursor = (text: string | null): text is string => z.uuid().safeParse(text).success;

/** One page of the inbox (notifications_person_idx), with the reference of each one's application. */
export async function listNotifications(db: Database, personId: string, after: string | null, limit = 20) {
  const rows = await db
    .select({
      id: notifications.id,
      event: notifications.event,
      params: notifications.params,
      language: notifications.language,
      subject: notifications.subject,
      body: notifications.body,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      reference: applications.reference,
    })
    .from(notifications)
    .leftJoin(applications, eq(applications.id, notifications.applicationId))
    .where(
      and(
        eq(notifications.personId, personId),
        eq(notifications.channel, "in-app"),
        after ? sql`(${notifications.createdAt}, ${notifications.id}) < (select created_at, id from notifications where id = ${after})` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page, next: rows.length > limit && last ? last.id : null };
}

export async function countUnread(db: Database, personId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.personId, personId), eq(notifications.channel, "in-app"), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks these of the person's notifications read (others' are untouched, whatever the ids say). */
export async function markRead(db: Database, personId: string, ids: string[], now = new Date()): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.personId, personId),
        eq(notifications.channel, "in-app"),
        isNull(notifications.readAt),
        inArray(notifications.id, ids.slice(0, 100)),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}
