import { describe, expect, it } from "vitest";
import { demoAgencies } from "../../db/seed/demo-agencies";
import { entrySearchOf, integratedEntries, parseFilters, rankIntegrated, searchTerms, type CatalogueFilters } from "./listing";
import { integratedServices } from "./services";

// The integrated services' side of the catalogue's search (the information entries are searched by
// the database: tests/integration/catalogue.test.ts).

const agencies = new Map(demoAgencies.map((agency) => [agency.id, agency]));
const none: CatalogueFilters = { q: "", agency: null, category: null, event: null, channel: null };
const published = new Map<string, { web: { state: "published" }; kiosk: { state: "published" } }>();
const ids = (filters: Partial<CatalogueFilters>, publications = published) => {
  const all = { ...none, ...filters };
  const terms = searchTerms(all.q, agencies);
  return rankIntegrated(integratedEntries(integratedServices, publications), all, terms)
    .map(({ entry }) => entry.id)
    .sort();
};

describe("the catalogue's integrated services", () => {
  it("are found by an Arabic spelling variant, a part of a word, or their agency's name", () => {
    expect(ids({ q: "ترخيص الوقايه" })).toEqual(expect.arrayContaining(["fire-safety-licence", "fire-safety-renewal"]));
    expect(ids({ q: "قرض اجتماعي" })).toEqual(["social-loan"]);
    expect(ids({ q: "بلديه تجديد" })).toEqual(["municipal-licence-renewal"]);
    expect(ids({ q: "renew licen" })).toEqual(["fire-safety-renewal", "municipal-licence-renewal"]);
    expect(ids({ q: "credit bank" })).toEqual(["social-loan"]);
    expect(ids({ q: "nothing-like-this" })).toEqual([]);
  });

  it("are filtered by agency, category, life event and channel", () => {
    expect(ids({ agency: "kff" })).toEqual(["fire-safety-licence", "fire-safety-renewal"]);
    expect(ids({ category: "finance" })).toEqual(["social-loan"]);
    expect(ids({ event: "marriage" })).toEqual(["social-loan"]);
    expect(ids({ channel: "kiosk" })).toEqual(["fire-safety-licence", "fire-safety-renewal", "municipal-licence-renewal"]);
    expect(ids({ channel: "counter" })).toEqual([]);
  });

  it("leave out a channel a service was withdrawn from, and the service when it is offered on none", () => {
    const withdrawn = { state: "withdrawn" } as const;
    const publications = new Map<string, Record<"web" | "kiosk", { state: "published" | "paused" | "withdrawn" }>>([
      ["fire-safety-licence", { web: withdrawn, kiosk: { state: "published" } }],
      ["social-loan", { web: withdrawn, kiosk: withdrawn }],
      ["fire-safety-renewal", { web: { state: "paused" }, kiosk: { state: "published" } }],
    ]);
    expect(ids({}, publications as never)).toEqual(["fire-safety-licence", "fire-safety-renewal", "municipal-licence-renewal"]);
    expect(ids({ channel: "nafitha" }, publications as never)).toEqual(["fire-safety-renewal", "municipal-licence-renewal"]);
    const listed = integratedEntries(integratedServices, publications as never);
    expect(listed.find((entry) => entry.id === "fire-safety-renewal")?.isPaused).toBe(true);
    expect(listed.find((entry) => entry.id === "municipal-licence-renewal")?.isPaused).toBe(false);
  });

  it("hand the database each word with the agencies, categories and life events it names", () => {
    const [bank, marriage] = searchTerms("Credit الزواج", agencies);
    expect(bank).toMatchObject({ term: "credit", agencies: ["kcb"] });
    expect(marriage).toMatchObject({ term: "الزواج", lifeEvents: ["marriage"] });
    // Nafitha's own channels have no information entries.
    expect(entrySearchOf({ ...none, channel: "kiosk" }, [])).toBeNull();
    expect(entrySearchOf({ ...none, channel: "counter" }, [])?.channel).toBe("counter");
  });

  it("find an agency by its new name once an administrator renames it, and never by the old one", () => {
    expect(searchTerms("Credit", agencies)[0]!.agencies).toEqual(["kcb"]);
    const renamed = new Map<string, { nameAr: string; nameEn: string }>(agencies);
    renamed.set("kcb", { ...agencies.get("kcb")!, nameEn: "Kuwait Housing Finance Bank", nameAr: "بنك التمويل الإسكاني" });
    expect(searchTerms("Credit", renamed)[0]!.agencies).toEqual([]);
    expect(searchTerms("Kuwait Housing Finance Bank", renamed).every((term) => term.agencies.includes("kcb"))).toBe(true);
    expect(searchTerms("Kuwait Housing Finance Bank", agencies).every((term) => term.agencies.includes("kcb"))).toBe(false);
    expect(searchTerms("Credit", agencies)[0]!.agencies).toEqual(["kcb"]);
  });

  it("rank the same services the same way each time, their texts indexed once", () => {
    const first = rankIntegrated(integratedEntries(integratedServices, published), { ...none, q: "licence" }, searchTerms("licence", agencies));
    const again = rankIntegrated(integratedEntries(integratedServices, published), { ...none, q: "licence" }, searchTerms("licence", agencies));
    expect(again).toEqual(first);
    // Fewer services (one withdrawn everywhere) are indexed anew: positions follow the new list.
    const withdrawn = new Map([["social-loan", { web: { state: "withdrawn" as const }, kiosk: { state: "withdrawn" as const } }]]);
    const fewer = rankIntegrated(integratedEntries(integratedServices, withdrawn as never), { ...none, q: "قرض" }, searchTerms("قرض", agencies));
    expect(fewer.map(({ entry }) => entry.id)).not.toContain("social-loan");
    expect(ids({ q: "قرض" })).toEqual(["social-loan"]);
  });

  it("read filters from the address, ignoring what names nothing", () => {
    const params = new URLSearchParams({ q: "قرض", agency: "kcb", category: "space", event: "marriage", channel: "teleport" });
    expect(parseFilters(params, new Set(agencies.keys()))).toEqual({ q: "قرض", agency: "kcb", category: null, event: "marriage", channel: null });
  });
});
