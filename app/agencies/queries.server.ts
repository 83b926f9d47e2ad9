import { asc, inArray } from "drizzle-orm";
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
