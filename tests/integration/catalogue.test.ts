import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePublication, createEntry, moveEntry, retireEntry, updateEntry } from "../../app/administration/catalogue-admin.server";
import { exportedEntry, writeCatalogueCsv } from "../../app/administration/catalogue-files";
import { importCatalogue } from "../../app/administration/catalogue-import.server";
import { searchCatalogue } from "../../app/catalogue/catalogue-search.server";
import { allInformationEntries, getInformationEntry, listInformationEntries } from "../../app/catalogue/entries.server";
import type { CatalogueFilters } from "../../app/catalogue/listing";
import { lockPublication, publicationOn, setPublication } from "../../app/catalogue/publication.server";
import { integratedServices } from "../../app/catalogue/services";
import { startDraft } from "../../app/engine/drafts.server";
import { submitApplication, submitDraft } from "../../app/engine/transitions.server";
import { applications, auditEvents, catalogueEntries, servicePublications, stepInstances } from "../../db/schema";
import { demoCatalogue, seedCatalogue } from "../../db/seed/catalogue";
import { demoAgencies } from "../../db/seed/demo-agencies";
import { createTestDatabase, testDriver, testRequestMeta, type TestDatabase } from "../setup/database";
import { addLoanApplicantRecords, createApplicant, createEngineHarness, createPortalAdministrator, validAnswers, type EngineHarness } from "../support/engine";

// The catalogue as data: seeded, searched, edited and imported by administrators, and integrated
// services paused and published again; proven where it would break (rows that must be refused,
// an edit made on a stale page, a submission racing a pause on PostgreSQL).

let t: TestDatabase;
let h: EngineHarness;
let adminId: string;
const CIVIL_ID = "288020122596";
const agencies = new Map(demoAgencies.map((agency) => [agency.id, agency]));
const none: CatalogueFilters = { q: "", agency: null, category: null, event: null, channel: null };
const context = () => ({ db: t.db, accountId: adminId, meta: testRequestMeta, now: new Date() });

beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t);
  await addLoanApplicantRecords(t, CIVIL_ID);
  adminId = await createPortalAdministrator(t);
  await seedCatalogue(t.db);
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});

const search = async (filters: Partial<CatalogueFilters>, page = { offset: 0, limit: 2_000 }) =>
  searchCatalogue(t.db, { services: integratedServices, agencies, filters: { ...none, ...filters }, lang: "ar", page });
const idsOf = async (filters: Partial<CatalogueFilters>) => (await search(filters)).entries.map((entry) => entry.id);

function formOf(values: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) for (const one of [value].flat()) form.append(name, one);
  return form;
}

const newEntry = {
  id: "boat-mooring-permit",
  agency: "km",
  category: "municipal",
  lifeEvents: ["running-a-business"],
  channels: ["online", "counter"],
  titleAr: "تصريح رسو القوارب في المرافئ",
  titleEn: "Get a boat mooring permit",
  summaryAr: "يتيح لملاك القوارب استئجار موقع رسو في المرافئ البلدية لمدة سنة قابلة للتجديد.",
  summaryEn: "Rent a mooring at a municipal marina for a year, renewable. For boat owners.",
  url: "https://www.baladia.gov.kw/services/boat-mooring",
};

const exported = exportedEntry;

describe("the seeded catalogue", () => {
  it("holds the demo's thousand entries, and seeding again changes nothing", async () => {
    const [{ count }] = (await t.db.select({ count: sql<number>`count(*)::int` }).from(catalogueEntries)) as [{ count: number }];
    expect(count).toBe(demoCatalogue().length);
    expect(count).toBeGreaterThanOrEqual(1_000);
    const again = await seedCatalogue(t.db);
    expect(again).toMatchObject({ ok: true, created: [], updated: [], refused: [] });
  });

  it("is searched whatever the Arabic spelling, by part of a word and by agency name, integrated services first", async () => {
    const cards = await idsOf({ q: "البطاقه المدنيه" });
    expect(cards).toEqual(expect.arrayContaining(["civil-id-card-issue", "civil-id-card-renewal"]));
    const fire = (await search({ q: "ترخيص الوقايه" })).entries;
    expect(fire.slice(0, 2).map((entry) => entry.kind)).toEqual(["integrated", "integrated"]);
    expect(fire.map((entry) => entry.id)).toEqual(expect.arrayContaining(["fire-safety-licence", "fire-safety-renewal"]));
    expect(await idsOf({ q: "renew licen" })).toEqual(expect.arrayContaining(["municipal-licence-renewal", "commercial-licence-renewal"]));
    // "information" is in none of the entry's own texts, but in its agency's name.
    expect(await idsOf({ q: "information first card" })).toContain("civil-id-card-issue");
    expect(await idsOf({ q: "nothing-like-this" })).toEqual([]);
    // A term with the characters LIKE would read as patterns is matched as written.
    expect(await idsOf({ q: "100%_" })).toEqual([]);
  });

  it("is searched from an index that follows every write to the entries, whoever makes it", async () => {
    expect(await idsOf({ q: "hovercraft" })).toEqual([]);
    // Written straight to the table, as another process or an operator's script would.
    await t.db.execute(sql`update catalogue_entries set title_en = 'Register a hovercraft' where id = 'vehicle-ownership-transfer'`);
    expect(await idsOf({ q: "hovercraft" })).toEqual(["vehicle-ownership-transfer"]);
    await t.db.execute(sql`update catalogue_entries set title_en = 'Transfer ownership of a vehicle' where id = 'vehicle-ownership-transfer'`);
    expect(await idsOf({ q: "hovercraft" })).toEqual([]);
    // A write rolled back leaves the search as it was.
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`update catalogue_entries set title_en = 'Register a hovercraft' where id = 'vehicle-ownership-transfer'`);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await idsOf({ q: "hovercraft" })).toEqual([]);
  });

  it("is filtered by agency, category, life event and channel", async () => {
    const kff = await search({ agency: "kff" });
    expect(kff.entries.every((entry) => entry.agency === "kff")).toBe(true);
    expect(kff.entries.slice(0, 2).map((entry) => entry.kind)).toEqual(["integrated", "integrated"]);
    expect(await idsOf({ event: "marriage" })).toEqual(expect.arrayContaining(["social-loan", "marriage-contract-registration"]));
    const counter = await search({ channel: "counter" });
    expect(counter.total).toBeGreaterThan(100);
    expect(counter.entries.every((entry) => entry.kind === "information")).toBe(true);
    expect((await search({ channel: "kiosk" })).total).toBe(3);
  });

  it("pages without losing or repeating an entry, and counts what matches", async () => {
    const all = await search({ category: "business" });
    const seen: string[] = [];
    for (let offset = 0; offset < all.total; offset += 20)
      seen.push(...(await search({ category: "business" }, { offset, limit: 20 })).entries.map((entry) => entry.id));
    expect(seen).toEqual(all.entries.map((entry) => entry.id));
    expect(new Set(seen).size).toBe(all.total);
  });
});

describe("an administrator's entry", () => {
  it("is added with both languages, listed last, and audited; its id cannot be taken twice", async () => {
    expect(await createEntry(context(), formOf(newEntry))).toEqual({ ok: true, id: newEntry.id });
    const entry = await getInformationEntry(t.db, newEntry.id);
    const last = await t.db.select({ max: sql<number>`max(${catalogueEntries.position})` }).from(catalogueEntries);
    expect(entry?.position).toBe(last[0]!.max);
    expect(await idsOf({ q: "رسو القوارب" })).toEqual([newEntry.id]);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "catalogue.entry-added"), eq(auditEvents.subjectId, newEntry.id)));
    expect(event?.actorAccountId).toBe(adminId);
    expect(await createEntry(context(), formOf(newEntry))).toMatchObject({ ok: false, problems: { id: "id.taken" } });
  });

  it("is refused, field by field, when a language is missing or in the other's script, and what was typed is kept", async () => {
    const result = await createEntry(
      context(),
      formOf({
        ...newEntry,
        id: "Bad Id",
        titleAr: "Boat mooring",
        summaryEn: "يتيح لملاك القوارب استئجار موقع رسو",
        url: "http://example.com",
        agency: "nowhere",
        channels: [],
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      problems: {
        id: "id.invalid",
        agency: "agency.unknown",
        channels: "channels.missing",
        titleAr: "titleAr.not-arabic",
        summaryEn: "summaryEn.arabic-in-english",
        url: "url.invalid",
      },
      values: { titleAr: "Boat mooring", id: "Bad Id" },
    });
    expect(await createEntry(context(), formOf({ ...newEntry, id: "social-loan" }))).toMatchObject({ problems: { id: "id.integrated" } });
    expect(await createEntry(context(), formOf({ ...newEntry, id: "import" }))).toMatchObject({ problems: { id: "id.reserved" } });
  });

  it("edited on a page opened before another's edit is refused, not saved over it", async () => {
    const entry = (await getInformationEntry(t.db, newEntry.id))!;
    const first = await updateEntry(context(), newEntry.id, formOf({ ...newEntry, titleEn: "Rent a boat mooring", version: String(entry.version) }));
    expect(first).toEqual({ ok: true, id: newEntry.id });
    const second = await updateEntry(context(), newEntry.id, formOf({ ...newEntry, titleEn: "Moor a boat", version: String(entry.version) }));
    expect(second).toMatchObject({ ok: false, stale: true, values: { titleEn: "Moor a boat" }, version: entry.version });
    expect(await updateEntry(context(), newEntry.id, formOf({ ...newEntry, version: "3abc" }))).toEqual({ ok: false, badVersion: true });
    expect((await getInformationEntry(t.db, newEntry.id))!.title.en).toBe("Rent a boat mooring");
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "catalogue.entry-updated"));
    expect(event?.details).toMatchObject({ changes: { titleEn: { before: "Get a boat mooring permit", after: "Rent a boat mooring" } } });
  });

  it("retired is no longer listed nor found, and offered again is", async () => {
    const entry = (await getInformationEntry(t.db, newEntry.id))!;
    expect(await retireEntry(context(), newEntry.id, true, entry.version)).toEqual({ ok: true });
    expect(await idsOf({ q: "رسو القوارب" })).toEqual([]);
    expect((await getInformationEntry(t.db, newEntry.id))!.retiredAt).not.toBeNull();
    expect(await retireEntry(context(), newEntry.id, false, entry.version)).toEqual({ ok: false, problem: "stale" });
    expect(await retireEntry(context(), newEntry.id, false, entry.version + 1)).toEqual({ ok: true });
    expect(await idsOf({ q: "رسو القوارب" })).toEqual([newEntry.id]);
  });

  it("moves one place among its category's, and not past either end", async () => {
    const inCategory = async () =>
      (await listInformationEntries(t.db, { q: "", agency: null, category: "justice", state: "offered", after: null, limit: 500 })).entries.map(
        (entry) => entry.id,
      );
    const before = await inCategory();
    const [first, second] = before;
    expect(await moveEntry(context(), second!, "up")).toEqual({ ok: true });
    expect((await inCategory()).slice(0, 2)).toEqual([second, first]);
    expect(await moveEntry(context(), second!, "up")).toEqual({ ok: false, problem: "edge" });
    expect(await moveEntry(context(), second!, "down")).toEqual({ ok: true });
    expect(await inCategory()).toEqual(before);
    expect(await moveEntry(context(), before.at(-1)!, "down")).toEqual({ ok: false, problem: "edge" });
  });
});

describe("an import", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const importFile = (text: string | Uint8Array, fileName = "entries.csv", isCheckOnly = false) =>
    importCatalogue(t.db, {
      bytes: typeof text === "string" ? bytes(text) : text,
      fileName,
      isCheckOnly,
      existing: "update",
      actor: { accountId: adminId, meta: testRequestMeta },
    });

  it("adds and changes the rows that pass, and reports each refused row with its line and why", async () => {
    const [paci] = await allInformationEntries(t.db, { agency: "paci", category: null });
    const csv = writeCatalogueCsv([
      { ...exported(paci!), title: { ...paci!.title, en: `${paci!.title.en} (updated)` } },
      { ...exported(paci!), id: "import-new-one", title: { ar: "خدمة مستوردة جديدة", en: "A newly imported service" }, position: 5 },
      { ...exported(paci!), id: "import-no-arabic", title: { ar: "No Arabic here", en: "No Arabic here" } },
      { ...exported(paci!), id: "import-bad-agency", agency: "atlantis", category: "space" },
      { ...exported(paci!), id: "import-new-one" },
    ]);
    const before = await t.db
      .select({ count: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.action, "catalogue.imported"));

    const checked = await importFile(csv, "entries.csv", true);
    expect(checked).toMatchObject({ ok: true, isCheckOnly: true, rows: 5, created: ["import-new-one"], updated: [paci!.id], unchanged: 0 });
    expect(await getInformationEntry(t.db, "import-new-one")).toBeNull();

    const report = await importFile(csv);
    expect(report).toMatchObject({ ok: true, isCheckOnly: false, created: ["import-new-one"], updated: [paci!.id] });
    if (!report.ok) throw new Error("refused");
    // The header is line 1: the rows begin on line 2.
    expect(report.refused).toEqual([
      { line: 4, id: "import-no-arabic", problems: ["titleAr.not-arabic"] },
      { line: 5, id: "import-bad-agency", problems: ["agency.unknown", "category.unknown"] },
      { line: 6, id: "import-new-one", problems: ["id.repeated"] },
    ]);
    expect((await getInformationEntry(t.db, paci!.id))!.title.en).toBe(`${paci!.title.en} (updated)`);
    expect((await getInformationEntry(t.db, "import-new-one"))!.position).toBe(5);
    const after = await t.db
      .select({ count: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.action, "catalogue.imported"));
    expect(after[0]!.count).toBe(before[0]!.count + 1);

    // The same file again finds nothing to change.
    expect(await importFile(csv)).toMatchObject({ ok: true, created: [], updated: [], unchanged: 2 });
  });

  it("reads back what an export wrote, cells a spreadsheet would run as formulas included", async () => {
    const [moj] = await allInformationEntries(t.db, { agency: "moj", category: null });
    const formula = { ...exported(moj!), id: "import-formula", title: { ar: "=خدمة تبدأ بعلامة", en: '=HYPERLINK("http://evil")' } };
    // A value that itself begins with an apostrophe before such a character comes back as it was, too.
    const quoted = { ...exported(moj!), id: "import-formula-quoted", title: { ar: "'+خدمة تبدأ بفاصلة عليا", en: "'=already quoted" } };
    const csv = writeCatalogueCsv([formula, quoted]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain(`''=already quoted`);
    expect(await importFile(csv)).toMatchObject({ ok: true, created: ["import-formula", "import-formula-quoted"] });
    expect((await getInformationEntry(t.db, "import-formula"))!.title).toEqual(formula.title);
    expect((await getInformationEntry(t.db, "import-formula-quoted"))!.title).toEqual(quoted.title);
    expect(await importFile(csv)).toMatchObject({ ok: true, created: [], updated: [], unchanged: 2 });
    const json = JSON.stringify([{ ...formula, id: "import-from-json" }]);
    expect(await importFile(json, "entries.json")).toMatchObject({ ok: true, created: ["import-from-json"] });
  });

  it("refuses a row whose cells are out of place, and passes over blank lines a spreadsheet leaves", async () => {
    const [pifss] = await allInformationEntries(t.db, { agency: "pifss", category: null });
    const csv = writeCatalogueCsv([{ ...exported(pifss!), id: "import-aligned" }]).trimEnd();
    const [header, good] = csv.split("\r\n");
    // An unquoted comma splits the Arabic title in two: every later cell moves one column on.
    const shifted = good!.replace("import-aligned", "import-shifted").replace(pifss!.title.ar, `${pifss!.title.ar.slice(0, 4)},${pifss!.title.ar.slice(4)}`);
    const report = await importFile([header, good, shifted, ",,,,,,,,,,,", ""].join("\r\n"));
    expect(report).toMatchObject({
      ok: true,
      rows: 2,
      created: ["import-aligned"],
      refused: [{ line: 3, id: "import-shifted", problems: ["row.misaligned"] }],
    });
  });

  it("refuses a file it cannot read, saying why, and changes nothing", async () => {
    const count = async () => (await t.db.select({ count: sql<number>`count(*)::int` }).from(catalogueEntries))[0]!.count;
    const before = await count();
    expect(await importFile(new Uint8Array([0x69, 0x64, 0x0a, 0xff, 0xfe, 0x00]))).toEqual({ ok: false, problem: "not-utf8" });
    expect(await importFile("")).toEqual({ ok: false, problem: "empty" });
    expect(await importFile('id,agency\n"open quote,paci\n')).toEqual({ ok: false, problem: "csv-unclosed-quote", line: 2 });
    expect(await importFile("id,agency,colour\nx,paci,red\n")).toEqual({ ok: false, problem: "csv-columns-unknown", columns: ["colour"] });
    expect(await importFile("id,agency\nx,paci\n")).toMatchObject({ ok: false, problem: "csv-columns-missing" });
    expect(await importFile("{not json", "x.json")).toEqual({ ok: false, problem: "json-invalid" });
    expect(await importFile('{"id": "x"}', "x.json")).toEqual({ ok: false, problem: "json-not-list" });
    expect(await importFile("[1]", "x.json")).toEqual({ ok: false, problem: "json-not-object", line: 1 });
    expect(await importFile(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61))).toEqual({ ok: false, problem: "too-large" });
    expect(await count()).toBe(before);
  });
});

describe("an integrated service's publication", () => {
  const notice = { ar: "الخدمة متوقفة مؤقتًا للصيانة، وطلبك المحفوظ باقٍ", en: "Temporarily unavailable for maintenance; your draft is kept" };
  const submit = async () => {
    const { person, actor } = await createApplicant(t);
    return submitApplication(t.db, h.deps, {
      serviceId: "engine-test-loan",
      applicantPersonId: person.id,
      applicantAccountId: null,
      answers: validAnswers,
      actor,
    });
  };
  const pause = (state: "paused" | "published") =>
    t.db.transaction((tx) =>
      setPublication(tx, {
        serviceId: "engine-test-loan",
        channel: "web",
        change: state === "paused" ? { state, notice } : { state },
        accountId: adminId,
        now: new Date(),
      }),
    );

  it("paused, refuses new drafts and submissions, keeps the draft, and lets applications in progress go on", async () => {
    const { person, actor } = await createApplicant(t);
    const inProgress = await submit();
    if (!inProgress.ok) throw new Error("not submitted");
    const started = await startDraft(t.db, h.deps, { serviceId: "engine-test-loan", person: { id: person.id, civilId: CIVIL_ID }, accountId: null, actor });
    if (!started.ok) throw new Error("no draft");
    await t.db.update(applications).set({ answers: validAnswers }).where(eq(applications.id, started.draftId));

    await pause("paused");
    expect(await submitDraft(t.db, h.deps, { draftId: started.draftId, applicantPersonId: person.id, actor })).toMatchObject({
      ok: false,
      reason: "unavailable",
      publication: { state: "paused", notice },
    });
    const [draft] = await t.db.select().from(applications).where(eq(applications.id, started.draftId));
    expect(draft?.status).toBe("draft");
    // The draft is resumed; no new one is begun (the kiosk channel is not paused).
    expect(
      await startDraft(t.db, h.deps, { serviceId: "engine-test-loan", person: { id: person.id, civilId: CIVIL_ID }, accountId: null, actor }),
    ).toMatchObject({
      ok: true,
      isResumed: true,
    });
    const other = await createApplicant(t, "290010100019");
    expect(
      await startDraft(t.db, h.deps, {
        serviceId: "engine-test-loan",
        person: { id: other.person.id, civilId: "290010100019" },
        accountId: null,
        actor: other.actor,
      }),
    ).toEqual({
      ok: false,
      reason: "unavailable",
    });
    // The application submitted before the pause goes on: its agencies are called and its steps complete.
    const completedSteps = async () =>
      (
        await t.db
          .select({ id: stepInstances.id })
          .from(stepInstances)
          .where(and(eq(stepInstances.applicationId, inProgress.applicationId), eq(stepInstances.state, "completed")))
      ).length;
    const before = await completedSteps();
    await h.drain();
    expect(await completedSteps()).toBeGreaterThan(before);

    await pause("published");
    expect(await submitDraft(t.db, h.deps, { draftId: started.draftId, applicantPersonId: person.id, actor })).toMatchObject({ ok: true });
  });

  it("changed by an administrator needs its notice in both languages, and is audited", async () => {
    expect(await changePublication(context(), { serviceId: "social-loan", channel: "web", state: "paused", noticeAr: "", noticeEn: "Back soon" })).toEqual({
      ok: false,
      problems: { noticeAr: "missing" },
    });
    expect(await changePublication(context(), { serviceId: "social-loan", channel: "kiosk", state: "paused", noticeAr: "x", noticeEn: "y" })).toEqual({
      ok: false,
      notFound: true,
    });
    expect(await changePublication(context(), { serviceId: "social-loan", channel: "web", state: "deleted", noticeAr: "", noticeEn: "" })).toEqual({
      ok: false,
      badState: true,
    });
    expect(await changePublication(context(), { serviceId: "social-loan", channel: "web", state: "paused", noticeAr: notice.ar, noticeEn: notice.en })).toEqual(
      { ok: true },
    );
    expect(await publicationOn(t.db, "social-loan", "web")).toMatchObject({ state: "paused", notice });
    expect((await search({ q: "القرض الاجتماعي" })).entries.find((entry) => entry.id === "social-loan")?.isPaused).toBe(true);
    expect(
      await changePublication(context(), { serviceId: "social-loan", channel: "web", state: "withdrawn", noticeAr: notice.ar, noticeEn: notice.en }),
    ).toEqual({ ok: true });
    expect(await idsOf({ q: "القرض الاجتماعي" })).not.toContain("social-loan");
    expect(await changePublication(context(), { serviceId: "social-loan", channel: "web", state: "published", noticeAr: "", noticeEn: "" })).toEqual({
      ok: true,
    });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "service.publication-changed"));
    expect(events.map((event) => (event.details as { after: { state: string } }).after.state)).toEqual(["paused", "withdrawn", "published"]);
  });

  it.runIf(testDriver === "postgres")("paused while a submission is under way, waits for it, and takes none after", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // A submission that has read the service's state and not yet committed.
    const underWay = t.db.transaction(async (tx) => {
      const state = await lockPublication(tx, "engine-test-loan", "web");
      locked();
      await held;
      return state.state;
    });
    await isLocked;
    let paused = false;
    const pausing = pause("paused").then(() => (paused = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(paused).toBe(false);
    release();
    expect(await underWay).toBe("published");
    await pausing;
    const results = await Promise.all([submit(), submit(), submit()]);
    expect(results.map((result) => (result.ok ? "submitted" : result.reason))).toEqual(["unavailable", "unavailable", "unavailable"]);
    await pause("published");
    await t.db.delete(servicePublications).where(eq(servicePublications.serviceId, "engine-test-loan"));
  });
});
