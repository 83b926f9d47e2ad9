import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listDataReads, listStaffAccess } from "../../app/accounts/data-use.server";
import type { AuditAction } from "../../app/audit/actions";
import { recordAudit } from "../../app/audit/audit.server";
import { catalogue } from "../../app/catalogue/services";

import { applications, people } from "../../db/schema";
import { ensureCitizenAccount, ensurePerson, ensureStaffAccount } from "../../db/seed/factories";
import { testRequestMeta } from "../setup/database";
import { applyForMarriageLoan, useJourneys } from "../support/journeys";

// "Who used my data": the exchange reads of a person's data and the staff who opened their things.

const ctx = useJourneys();

describe("who used my data", () => {
  it("lists every read of the applicant's data by agency, with the service's reason in each language", async () => {
    const { civilId, wife, journey } = await applyForMarriageLoan(ctx);
    const [person] = await ctx.t.db.select().from(people).where(eq(people.civilId, civilId));

    const { items, next } = await listDataReads(ctx.t.db, catalogue, person!.id, null);
    expect(next).toBeNull();
    expect(items.map((read) => read.operation).sort()).toEqual(["kcb.loans", "moj.marriage-contract", "paci.person", "paci.person", "pifss.employment"]);
    const salary = items.find((read) => read.operation === "pifss.employment")!;
    expect(salary).toMatchObject({ agencyId: "pifss", reference: journey.reference, service: { en: "Social loan" }, what: { en: "Employment and salary" } });
    expect(salary.purpose.ar).toBe("التحقق من الراتب لاحتساب القسط الشهري");
    const lookup = items.find((read) => read.operation === "paci.person" && read.reference === null)!;
    expect(lookup.purpose.en).toBe("Show the applicant's details held in the civil registry");

    // Someone else's reads are not listed.
    const other = await ensurePerson(ctx.t.db, { civilId: wife, nameAr: "زوجة", nameEn: "Wife" });
    expect((await listDataReads(ctx.t.db, catalogue, other.id, null)).items).toEqual([]);
  });

  it("lists the staff who opened the person's application or downloaded their certificate, not the person themselves", async () => {
    const civilId = await ctx.person();
    const person = await ensurePerson(ctx.t.db, { civilId, nameAr: "مقدم طلب", nameEn: "Applicant" });
    const own = await ensureCitizenAccount(ctx.t.db, person, "a-long-password-1");
    const clerkPerson = await ensurePerson(ctx.t.db, { civilId: await ctx.person(), nameAr: "نورة الهاجري", nameEn: "Noura Al-Hajri" });
    const clerk = await ensureStaffAccount(ctx.t.db, {
      person: clerkPerson,
      username: "kcb.clerk.test",
      password: "a-long-password-1",
      sealKey: Buffer.alloc(32),
      roles: [{ role: "clerk", agencyId: "kcb", position: "loan-officer" }],
    });
    const [application] = await ctx.t.db
      .insert(applications)
      .values({
        reference: "NAF-2026-777777",
        serviceId: "social-loan",
        serviceVersion: 1,
        applicantPersonId: person.id,
        channel: "web",
        status: "in-progress",
        submittedAt: new Date(),
      })
      .returning();
    const event = (actorAccountId: string, action: AuditAction) =>
      recordAudit(ctx.t.db, { ...testRequestMeta, actorAccountId, action, subjectType: "application", subjectId: application!.id, details: {} });
    await event(clerk.id, "application.viewed");
    await event(own.id, "application.viewed");

    const seen = await listStaffAccess(ctx.t.db, person.id, own.id);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ action: "application.viewed", nameEn: "Noura Al-Hajri", agencyIds: ["kcb"] });
  });
});
