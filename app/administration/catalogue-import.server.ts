import crypto from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { catalogueEntries } from "../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import {
  informationEntryOf,
  insertInformationEntries,
  isSameEntry,
  lockCatalogueOrder,
  nextPosition,
  updateInformationEntry,
  type InformationEntry,
} from "../catalogue/entries.server";
import { readCatalogueFile, readPosition, readRetired, type FileProblem, type FileRow } from "./catalogue-files";
import type { EntryData } from "../catalogue/entry";
import { agencyIdsOf, integratedIds } from "./catalogue-admin.server";
import { checkEntry, type EntryProblem } from "./entry-forms";

// Loading many entries at once: every row of the file is checked as the entry's page checks it,
// those that pass are added or change the entry of their id, and the report names each refused
// row with its line and why. What passes lands in one transaction with its audit record, or
// nothing does; a check alone changes nothing.

export type RowProblem = EntryProblem | "position.invalid" | "retired.invalid" | "id.repeated" | "row.misaligned";

export interface ImportReport {
  isCheckOnly: boolean;
  rows: number;
  created: string[];
  updated: string[];
  unchanged: number;
  refused: { line: number; id: string; problems: RowProblem[] }[];
}

export type ImportResult = ({ ok: true } & ImportReport) | ({ ok: false } & FileProblem);

interface Accepted {
  line: number;
  entry: EntryData;
  position: number | null;
  retired: boolean | null;
}

/** Checks every row on its own; a row whose id an earlier row of the file has is refused. */
export function checkRows(rows: readonly FileRow[], agencyIds: ReadonlySet<string>, integratedIds: ReadonlySet<string>) {
  const accepted: Accepted[] = [];
  const refused: ImportReport["refused"] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const id = (row.values.id ?? "").trim();
    // Cells out of place would be read as the wrong fields: the row is refused for that alone.
    if (row.isMisaligned) {
      refused.push({ line: row.line, id, problems: ["row.misaligned"] });
      continue;
    }
    const checked = checkEntry(row.values, agencyIds, integratedIds);
    const problems: RowProblem[] = checked.ok ? [] : Object.values(checked.problems);
    const position = readPosition(row.position);
    const retired = readRetired(row.retired);
    if (position === "invalid") problems.push("position.invalid");
    if (retired === "invalid") problems.push("retired.invalid");
    if (id && seen.has(id)) problems.push("id.repeated");
    if (id) seen.add(id);
    if (!checked.ok || problems.length) refused.push({ line: row.line, id, problems });
    else accepted.push({ line: row.line, entry: checked.entry, position: position as number | null, retired: retired as boolean | null });
  }
  return { accepted, refused };
}

const CHUNK = 500;
const chunks = <T>(list: readonly T[]) => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

export interface ImportInput {
  bytes: Uint8Array;
  fileName: string;
  isCheckOnly: boolean;
  /** What a row does to the entry its id names: changes it (an administrator's import), or leaves it as it is (the seed). */
  existing: "update" | "keep";
  /** Who imports, for the audit record; null for the seed. */
  actor: { accountId: string; meta: RequestMeta } | null;
  now?: Date;
}

export async function importCatalogue(db: Database, input: ImportInput): Promise<ImportResult> {
  const read = readCatalogueFile(input.bytes, input.fileName);
  if (!read.ok) return read;
  const now = input.now ?? new Date();
  const { accepted, refused } = checkRows(read.rows, await agencyIdsOf(db), integratedIds);
  return db.transaction(async (tx) => {
    // A check reads what is there as it is; an import holds the entries it will change, and the order.
    if (!input.isCheckOnly) await lockCatalogueOrder(tx);
    const existing = new Map<string, InformationEntry>();
    for (const ids of chunks(accepted.map((row) => row.entry.id))) {
      const select = tx.select().from(catalogueEntries).where(inArray(catalogueEntries.id, ids));
      for (const row of await (input.isCheckOnly ? select : select.for("update"))) existing.set(row.id, informationEntryOf(row));
    }
    const fresh = accepted.filter((row) => !existing.has(row.entry.id));
    const changed = accepted.filter((row) => {
      if (input.existing === "keep") return false;
      const current = existing.get(row.entry.id);
      return current && !isSameEntry(current, row.entry, row.position, row.retired);
    });
    const report: ImportReport = {
      isCheckOnly: input.isCheckOnly,
      rows: read.rows.length,
      created: fresh.map((row) => row.entry.id),
      updated: changed.map((row) => row.entry.id),
      unchanged: accepted.length - fresh.length - changed.length,
      refused,
    };
    if (input.isCheckOnly || (fresh.length === 0 && changed.length === 0)) return { ok: true, ...report };

    let next = await nextPosition(tx);
    const placed = fresh.map((row) => {
      const position = row.position ?? next;
      if (row.position === null) next += 10;
      return { entry: row.entry, position, retiredAt: row.retired ? now : null };
    });
    for (const batch of chunks(placed)) await insertInformationEntries(tx, batch, now);
    for (const row of changed) {
      await updateInformationEntry(tx, row.entry, { expectedVersion: null, position: row.position, retired: row.retired, now });
    }
    if (input.actor) {
      await recordAudit(tx, {
        ...auditFields(input.actor.meta),
        actorAccountId: input.actor.accountId,
        action: "catalogue.imported",
        subjectType: "catalogue",
        subjectId: null,
        details: {
          file: input.fileName.slice(0, 200),
          sha256: crypto.createHash("sha256").update(input.bytes).digest("hex"),
          rows: report.rows,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          refused: report.refused.length,
        },
      });
    }
    return { ok: true, ...report };
  });
}
