import { and, eq } from "drizzle-orm";
import { hashPassword } from "../../app/auth/password.server";
import { seal } from "../../app/secrets.server";
import type { Database } from "../client";
import { accountRoles, accounts, agencies, paciPeople, type Person } from "../schema";
import type { StaffRole } from "../schema/accounts";

// The factories behind both the demo seed and the tests, so demo data and test data never drift.
// Each is idempotent: called again with the same identity it returns what is there.

export { ensurePerson, type PersonInput } from "../../app/accounts/people.server";

export async function ensureCitizenAccount(db: Database, person: Person, password: string): Promise<{ id: string; isNew: boolean }> {
  const [existing] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.personId, person.id), eq(accounts.kind, "citizen")));
  if (existing) return { id: existing.id, isNew: false };
  const [created] = await db
    .insert(accounts)
    .values({ kind: "citizen", personId: person.id, passwordHash: await hashPassword(password) })
    .returning({ id: accounts.id });
  return { id: created!.id, isNew: true };
}

export interface StaffInput {
  person: Person;
  username: string;
  password: string;
  /** A base32 TOTP secret already enrolled; without one the account enrols at first sign-in. */
  totpSecret?: string;
  sealKey: Buffer;
  roles: { role: StaffRole; agencyId?: string; position?: string }[];
}

export async function ensureStaffAccount(db: Database, input: StaffInput): Promise<{ id: string; isNew: boolean }> {
  const [existing] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username));
  let id = existing?.id;
  if (!id) {
    const [created] = await db
      .insert(accounts)
      .values({
        kind: "staff",
        personId: input.person.id,
        username: input.username,
        passwordHash: await hashPassword(input.password),
        totpSecretSealed: input.totpSecret ? seal(input.sealKey, input.totpSecret) : null,
        totpEnrolledAt: input.totpSecret ? new Date() : null,
      })
      .returning({ id: accounts.id });
    id = created!.id;
  }
  for (const grant of input.roles) {
    await db
      .insert(accountRoles)
      .values({ accountId: id, role: grant.role, agencyId: grant.agencyId ?? null, position: grant.position ?? null })
      .onConflictDoNothing();
  }
  return { id, isNew: !existing };
}

export async function ensureAgency(db: Database, agency: typeof agencies.$inferInsert): Promise<void> {
  await db.insert(agencies).values(agency).onConflictDoNothing({ target: agencies.id });
}

/** A person in PACI's demo civil registry (what the simulated PACI endpoint answers from). */
export async function ensurePaciRecord(db: Database, record: typeof paciPeople.$inferInsert): Promise<void> {
  await db.insert(paciPeople).values(record).onConflictDoNothing({ target: paciPeople.civilId });
}
