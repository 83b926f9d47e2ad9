import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencies } from "../../db/schema";

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
