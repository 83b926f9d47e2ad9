import fs from "node:fs";
import type { JsonEntry } from "../../app/administration/catalogue-files";
import { importCatalogue, type ImportResult } from "../../app/administration/catalogue-import.server";
import type { Database } from "../client";
import { generatedEntries } from "./catalogue-templates";
import { demoAgencies } from "./demo-agencies";

// The demo catalogue: the hand-written entries of catalogue.json, then those generated from the
// templates (catalogue-templates.ts), loaded through the administrators' import so that every
// entry is checked as theirs are. Entries already there are left as they are: an administrator's
// edits outlive a restart.

export function demoCatalogue(): JsonEntry[] {
  const written = JSON.parse(fs.readFileSync(new URL("./catalogue.json", import.meta.url), "utf8")) as JsonEntry[];
  return [...written, ...generatedEntries(demoAgencies)].map((entry, index) => ({ ...entry, position: (index + 1) * 10 }));
}

/** Loads the demo catalogue; an entry it would refuse is a mistake in the seed, and stops it. */
export async function seedCatalogue(db: Database): Promise<Extract<ImportResult, { ok: true }>> {
  const bytes = new TextEncoder().encode(JSON.stringify(demoCatalogue()));
  const result = await importCatalogue(db, { bytes, fileName: "demo-catalogue.json", isCheckOnly: false, existing: "keep", actor: null });
  if (!result.ok || result.refused.length) throw new Error(`The demo catalogue does not load: ${JSON.stringify(result).slice(0, 1_000)}`);
  return result;
}
