import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countUnread, isCursor, listNotifications, markRead } from "../../app/notifications/inbox.server";
import { notifyPerson } from "../../app/notifications/notify.server";
import { notifications } from "../../db/schema";
import { ensurePerson } from "../../db/seed/factories";
import { createTestDatabase, type TestDatabase } from "../setup/database";

// The in-app inbox: each person's own notifications, newest first, a page at a time.

let t: TestDatabase;
let ahmad: string;
let fatima: string;
const params = { reference: "NAF-2026-000001", service: { ar: "القرض الاجتماعي", en: "Social loan" } };

beforeAll(async () => {
  t = await createTestDatabase();
  ahmad = (await ensurePerson(t.db, { civilId: "288020122596", nameAr: "أحمد", nameEn: "Ahmad", preferredLanguage: "ar" })).id;
  fatima = (await ensurePerson(t.db, { civilId: "292091998298", nameAr: "فاطمة", nameEn: "Fatima", preferredLanguage: "en" })).id;
  for (let i = 0; i < 25; i++) await notifyPerson(t.db, ahmad, "submitted", params, null);
  await notifyPerson(t.db, fatima, "approved", params, null);
});
afterAll(() => t.close());

describe("the inbox", () => {
  it("pages through a person's notifications, newest first, in their language", async () => {
    const first = await listNotifications(t.db, ahmad, null);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.subject).toMatch(/[\u0600-\u06FF]/);
    const second = await listNotifications(t.db, ahmad, first.next);
    expect(second.items).toHaveLength(5);
    expect(second.next).toBeNull();
    const ids = [...first.items, ...second.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(25);
    expect(isCursor("not-a-cursor")).toBe(false);
    expect((await listNotifications(t.db, fatima, null)).items.map((item) => item.subject)).toEqual([expect.stringMatching(/^[^\u0600-\u06FF]+$/)]);
  });

  it("pages without losing or repeating notifications made in the same instant", async () => {
    const rajesh = (await ensurePerson(t.db, { civilId: "285031244114", nameAr: "راجيش", nameEn: "Rajesh" })).id;
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 23; i++) await notifyPerson(tx, rajesh, "action-needed", params, null);
    });
    const first = await listNotifications(t.db, rajesh, null);
    const second = await listNotifications(t.db, rajesh, first.next);
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(23);
  });

  it("counts and marks a person's own unread notifications only", async () => {
    expect(await countUnread(t.db, ahmad)).toBe(25);
    const [fatimas] = await t.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.personId, fatima));
    const mine = (await listNotifications(t.db, ahmad, null)).items.map((item) => item.id);
    expect(await markRead(t.db, ahmad, [...mine.slice(0, 3), fatimas!.id])).toBe(3);
    expect(await countUnread(t.db, ahmad)).toBe(22);
    expect(await countUnread(t.db, fatima)).toBe(1);
    expect(await markRead(t.db, ahmad, mine.slice(0, 3))).toBe(0);
  });
});
