import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountRoles, accounts, agencies, people } from "../../db/schema";
import { appliedMigrationCount, queryRows } from "../../db/client";
import { demoAccountCount, demoAgencies, findDemoAccounts, seedDemo } from "../../db/seed/demo";
import { hashPassword } from "../../app/auth/password.server";
import journal from "../../db/migrations/meta/_journal.json";
import { createTestDatabase, type TestDatabase } from "../setup/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function snapshot() {
  const [a, p, acc, r] = await Promise.all([
    t.db.select().from(agencies).orderBy(agencies.id),
    t.db.select().from(people).orderBy(people.civilId),
    t.db.select().from(accounts).orderBy(accounts.id),
    t.db.select().from(accountRoles).orderBy(accountRoles.id),
  ]);
  return { a, p, acc, r };
}

describe("the schema", () => {
  it("has every committed migration applied", async () => {
    expect(await appliedMigrationCount(t.db)).toBe(journal.entries.length);
  });

  it("refuses account shapes that make no sense", async () => {
    await t.db.insert(agencies).values({ id: "kff", nameAr: "قوة الإطفاء العام", nameEn: "Kuwait Fire Force" }).onConflictDoNothing();
    const [person] = await t.db.insert(people).values({ civilId: "275010100788", nameAr: "سعود", nameEn: "Saud", nationality: "KWT" }).returning();
    // A staff account with no username.
    await expect(t.db.insert(accounts).values({ kind: "staff", personId: person!.id, passwordHash: "x" })).rejects.toThrow();
    // A kiosk that belongs to a person.
    await expect(t.db.insert(accounts).values({ kind: "kiosk", personId: person!.id, username: "kiosk-1", passwordHash: "x" })).rejects.toThrow();
    const [staff] = await t.db.insert(accounts).values({ kind: "staff", personId: person!.id, username: "saud", passwordHash: "x" }).returning();
    // A clerk with no position, and a supervisor of no agency.
    await expect(t.db.insert(accountRoles).values({ accountId: staff!.id, role: "clerk", agencyId: "kff" })).rejects.toThrow();
    await expect(t.db.insert(accountRoles).values({ accountId: staff!.id, role: "supervisor" })).rejects.toThrow();
    // A civil ID of the wrong shape.
    await expect(t.db.insert(people).values({ civilId: "12345", nameAr: "س", nameEn: "S", nationality: "KWT" })).rejects.toThrow();
  });

  it("answers raw queries the same way on both drivers", async () => {
    const rows = await queryRows<{ n: number }>(t.db, sql`select 41 + 1 as n`);
    expect(Number(rows[0]!.n)).toBe(42);
  });
});

describe("the demo seed", () => {
  it("creates the demo agencies and accounts, and a second run changes nothing", async () => {
    const first = await seedDemo(t.db, t.secrets);
    expect(first.created).toBe(demoAccountCount());
    const before = await snapshot();
    expect(before.a.map((a) => a.id)).toEqual(expect.arrayContaining(demoAgencies.map((a) => a.id)));

    const second = await seedDemo(t.db, t.secrets);
    expect(second.created).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("is found by the production start-up check, which refuses demo accounts until their password is changed", async () => {
    const found = await findDemoAccounts(t.db);
    expect(found).toEqual(expect.arrayContaining(["admin", "kcb.officer", "288020122596"]));
    expect(found).toHaveLength(demoAccountCount());
    await t.db
      .update(accounts)
      .set({ passwordHash: await hashPassword("a password nobody published") })
      .where(eq(accounts.username, "admin"));
    expect(await findDemoAccounts(t.db)).not.toContain("admin");
  });
});
