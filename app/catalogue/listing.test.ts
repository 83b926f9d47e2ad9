import { describe, expect, it } from "vitest";
import { demoAgencies } from "../../db/seed/demo";
import { catalogueEntries, parseFilters, searchCatalogue, type CatalogueFilters } from "./listing";

const entries = catalogueEntries();
const agencies = new Map(demoAgencies.map((agency) => [agency.id, agency]));
const none: CatalogueFilters = { q: "", agency: null, category: null, event: null, channel: null };
const ids = (filters: Partial<CatalogueFilters>, language: "ar" | "en" = "ar") =>
  searchCatalogue(entries, agencies, { ...none, ...filters }, language).map((entry) => entry.id);

describe("the catalogue listing", () => {
  it("lists the integrated services first, then the information entries", () => {
    const all = ids({});
    expect(all.length).toBe(entries.length);
    expect(all.length).toBeGreaterThanOrEqual(44);
    expect(all.slice(0, 4).sort()).toEqual(["fire-safety-licence", "fire-safety-renewal", "municipal-licence-renewal", "social-loan"]);
  });

  it("finds a service by an Arabic spelling variant, a part of a word, or its agency's name", () => {
    expect(ids({ q: "ترخيص الوقايه" })).toEqual(expect.arrayContaining(["fire-safety-licence", "fire-safety-renewal"]));
    expect(ids({ q: "قرض اجتماعي" })).toContain("social-loan");
    expect(ids({ q: "بلديه تجديد" })).toContain("municipal-licence-renewal");
    expect(ids({ q: "renew licen" }, "en")).toEqual(expect.arrayContaining(["fire-safety-renewal", "municipal-licence-renewal"]));
    expect(ids({ q: "credit bank" }, "en")).toContain("social-loan");
    expect(ids({ q: "nothing-like-this" })).toEqual([]);
  });

  it("filters by agency, category, life event and channel", () => {
    expect(ids({ agency: "kff" }).every((id) => entries.find((e) => e.id === id)!.agency === "kff")).toBe(true);
    expect(ids({ agency: "kff" })).toContain("fire-safety-licence");
    expect(ids({ category: "finance" })).toContain("social-loan");
    expect(ids({ event: "marriage" })).toContain("social-loan");
    expect(ids({ event: "marriage" })).not.toContain("fire-safety-licence");
    expect(ids({ channel: "kiosk" }).sort()).toEqual(["fire-safety-licence", "fire-safety-renewal", "municipal-licence-renewal"]);
    expect(ids({ channel: "counter" }).length).toBeGreaterThan(0);
    expect(ids({ channel: "counter" })).not.toContain("social-loan");
  });

  it("reads filters from the address, ignoring what names nothing", () => {
    const params = new URLSearchParams({ q: "قرض", agency: "kcb", category: "space", event: "marriage", channel: "teleport" });
    expect(parseFilters(params, new Set(agencies.keys()))).toEqual({ q: "قرض", agency: "kcb", category: null, event: "marriage", channel: null });
  });
});
