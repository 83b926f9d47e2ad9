import { and, eq, inArray, or } from "drizzle-orm";
import { verifyPassword } from "../../app/auth/password.server";
import type { Secrets } from "../../app/secrets.server";
import type { Database } from "../client";
import { accounts, people } from "../schema";

import { parseCivilId } from "../../app/auth/civil-id";
import { seedCatalogue } from "./catalogue";
import { demoAgencies } from "./demo-agencies";
import { ensureAgency, ensureCitizenAccount, ensurePaciRecord, ensurePerson, ensureStaffAccount } from "./factories";
import { demoPersonaPeople, demoPersonasOn, seedRegistries } from "./registries";
import { paciAddressOf, streets } from "./registry-factories";
import type { SimulatedCard } from "../../app/runtime.server";
import { kuwaitToday } from "../../app/i18n/dates";

/** The one password of every demo account. Demo data is for the embedded default, never production. */
export const DEMO_PASSWORD = "Nafitha-Demo-2026";

export { demoAgencies } from "./demo-agencies";

export const demoCitizens = [
  {
    civilId: "288020122596",
    nameAr: "أحمد عبدالله العنزي",
    nameEn: "Ahmad Abdullah Al-Enezi",
    nationality: "KWT",
    sex: "male",
    phone: "+96599123456",
    email: "ahmad.alenezi@example.kw",
    address: ["salmiya", "10", streets.salemAlMubarak, "12"],
    note: "Kuwaiti citizen",
  },
  {
    civilId: "292091998298",
    nameAr: "فاطمة محمد الرشيدي",
    nameEn: "Fatima Mohammed Al-Rashidi",
    nationality: "KWT",
    sex: "female",
    phone: "+96566234567",
    email: null,
    preferredLanguage: "en" as const,
    address: ["shuwaikh", "2", streets.jamalAbdulnasser, "7"],
    note: "Kuwaiti citizen, prefers English",
  },
  {
    civilId: "227081660516",
    nameAr: "عبدالعزيز سالم المطيري",
    nameEn: "Abdulaziz Salem Al-Mutairi",
    nationality: "KWT",
    sex: "male",
    phone: "+96555345678",
    email: null,
    address: ["oyoun", "4", "15", "33"],
    note: "Kuwaiti citizen",
  },
  {
    civilId: "285031244114",
    nameAr: "راجيش كومار",
    nameEn: "Rajesh Kumar",
    nationality: "IND",
    sex: "male",
    phone: "+96560456789",
    email: "rajesh.kumar@example.com",
    address: ["khaitan", "6", "25", "101"],
    note: "resident (India)",
  },
] as const;

/** Staff accounts with their TOTP secrets: printed in the README and at start-up, for the demo only. */
export const demoStaff = [
  {
    username: "kcb.officer",
    totpSecret: "6QGNIRE36GFPKOGJ7GO4GKWHS3R6A3ZK",
    civilId: "290051400029",
    nameAr: "نورة خالد الهاجري",
    nameEn: "Noura Khaled Al-Hajri",
    roles: [{ role: "clerk", agencyId: "kcb", position: "loan-officer" }],
  },
  {
    username: "kcb.supervisor",
    totpSecret: "2FLB4SY6RYUUAETOKK4KOZRFOAENLAOF",
    civilId: "280112200022",
    nameAr: "يوسف علي الكندري",
    nameEn: "Yousef Ali Al-Kandari",
    roles: [{ role: "supervisor", agencyId: "kcb" }],
  },
  {
    username: "kff.officer",
    totpSecret: "62I6AZ4GBYYKVHLIDXQSKR52EGVVFMXO",
    civilId: "287070900048",
    nameAr: "مشاري حمد العجمي",
    nameEn: "Mishari Hamad Al-Ajmi",
    roles: [{ role: "clerk", agencyId: "kff", position: "prevention-officer" }],
  },
  {
    username: "kff.inspector",
    totpSecret: "2G2S3UNC7DK24AC2TKBX6SJBPXPP5KJ2",
    civilId: "291030300058",
    nameAr: "سعود فهد الشمري",
    nameEn: "Saud Fahad Al-Shammari",
    roles: [{ role: "clerk", agencyId: "kff", position: "inspector" }],
  },
  {
    username: "km.clerk",
    totpSecret: "FUGDEO2PTXF7IWGFXPVLHDCDRI3S7HI2",
    civilId: "289121800055",
    nameAr: "مريم يوسف الفيلكاوي",
    nameEn: "Maryam Yousef Al-Failakawi",
    roles: [{ role: "clerk", agencyId: "km", position: "licensing-clerk" }],
  },
  {
    username: "admin",
    totpSecret: "CLFV6OD4DBLZU5ASHWSZEOFMWD6TFFXA",
    civilId: "283040500061",
    nameAr: "هند عبدالرحمن البدر",
    nameEn: "Hind Abdulrahman Al-Bader",
    roles: [{ role: "admin", agencyId: "cait" }],
  },
  {
    username: "kcb.admin",
    totpSecret: "KHH4B7NZ3UUSRM4OJYMQRHTTDOATEESD",
    civilId: "282061500007",
    nameAr: "عبدالعزيز فيصل المطيري",
    nameEn: "Abdulaziz Faisal Al-Mutairi",
    roles: [{ role: "agency-admin", agencyId: "kcb" }],
  },
  {
    username: "kff.newclerk",
    totpSecret: undefined,
    civilId: "295060600076",
    nameAr: "خالد ناصر الدوسري",
    nameEn: "Khaled Nasser Al-Dosari",
    roles: [{ role: "clerk", agencyId: "kff", position: "inspector" }],
  },
] as const;

/** The personas of the registries (db/seed/registries.ts) that are not demo citizens already: they sign in as citizens too. */
const personasWithoutAccounts = (today: string) =>
  demoPersonaPeople(today).filter((persona) => !demoCitizens.some((citizen) => citizen.civilId === persona.civilId));

/** The cards of the kiosks' simulated reader: the demo citizens, and the company signatories the kiosk's services are for. */
export function demoKioskCards(today: string): SimulatedCard[] {
  const signatories = Object.entries(demoPersonasOn(today)).flatMap(([key, persona]) => (key.startsWith("F") ? [persona] : []));
  const cards = new Map([...demoCitizens, ...signatories].map(({ civilId, nameAr, nameEn }) => [civilId, { civilId, nameAr, nameEn }]));
  return [...cards.values()];
}

/** How many accounts a first seeding creates. */
export const demoAccountCount = (today = kuwaitToday()) => demoCitizens.length + personasWithoutAccounts(today).length + demoStaff.length;

/** Seeds the demo. Idempotent: a second run finds everything there and changes nothing. */
export async function seedDemo(db: Database, secrets: Secrets): Promise<{ created: number }> {
  let created = 0;
  for (const agency of demoAgencies) await ensureAgency(db, agency);
  await seedCatalogue(db);
  for (const { note: _note, sex, address, ...citizen } of demoCitizens) {
    const birthDate = (parseCivilId(citizen.civilId) as { birthDate: string }).birthDate;
    await ensurePaciRecord(db, { ...citizen, sex, birthDate, ...paciAddressOf(address), email: citizen.email });
    const person = await ensurePerson(db, citizen);
    if ((await ensureCitizenAccount(db, person, DEMO_PASSWORD)).isNew) created++;
  }
  const today = kuwaitToday();
  await seedRegistries(db, today);
  for (const persona of personasWithoutAccounts(today)) {
    const person = await ensurePerson(db, persona);
    if ((await ensureCitizenAccount(db, person, DEMO_PASSWORD)).isNew) created++;
  }
  for (const staff of demoStaff) {
    const person = await ensurePerson(db, { civilId: staff.civilId, nameAr: staff.nameAr, nameEn: staff.nameEn });
    const account = await ensureStaffAccount(db, {
      person,
      username: staff.username,
      password: DEMO_PASSWORD,
      totpSecret: staff.totpSecret,
      sealKey: secrets.sealKey,
      roles: staff.roles.map((grant) => ({ ...grant })),
    });
    if (account.isNew) created++;
  }
  return { created };
}

/**
 * The demo's accounts still signing in with the published demo password: what a production
 * deployment must never carry (scripts/start.ts refuses to start on such a database). Only the
 * demo's own identifiers are looked at, and each is checked against the demo password.
 */
export async function findDemoAccounts(db: Database): Promise<string[]> {
  const civilIds = [...demoCitizens.map((c) => c.civilId), ...demoPersonaPeople(kuwaitToday()).map((p) => p.civilId)];
  const usernames = demoStaff.map((s) => s.username as string);
  const rows = await db
    .select({ username: accounts.username, civilId: people.civilId, passwordHash: accounts.passwordHash })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(or(inArray(accounts.username, usernames), and(eq(accounts.kind, "citizen"), inArray(people.civilId, civilIds))));
  const found: string[] = [];
  for (const row of rows) if (await verifyPassword(row.passwordHash, DEMO_PASSWORD)) found.push(row.username ?? row.civilId);
  return found;
}
