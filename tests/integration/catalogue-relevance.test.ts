import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchCatalogue } from "../../app/catalogue/catalogue-search.server";
import type { CatalogueFilters } from "../../app/catalogue/listing";
import { integratedServices } from "../../app/catalogue/services";
import { seedCatalogue } from "../../db/seed/catalogue";
import { demoAgencies } from "../../db/seed/demo-agencies";
import { ensureAgency } from "../../db/seed/factories";
import { createTestDatabase, type TestDatabase } from "../setup/database";

// What people type into the catalogue's search, and the services that must come first, judged by
// hand over the demo catalogue (its 70 written entries, the generated ones and the integrated
// services): Arabic in its spellings (hamza, taa marbuta, alef maqsura, the article), word forms
// that share a root («رخصة» and «ترخيص»), English in its forms and spellings ("renewal", "license"),
// and queries mixing both. Each expectation is the first results, in order.

let t: TestDatabase;
const agencies = new Map(demoAgencies.map((agency) => [agency.id, agency]));
const none: CatalogueFilters = { q: "", agency: null, category: null, event: null, channel: null };

beforeAll(async () => {
  t = await createTestDatabase();
  for (const agency of demoAgencies) await ensureAgency(t.db, agency);
  await seedCatalogue(t.db);
});
afterAll(() => t?.close());

const topOf = async (q: string, lang: "ar" | "en", count: number) =>
  (await searchCatalogue(t.db, { services: integratedServices, agencies, filters: { ...none, q }, lang, page: { offset: 0, limit: count } })).entries.map(
    (entry) => entry.id,
  );

const renewals = ["municipal-licence-renewal", "fire-safety-renewal"];

/** [query, the reader's language, the first results expected, in order]. */
const judged: [query: string, lang: "ar" | "en", first: string[]][] = [
  // Arabic: a word finds the words of its root, and every spelling of it.
  ["رخصة", "ar", ["municipal-licence-renewal", "fire-safety-renewal", "fire-safety-licence"]],
  ["رخصه", "ar", ["municipal-licence-renewal", "fire-safety-renewal", "fire-safety-licence"]],
  ["تجديد رخصه", "ar", [...renewals, "driving-licence-renewal"]],
  ["تجديد الرخصة", "ar", [...renewals, "driving-licence-renewal"]],
  ["تراخيص الحريق", "ar", ["fire-safety-renewal", "fire-safety-licence"]],
  ["الوقايه من الحريق", "ar", ["fire-safety-renewal", "fire-safety-licence"]],
  ["الترخيص البلدي", "ar", ["municipal-licence-renewal"]],
  ["بلديه", "ar", ["municipal-licence-renewal"]],
  ["قرض الزواج", "ar", ["social-loan"]],
  ["قرض", "ar", ["social-loan", "house-construction-loan", "house-purchase-loan"]],
  ["تجديد الاقامه", "ar", ["residence-renewal"]],
  ["إقامة", "ar", ["residence-renewal", "residence-visa-transfer", "dependant-residence"]],
  ["جواز السفر", "ar", ["passport-renewal"]],
  ["تجديد جواز", "ar", ["passport-renewal"]],
  ["البطاقه المدنيه", "ar", ["civil-id-card-issue", "civil-id-card-renewal", "civil-id-card-replacement"]],
  ["تجديد البطاقة المدنية", "ar", ["civil-id-card-renewal"]],
  ["رخصة القيادة", "ar", ["driving-licence-issue", "driving-licence-renewal"]],
  ["مخالفات المرور", "ar", ["traffic-fines-payment"]],
  ["تأسيس شركه", "ar", ["company-incorporation"]],
  ["شهاده حسن السير والسلوك", "ar", ["good-conduct-certificate"]],
  ["عقد الزواج", "ar", ["marriage-contract-registration"]],
  ["معاش تقاعدي", "ar", ["pension-enquiry", "retirement-pension-claim"]],
  ["شهادة ميلاد", "ar", ["birth-certificate"]],
  ["تطعيمات", "ar", ["child-vaccination-record"]],
  ["علامه تجاريه", "ar", ["trademark-registration"]],
  ["ترخيص بناء", "ar", ["building-permit"]],
  ["اجازه مرضيه", "ar", ["sick-leave-certificate"]],
  ["بدل ايجار", "ar", ["rent-allowance"]],
  ["السجل التجاري", "ar", ["commercial-register-certificate"]],
  // English: the forms of a word, both spellings of licence, and synonyms.
  ["renewal", "en", ["fire-safety-renewal", "municipal-licence-renewal", "civil-id-card-renewal"]],
  ["renew", "en", ["fire-safety-renewal", "municipal-licence-renewal", "civil-id-card-renewal"]],
  ["renewals", "en", ["fire-safety-renewal", "municipal-licence-renewal", "civil-id-card-renewal"]],
  ["fire safety licence", "en", ["fire-safety-licence", "fire-safety-renewal"]],
  ["fire safety license", "en", ["fire-safety-licence", "fire-safety-renewal"]],
  ["municipal licence", "en", ["municipal-licence-renewal"]],
  ["marriage loan", "en", ["social-loan"]],
  ["residence renewal", "en", ["residence-renewal"]],
  ["passport", "en", ["passport-renewal"]],
  ["driving license", "en", ["driving-licence-issue", "driving-licence-renewal"]],
  ["civil id", "en", ["civil-id-card-issue", "civil-id-card-renewal", "civil-id-card-replacement"]],
  ["traffic fines", "en", ["traffic-fines-payment"]],
  ["good conduct", "en", ["good-conduct-certificate"]],
  ["birth certificate", "en", ["birth-certificate"]],
  ["vaccination", "en", ["child-vaccination-record"]],
  ["building permit", "en", ["building-permit"]],
  ["trademark", "en", ["trademark-registration"]],
  ["how do I renew my passport", "en", ["passport-renewal"]],
  // Both languages in one query.
  ["تجديد passport", "ar", ["passport-renewal"]],
  ["fire ترخيص", "ar", ["fire-safety-renewal", "fire-safety-licence"]],
  ["renewal الاقامة", "en", ["residence-renewal"]],
];

describe("the catalogue's search, judged", () => {
  it(`puts first what was asked for, in ${judged.length} queries`, async () => {
    const wrong: string[] = [];
    for (const [query, lang, first] of judged) {
      const top = await topOf(query, lang, 3);
      if (JSON.stringify(top.slice(0, first.length)) !== JSON.stringify(first))
        wrong.push(`«${query}» (${lang}): ${top.join(", ")} — wanted ${first.join(", ")}`);
    }
    expect(wrong).toEqual([]);
    expect(judged.length).toBeGreaterThanOrEqual(40);
  });

  it("finds nothing for words no entry has, and does not find a licence for an unrelated word", async () => {
    expect(await topOf("قارب شراعي", "ar", 3)).toEqual([]);
    expect(await topOf("spaceship", "en", 3)).toEqual([]);
    expect(await topOf("تطعيم", "ar", 10)).not.toContain("fire-safety-licence");
  });
});
