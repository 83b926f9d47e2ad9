import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { catalogue } from "../../app/catalogue/services";
import { discardDraft, getDraft, refreshDraftLookups, saveDraftPage, startDraft } from "../../app/engine/drafts.server";
import { submitDraft } from "../../app/engine/transitions.server";
import { getOwnUpload } from "../../app/uploads/uploads.server";
import { applications, paciPeople, uploads } from "../../db/schema";
import { ensurePerson } from "../../db/seed/factories";
import { addMarriageContract } from "../support/registries";
import { useJourneys } from "../support/journeys";

import { addDays, kuwaitToday } from "../../app/i18n/dates";
import type { Actor } from "../../app/engine/actor";
import { samplePdf } from "../fixtures/files";

// Drafts: begun once per service, saved page by page (files checked by their bytes), resumed,
// and submitted exactly once however often the browser sends the submission.

const ctx = useJourneys();
const today = kuwaitToday();
const PDF = samplePdf;

async function applicant() {
  const civilId = await ctx.person();
  const [record] = await ctx.t.db.select().from(paciPeople).where(eq(paciPeople.civilId, civilId));
  const person = await ensurePerson(ctx.t.db, { civilId, nameAr: record!.nameAr, nameEn: record!.nameEn, nationality: record!.nationality });
  const actor: Actor = { accountId: null, role: "applicant", personId: person.id, channel: "web" };
  const contractNumber = `MC-${today.slice(0, 4)}-${civilId.slice(5, 11)}`;
  const contractDate = addDays(today, -60);
  const wife = await ctx.person({ sex: "female", salaryFils: null });
  await addMarriageContract(ctx.t.db, { contractNumber, husbandCivilId: civilId, wifeCivilId: wife, contractDate, isFirstMarriageOfHusband: true });
  return { civilId, person, actor, contractNumber, contractDate };
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
};
const page = (id: string) => catalogue.get("social-loan")!.pages.find((candidate) => candidate.id === id)!;

async function begin(who: Awaited<ReturnType<typeof applicant>>) {
  const started = await startDraft(ctx.t.db, ctx.j.h.deps, {
    serviceId: "social-loan",
    person: { id: who.person.id, civilId: who.civilId },
    accountId: null,
    actor: who.actor,
  });
  if (!started.ok) throw new Error(started.reason);
  return started;
}
const draftOf = async (who: Awaited<ReturnType<typeof applicant>>, id: string) => (await getDraft(ctx.t.db, catalogue, who.person.id, id))!;

describe("drafts", () => {
  it("asks PACI once when begun, and resumes the same draft when begun again", async () => {
    const who = await applicant();
    const first = await begin(who);
    expect(first.isResumed).toBe(false);
    const draft = await draftOf(who, first.draftId);
    expect(draft.application.status).toBe("draft");
    expect(draft.application.reference).toBeNull();
    expect(draft.application.lookups.person).toMatchObject({ found: true, civilId: who.civilId });
    expect(draft.unavailableLookups).toEqual([]);
    const again = await begin(who);
    expect(again).toEqual({ ok: true, draftId: first.draftId, isResumed: true });
    // Another person cannot open it.
    const other = await applicant();
    expect(await getDraft(ctx.t.db, catalogue, other.person.id, first.draftId)).toBeNull();
  });

  it("saves a valid page, refuses an invalid one with what was typed, and checks files by their bytes", async () => {
    const who = await applicant();
    const { draftId } = await begin(who);
    const none = { files: new Map(), tooLarge: new Set<string>() };

    const refused = await saveDraftPage(ctx.t.db, await draftOf(who, draftId), page("loan"), { ...none, form: form({}) });
    expect(refused).toMatchObject({ ok: false, problems: { loanType: { code: "required" } } });
    expect(await saveDraftPage(ctx.t.db, await draftOf(who, draftId), page("loan"), { ...none, form: form({ loanType: "marriage" }) })).toMatchObject({
      ok: true,
    });

    // A bad IBAN and a file that is not a PDF: both refused, the typed values come back, nothing is kept.
    const badFile = {
      form: form({ months: "٦٠", iban: "KW00" }),
      files: new Map([["documents", { name: "plan.pdf", bytes: Buffer.from("<html>not a pdf</html>") }]]),
      tooLarge: new Set<string>(),
    };
    const bad = await saveDraftPage(ctx.t.db, await draftOf(who, draftId), page("repayment"), badFile);
    expect(bad).toMatchObject({ ok: false, problems: { iban: { code: "pattern" }, documents: { code: "file-type" } }, typed: { months: "٦٠", iban: "KW00" } });
    expect(await ctx.t.db.select().from(uploads).where(eq(uploads.applicationId, draftId))).toEqual([]);

    // A file that starts like a PDF but is not one: opened on receipt, refused as damaged, not kept.
    const posing = {
      form: form({ months: "60", iban: "KW00" }),
      files: new Map([["documents", { name: "plan.pdf", bytes: Buffer.from(`%PDF-1.7\n${"x".repeat(2000)}`) }]]),
      tooLarge: new Set<string>(),
    };
    expect(await saveDraftPage(ctx.t.db, await draftOf(who, draftId), page("repayment"), posing)).toMatchObject({
      ok: false,
      problems: { documents: { code: "file-damaged" } },
    });
    expect(await ctx.t.db.select().from(uploads).where(eq(uploads.applicationId, draftId))).toEqual([]);

    // Too large: refused without keeping it.
    const big = await saveDraftPage(ctx.t.db, await draftOf(who, draftId), page("repayment"), {
      form: form({ months: "60", iban: "KW00" }),
      files: new Map(),
      tooLarge: new Set(["documents"]),
    });
    expect(bad.ok || big.ok).toBe(false);
    expect(big).toMatchObject({ problems: { documents: { code: "file-too-large" } } });

    // A real PDF is kept at once, even while the IBAN is still wrong, so it need not be chosen again.
    const withPdf = {
      form: form({ months: "60", iban: "KW00" }),
      files: new Map([["documents", { name: "../../contract.pdf", bytes: PDF }]]),
      tooLarge: new Set<string>(),
    };
    expect(await saveDraftPage(ctx.t.db, await draftOf(who, draftId), page("repayment"), withPdf)).toMatchObject({
      ok: false,
      problems: { iban: { code: "pattern" } },
    });
    const kept = (await draftOf(who, draftId)).application.answers.documents as { id: string; name: string; mime: string };
    expect(kept).toMatchObject({ name: "contract.pdf", mime: "application/pdf" });
    expect((await getOwnUpload(ctx.t.db, who.person.id, kept.id))?.content.equals(PDF)).toBe(true);
    expect(await getOwnUpload(ctx.t.db, (await applicant()).person.id, kept.id)).toBeNull();

    const good = await saveDraftPage(ctx.t.db, await draftOf(who, draftId), page("repayment"), {
      ...none,
      form: form({ months: "٦٠", iban: "KW81 CBKU 0000 0000 0000 1234 5601 01" }),
    });
    expect(good).toMatchObject({ ok: true });
    const answers = (await draftOf(who, draftId)).application.answers;
    expect(answers).toMatchObject({ loanType: "marriage", months: 60, documents: { id: kept.id } });

    // Removing the optional file deletes it.
    expect(
      await saveDraftPage(ctx.t.db, await draftOf(who, draftId), page("repayment"), {
        ...none,
        form: form({ months: "60", iban: String(answers.iban), "documents.remove": "yes" }),
      }),
    ).toMatchObject({ ok: true });
    expect((await draftOf(who, draftId)).application.answers.documents).toBeUndefined();
    expect(await ctx.t.db.select().from(uploads).where(eq(uploads.applicationId, draftId))).toEqual([]);
  });

  it("takes a field that the same page's choice shows, in the same save (another licence and its number)", async () => {
    const who = await applicant();
    const started = await startDraft(ctx.t.db, ctx.j.h.deps, {
      serviceId: "municipal-licence-renewal",
      person: { id: who.person.id, civilId: who.civilId },
      accountId: null,
      actor: { ...who.actor, channel: "kiosk" },
    });
    if (!started.ok) throw new Error(started.reason);
    const draft = () => getDraft(ctx.t.db, catalogue, who.person.id, started.draftId).then((found) => found!);
    const licencePage = catalogue.get("municipal-licence-renewal")!.pages.find((candidate) => candidate.id === "licence")!;
    const none = { files: new Map(), tooLarge: new Set<string>() };
    expect(await saveDraftPage(ctx.t.db, await draft(), licencePage, { ...none, form: form({ licence: "other" }) })).toMatchObject({
      ok: false,
      problems: { otherLicenceNumber: { code: "required" } },
    });
    expect(
      await saveDraftPage(ctx.t.db, await draft(), licencePage, { ...none, form: form({ licence: "other", otherLicenceNumber: "ML-2024-001234" }) }),
    ).toMatchObject({ ok: true });
    expect((await draft()).application).toMatchObject({ channel: "kiosk", answers: { licence: "other", otherLicenceNumber: "ML-2024-001234" } });
  });

  it("submits once, however many times the submission arrives, even at the same moment", async () => {
    const who = await applicant();
    const { draftId } = await begin(who);
    const none = { files: new Map(), tooLarge: new Set<string>() };
    const save = async (id: string, values: Record<string, string>) =>
      saveDraftPage(ctx.t.db, await draftOf(who, draftId), page(id), { ...none, form: form(values) });

    // Incomplete: refused with the problems, still a draft.
    expect(await save("loan", { loanType: "marriage" })).toMatchObject({ ok: true });
    expect(await submitDraft(ctx.t.db, ctx.j.h.deps, { draftId, applicantPersonId: who.person.id, actor: who.actor })).toMatchObject({
      ok: false,
      reason: "invalid-answers",
    });
    expect(await save("marriage", { contractNumber: who.contractNumber, contractDate: who.contractDate })).toMatchObject({ ok: true });
    expect(await save("repayment", { months: "60", iban: "KW81CBKU0000000000001234560101" })).toMatchObject({ ok: true });

    const submit = () => submitDraft(ctx.t.db, ctx.j.h.deps, { draftId, applicantPersonId: who.person.id, actor: who.actor });
    const results = await Promise.all([submit(), submit(), submit()]);
    expect(results.every((result) => result.ok && result.applicationId === draftId)).toBe(true);
    expect(results.filter((result) => result.ok && !result.wasAlreadySubmitted)).toHaveLength(1);
    expect(new Set(results.map((result) => result.ok && result.reference)).size).toBe(1);
    const rows = await ctx.t.db
      .select()
      .from(applications)
      .where(and(eq(applications.applicantPersonId, who.person.id), eq(applications.serviceId, "social-loan")));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).not.toBe("draft");
    // A later retry (the back button) answers with the same application.
    expect(await submit()).toMatchObject({ ok: true, applicationId: draftId, wasAlreadySubmitted: true });
    await ctx.j.settle();
    expect(await ctx.j.openSteps(draftId)).toEqual(["review"]);
    // The submitted application is no longer a draft to edit, nor to discard.
    expect(await getDraft(ctx.t.db, catalogue, who.person.id, draftId)).toBeNull();
    expect(await discardDraft(ctx.t.db, who.person.id, draftId)).toBe(false);
    // Beginning the service again makes a new draft.
    expect((await begin(who)).isResumed).toBe(false);
  });

  it("names a lookup whose agency did not answer, and fills it when asked again", async () => {
    const who = await applicant();
    await ctx.j.setAgencyDown("paci", true);
    try {
      const { draftId } = await begin(who);
      const draft = await draftOf(who, draftId);
      expect(draft.unavailableLookups).toEqual(["person"]);
      expect(draft.application.lookups).toEqual({});
      await ctx.j.setAgencyDown("paci", false);
      await refreshDraftLookups(ctx.t.db, ctx.j.h.deps.exchange, draft);
      const refreshed = await draftOf(who, draftId);
      expect(refreshed.unavailableLookups).toEqual([]);
      expect(refreshed.application.lookups.person).toMatchObject({ found: true, civilId: who.civilId });
    } finally {
      await ctx.j.setAgencyDown("paci", false);
    }
  });

  it("discards only the owner's draft", async () => {
    const who = await applicant();
    const { draftId } = await begin(who);
    const other = await applicant();
    expect(await discardDraft(ctx.t.db, other.person.id, draftId)).toBe(false);
    expect(await discardDraft(ctx.t.db, who.person.id, draftId)).toBe(true);
    expect(await getDraft(ctx.t.db, catalogue, who.person.id, draftId)).toBeNull();
  });
});
