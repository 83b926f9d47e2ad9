import type { Database } from "../../db/client";
import { listAgencies } from "../agencies/queries.server";
import { entryDataOf, type InformationEntry } from "../catalogue/entries.server";
import { categories, lifeEvents } from "../catalogue/taxonomy";
import type { Language } from "../i18n/config";
import { displayName } from "../i18n/names";
import type { EntryField } from "./entry-forms";
import { compareText } from "../i18n/format";

// What the catalogue's administration pages show beside an entry: the choices of its form, in the
// reader's language, and an entry's values as its form holds them.

export async function entryFormOptions(db: Database, lang: Language) {
  const agencies = await listAgencies(db);
  return {
    agencies: agencies.map((agency) => ({ value: agency.id, label: displayName(agency, lang) })).sort((a, b) => compareText(a.label, b.label, lang)),
    categories: Object.entries(categories).map(([value, label]) => ({ value, label: label[lang] })),
    lifeEvents: Object.entries(lifeEvents).map(([value, label]) => ({ value, label: label[lang] })),
  };
}

export const emptyEntryValues = (): Record<EntryField, string> => ({
  id: "",
  agency: "",
  category: "",
  lifeEvents: "",
  channels: "",
  titleAr: "",
  titleEn: "",
  summaryAr: "",
  summaryEn: "",
  url: "",
});

export function entryValues(entry: InformationEntry): Record<EntryField, string> {
  const data = entryDataOf(entry);
  return { ...data, lifeEvents: data.lifeEvents.join(";"), channels: data.channels.join(";") };
}
