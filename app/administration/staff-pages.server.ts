import type { Database } from "../../db/client";
import { positionLabel } from "../agencies/positions";
import { listAgencies } from "../agencies/queries.server";
import type { Language } from "../i18n/config";
import { formatDateTime, compareText } from "../i18n/format";
import { displayName } from "../i18n/names";
import type { Grant } from "./staff-scope";

// What the staff administration's pages show of roles and accounts, in the reader's language.

export async function agencyNamer(db: Database, lang: Language) {
  const agencies = (await listAgencies(db))
    .map((agency) => ({ id: agency.id, name: displayName(agency, lang) }))
    .sort((a, b) => compareText(a.name, b.name, lang));
  const names = new Map(agencies.map((agency) => [agency.id, agency.name]));
  return {
    agencies,
    nameGrant: <G extends Grant>(grant: G) => ({
      ...grant,
      agencyName: grant.agencyId ? (names.get(grant.agencyId) ?? grant.agencyId) : null,
      positionName: positionLabel(grant.agencyId, grant.position)?.[lang] ?? grant.position,
    }),
  };
}

export const formatOptionalMoment = (moment: Date | null, lang: Language) => (moment ? formatDateTime(moment, lang) : null);
