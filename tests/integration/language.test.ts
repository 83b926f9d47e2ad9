import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCivilId, type CivilId } from "../../app/auth/civil-id";
import type { Viewer } from "../../app/auth/permissions";
import { getLanguage, languageCookie, redirectForLinkedLanguage } from "../../app/i18n/language.server";
import { people } from "../../db/schema";
import { ensurePerson } from "../../db/seed/factories";
import { createTestDatabase, type TestDatabase } from "../setup/database";

// Which language a page is in: the account's, else the one chosen on this browser, else the
// browser's own, else Arabic; and a link that names one.

let t: TestDatabase;
let citizen: Extract<Viewer, { kind: "citizen" }>;
const anonymous: Viewer = { kind: "anonymous", hasEndedSession: false };
const CIVIL_ID = (parseCivilId("288020122596") as { civilId: CivilId }).civilId;

const requestOf = (path: string, headers: Record<string, string> = {}) => new Request(`http://portal.test${path}`, { headers });

beforeAll(async () => {
  t = await createTestDatabase();
  const person = await ensurePerson(t.db, { civilId: CIVIL_ID, nameAr: "أحمد", nameEn: "Ahmad", phone: "+96599123456" });
  citizen = {
    kind: "citizen",
    sessionId: "s",
    accountId: "a",
    person: { id: person.id, civilId: CIVIL_ID, nameAr: "أحمد", nameEn: "Ahmad", preferredLanguage: "ar" },
    lastSignInAt: null,
  };
});
afterAll(() => t.close());

describe("the language of a page", () => {
  it("follows the browser on a first visit, the choice made on this browser after that, and the account's when signed in", async () => {
    const english = { "accept-language": "en-GB,en;q=0.9,ar;q=0.4" };
    expect(await getLanguage(requestOf("/services", english), anonymous)).toBe("en");
    expect(await getLanguage(requestOf("/services", { "accept-language": "fr,ar;q=0.5,en;q=0.4" }), anonymous)).toBe("ar");
    expect(await getLanguage(requestOf("/services", { "accept-language": "fr,de" }), anonymous)).toBe("ar");
    expect(await getLanguage(requestOf("/services"), anonymous)).toBe("ar");
    const chosenArabic = { ...english, cookie: await languageCookie.serialize("ar") };
    expect(await getLanguage(requestOf("/services", chosenArabic), anonymous)).toBe("ar");
    expect(await getLanguage(requestOf("/services", english), citizen)).toBe("ar");
    // A kiosk is a public screen: Arabic first, whatever its browser is set to.
    expect(await getLanguage(requestOf("/kiosk/home", english), anonymous)).toBe("ar");
    expect(await getLanguage(requestOf("/kiosk", english), anonymous)).toBe("ar");
  });

  it("opens a link that names a language at its address without it, remembered on the browser and on the account", async () => {
    const answer = await redirectForLinkedLanguage(requestOf("/services?q=%D8%B1%D8%AE%D8%B5%D8%A9&lang=en"), t.db, citizen);
    expect(answer?.status).toBe(302);
    expect(answer?.headers.get("location")).toBe("/services?q=%D8%B1%D8%AE%D8%B5%D8%A9");
    const cookie = answer!.headers.get("set-cookie")!;
    expect(await languageCookie.parse(cookie.split(";")[0]!)).toBe("en");
    const [person] = await t.db.select({ language: people.preferredLanguage }).from(people).where(eq(people.civilId, CIVIL_ID));
    expect(person!.language).toBe("en");

    // A language we do not have is dropped from the address and changes nothing.
    const unknown = await redirectForLinkedLanguage(requestOf("/services?lang=fr"), t.db, anonymous);
    expect(unknown?.headers.get("location")).toBe("/services");
    expect(unknown?.headers.get("set-cookie")).toBeNull();
    // No `lang`, or a form being sent: nothing to do.
    expect(await redirectForLinkedLanguage(requestOf("/services?q=x"), t.db, anonymous)).toBeNull();
    expect(await redirectForLinkedLanguage(new Request("http://portal.test/sign-in?lang=en", { method: "POST" }), t.db, anonymous)).toBeNull();
  });
});
