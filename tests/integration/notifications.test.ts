import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../db/schema";
import { ensurePerson } from "../../db/seed/factories";
import { deliverNotification, outboxSmsProvider } from "../../app/notifications/delivery.server";
import { notificationIn, notifyPerson } from "../../app/notifications/notify.server";
import { createTestDatabase, type TestDatabase } from "../setup/database";

let t: TestDatabase;
let smtp: SMTPServer;
let smtpUrl: string;
const received: { to: string; raw: string }[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.close();
});

const params = { reference: "NAF-2026-000042", service: { ar: "القرض الاجتماعي", en: "Social loan" } };

describe("notifications", () => {
  it("are written in the recipient's language to the inbox, and to the email and SMS outboxes", async () => {
    const fatima = await ensurePerson(t.db, {
      civilId: "292091998298",
      nameAr: "فاطمة",
      nameEn: "Fatima",
      email: "fatima@example.kw",
      phone: "+96566234567",
      preferredLanguage: "en",
    });
    const ahmad = await ensurePerson(t.db, { civilId: "288020122596", nameAr: "أحمد", nameEn: "Ahmad", email: null, phone: null, preferredLanguage: "ar" });
    await t.db.transaction(async (tx) => {
      await notifyPerson(tx, fatima.id, "submitted", params, null);
      await notifyPerson(tx, ahmad.id, "submitted", params, null);
    });
    const forFatima = await t.db.select().from(notifications).where(eq(notifications.personId, fatima.id));
    expect(forFatima.map((n) => [n.channel, n.status, n.language])).toEqual(
      expect.arrayContaining([
        ["in-app", "sent", "en"],
        ["email", "pending", "en"],
        ["sms", "pending", "en"],
      ]),
    );
    expect(forFatima[0]!.body).toBe(
      "Your application for Social loan has been received. Its reference number is NAF-2026-000042. You can follow every step on Nafitha.",
    );
    const forAhmad = await t.db.select().from(notifications).where(eq(notifications.personId, ahmad.id));
    expect(forAhmad.map((n) => n.channel)).toEqual(["in-app"]);
    expect(forAhmad[0]!.subject).toBe("تم استلام الطلب رقم NAF-2026-000042");
    // Read after Ahmad switched to English, his inbox says it in English; a row without what it was
    // made from (an earlier release's) stays as written, in its language.
    expect(notificationIn(forAhmad[0]!, "en")).toEqual({
      subject: "Application NAF-2026-000042 received",
      body: "Your application for Social loan has been received. Its reference number is NAF-2026-000042. You can follow every step on Nafitha.",
      language: "en",
    });
    expect(notificationIn({ ...forAhmad[0]!, params: null }, "en")).toMatchObject({ subject: "تم استلام الطلب رقم NAF-2026-000042", language: "ar" });
  });

  it("send email over SMTP when SMTP_URL is set, once", async () => {
    const [email] = await t.db.select().from(notifications).where(eq(notifications.channel, "email"));
    const config = { smtpUrl, mailFrom: "Nafitha <no-reply@nafitha.example>", sms: outboxSmsProvider };
    await deliverNotification(t.db, config, email!.id);
    await deliverNotification(t.db, config, email!.id);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe("fatima@example.kw");
    expect(received[0]!.raw).toContain("Subject: Application NAF-2026-000042 received");
    // The plain text and, beside it, the same words on the portal's letterhead.
    expect(received[0]!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(received[0]!.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(received[0]!.raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
    const [after] = await t.db.select().from(notifications).where(eq(notifications.id, email!.id));
    expect(after).toMatchObject({ status: "sent" });
  });

  it("mark email as skipped without SMTP_URL, and hand SMS to the provider", async () => {
    const fatima = await ensurePerson(t.db, { civilId: "292091998298", nameAr: "فاطمة", nameEn: "Fatima" });
    await t.db.transaction((tx) => notifyPerson(tx, fatima.id, "approved", params, null));
    const rows = await t.db.select().from(notifications).where(eq(notifications.event, "approved"));
    const sent: string[] = [];
    const config = { mailFrom: "x@y.z", sms: { send: async (to: string, text: string) => void sent.push(`${to}|${text}`) } };
    for (const row of rows.filter((r) => r.channel !== "in-app")) await deliverNotification(t.db, config, row.id);
    const after = await t.db.select().from(notifications).where(eq(notifications.event, "approved"));
    expect(after.find((r) => r.channel === "email")).toMatchObject({ status: "skipped", error: "SMTP_URL is not set" });
    expect(after.find((r) => r.channel === "sms")).toMatchObject({ status: "sent" });
    expect(sent).toEqual(["+96566234567|Application NAF-2026-000042 approved\nYour application for Social loan has been approved."]);
  });
});
