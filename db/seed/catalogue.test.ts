import { describe, expect, it } from "vitest";
import { readCatalogueFile } from "../../app/administration/catalogue-files";
import { checkRows } from "../../app/administration/catalogue-import.server";
import { integratedServices } from "../../app/catalogue/services";
import { demoCatalogue } from "./catalogue";
import { demoAgencies } from "./demo-agencies";

// The demo catalogue passes the checks an administrator's import would make, and is the size of a
// national portal's. Each check names every entry that breaks it.

const entries = demoCatalogue();
const websiteHosts = new Map<string, string>(demoAgencies.map((agency) => [agency.id, new URL(agency.websiteUrl).host]));

describe("the demo catalogue", () => {
  it("has at least 1,000 entries across at least 25 agencies, each with several", () => {
    expect(entries.length).toBeGreaterThanOrEqual(1_000);
    const counts = new Map<string, number>();
    for (const { agency } of entries) counts.set(agency, (counts.get(agency) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(25);
    expect([...counts].filter(([, count]) => count < 10)).toEqual([]);
  });

  it("passes every check of an import: ids, agencies, taxonomy, both languages each in its script, https links", () => {
    const read = readCatalogueFile(new TextEncoder().encode(JSON.stringify(entries)), "demo.json");
    if (!read.ok) throw new Error(`the demo catalogue does not read: ${read.problem}`);
    const { accepted, refused } = checkRows(read.rows, new Set(websiteHosts.keys()), new Set(integratedServices.map((service) => service.id)));
    expect(refused).toEqual([]);
    expect(accepted).toHaveLength(entries.length);
  });

  it("links each entry to its own agency's website", () => {
    const astray = entries.filter((entry) => new URL(entry.url).host !== websiteHosts.get(entry.agency)).map((entry) => `${entry.id}: ${entry.url}`);
    expect(astray).toEqual([]);
  });

  it("gives no two entries the same title in either language", () => {
    for (const language of ["ar", "en"] as const) {
      const seen = new Map<string, string>();
      const twice: string[] = [];
      for (const entry of entries) {
        const title = entry.title[language];
        if (seen.has(title)) twice.push(`${entry.id} and ${seen.get(title)}: "${title}"`);
        else seen.set(title, entry.id);
      }
      expect(twice).toEqual([]);
    }
  });

  it("places the entries in the order of the file", () => {
    expect(entries.map((entry) => entry.position)).toEqual(entries.map((_, index) => (index + 1) * 10));
  });
});
