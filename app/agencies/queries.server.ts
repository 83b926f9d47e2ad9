import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencies, agencyContacts } from "../../db/schema";

const agencyColumns = { id: agencies.id, nameAr: agencies.nameAr, nameEn: agencies.nameEn, websiteUrl: agencies.websiteUrl };

export function listAgencies(db: Database) {
  return db.select(agencyColumns).from(agencies).orderBy(asc(agencies.nameEn));
}

export function getAgencies(db: Database, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select(agencyColumns).from(agencies).where(inArray(agencies.id, ids));
}

export function getAgency(db: Database, id: string) {
  return db
    .select(agencyColumns)
    .from(agencies)
    .where(eq(agencies.id, id))
    .then((rows) => rows[0] ?? null);
}

export interface AgencyDetails {
  nameAr: string;
  nameEn: string;
  websiteUrl: string | null;
}

/** Changes an agency's names and website, in the caller's transaction; the row as it was, or null when there is none. */
export async function updateAgency(tx: Database, id: string, details: AgencyDetails) {
  const [before] = await tx.select(agencyColumns).from(agencies).where(eq(agencies.id, id)).for("update");
  if (!before) return null;
  await tx.update(agencies).set(details).where(eq(agencies.id, id));
  return before;
}

/** Adds an agency, in the caller's transaction; false when its id is taken. */
export async function createAgency(tx: Database, agency: AgencyDetails & { id: string }): Promise<boolean> {
  const rows = await tx.insert(agencies).values(agency).onConflictDoNothing({ target: agencies.id }).returning({ id: agencies.id });
  return rows.length > 0;
}

export interface ContactDetails {
  name: string;
  responsibility: string;
  email: string | null;
  phone: string | null;
}

const contactColumns = {
  id: agencyContacts.id,
  name: agencyContacts.name,
  responsibility: agencyContacts.responsibility,
  email: agencyContacts.email,
  phone: agencyContacts.phone,
};

export function listAgencyContacts(db: Database, agencyId: string) {
  return db.select(contactColumns).from(agencyContacts).where(eq(agencyContacts.agencyId, agencyId)).orderBy(asc(agencyContacts.createdAt));
}

export async function addAgencyContact(tx: Database, agencyId: string, contact: ContactDetails) {
  const [added] = await tx
    .insert(agencyContacts)
    .values({ agencyId, ...contact })
    .returning(contactColumns);
  return added!;
}

/** Removes one of the agency's contacts; the contact as it was, or null when the agency has no such contact. */
export async function removeAgencyContact(tx: Database, agencyId: string, contactId: string) {
  const [removed] = await tx
    .delete(agencyContacts)
    .where(and(eq(agencyContacts.agencyId, agencyId), eq(agencyContacts.id, contactId)))
    .returning(contactColumns);
  return removed ?? null;
}
