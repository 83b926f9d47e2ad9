import { describe, expect, it } from "vitest";
import { demoAgencies } from "../../db/seed/demo";
import { informationEntries } from "./information";
import { isCategory, isLifeEvent } from "./taxonomy";

// Each check collects the entries that break it, so a failure names them all at once.

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ARABIC_LETTER = /[\u0600-\u06FF]/;
const INTEGRATED_SERVICE_IDS = ["social-loan", "fire-safety-licence", "fire-safety-renewal", "municipal-licence-renewal"];
const AGENCIES_NEEDING_TWO = ["paci", "moj", "pifss", "kcb", "moci", "kff", "km", "moi", "moh", "pahw", "moe"];
const websiteHosts = new Map<string, string>(demoAgencies.map((agency) => [agency.id, new URL(agency.websiteUrl).host]));

describe("information entries", () => {
  it("number at least 40", () => {
    expect(informationEntries.length, `only ${informationEntries.length} entries`).toBeGreaterThanOrEqual(40);
  });

  it("have unique kebab-case ids", () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const { id } of informationEntries) {
      if (!KEBAB_CASE.test(id)) problems.push(`"${id}": id is not kebab-case`);
      if (seen.has(id)) problems.push(`"${id}": id is used more than once`);
      seen.add(id);
    }
    expect(problems).toEqual([]);
  });

  it("never take the id of an integrated service", () => {
    const clashes = informationEntries
      .filter((entry) => INTEGRATED_SERVICE_IDS.includes(entry.id))
      .map((entry) => `"${entry.id}": id of an integrated service`);
    expect(clashes).toEqual([]);
  });

  it("name a known agency, category and life events", () => {
    const problems: string[] = [];
    for (const entry of informationEntries) {
      if (!websiteHosts.has(entry.agency)) problems.push(`"${entry.id}": unknown agency "${entry.agency}"`);
      if (!isCategory(entry.category)) problems.push(`"${entry.id}": unknown category "${entry.category}"`);
      for (const event of entry.lifeEvents) if (!isLifeEvent(event)) problems.push(`"${entry.id}": unknown life event "${event}"`);
    }
    expect(problems).toEqual([]);
  });

  it("have their title and summary in both languages, each in its own script", () => {
    const problems: string[] = [];
    for (const entry of informationEntries) {
      for (const field of ["title", "summary"] as const) {
        const { ar, en } = entry[field];
        if (ar.trim() === "") problems.push(`"${entry.id}": ${field}.ar is empty`);
        else if (!ARABIC_LETTER.test(ar)) problems.push(`"${entry.id}": ${field}.ar has no Arabic letters`);
        if (en.trim() === "") problems.push(`"${entry.id}": ${field}.en is empty`);
        else if (ARABIC_LETTER.test(en)) problems.push(`"${entry.id}": ${field}.en contains Arabic letters`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("link to their agency's website over https", () => {
    const problems: string[] = [];
    for (const entry of informationEntries) {
      if (!entry.url.startsWith("https://")) {
        problems.push(`"${entry.id}": url ${entry.url} is not https`);
        continue;
      }
      const host = URL.canParse(entry.url) ? new URL(entry.url).host : null;
      const expected = websiteHosts.get(entry.agency);
      if (host !== expected) problems.push(`"${entry.id}": url host ${host} is not ${expected ?? `a known agency's (${entry.agency})`}`);
    }
    expect(problems).toEqual([]);
  });

  it("give each agency at least 2 entries", () => {
    const counts = new Map<string, number>();
    for (const { agency } of informationEntries) counts.set(agency, (counts.get(agency) ?? 0) + 1);
    const short = AGENCIES_NEEDING_TWO.filter((agency) => (counts.get(agency) ?? 0) < 2).map((agency) => `${agency}: ${counts.get(agency) ?? 0} entries`);
    expect(short).toEqual([]);
  });
});
