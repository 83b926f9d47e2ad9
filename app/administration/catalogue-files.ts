import type { InformationEntry } from "../catalogue/entries.server";
import { CSV_BOM, csvLine, parseCsv, unguard } from "../http/csv";
import type { EntryField } from "./entry-forms";

// The catalogue's entries as files an administrator exports, edits in a spreadsheet and imports
// again: CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the Arabic) and JSON
// (the shape of db/seed/catalogue.json). Reading a file gives its rows as text, each with the line
// (or the place in the list) it came from; checking a row is entry-forms.ts's business.

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 20_000;

/** The columns, in order; `position` and `retired` may be left out of an imported file. */
export const csvColumns = [
  "id",
  "agency",
  "category",
  "life_events",
  "channels",
  "title_ar",
  "title_en",
  "summary_ar",
  "summary_en",
  "url",
  "position",
  "retired",
] as const;
type CsvColumn = (typeof csvColumns)[number];
const optionalColumns: readonly CsvColumn[] = ["position", "retired"];

const fieldOfColumn: Record<Exclude<CsvColumn, "position" | "retired">, EntryField> = {
  id: "id",
  agency: "agency",
  category: "category",
  life_events: "lifeEvents",
  channels: "channels",
  title_ar: "titleAr",
  title_en: "titleEn",
  summary_ar: "summaryAr",
  summary_en: "summaryEn",
  url: "url",
};

export interface FileRow {
  /** The CSV line the row starts on, or its place in the JSON list (from 1). */
  line: number;
  values: Partial<Record<EntryField, string>>;
  /** As written; checked when the row is (empty: keep or append). */
  position: string;
  retired: string;
  /** A CSV row with more or fewer cells than the header has columns (an unquoted comma, a cell left out). */
  isMisaligned?: boolean;
}

export type FileProblem =
  | { problem: "empty" | "not-utf8" | "too-large" | "too-many-rows" | "json-invalid" | "json-not-list" }
  | { problem: "csv-unclosed-quote"; line: number }
  | { problem: "csv-columns-missing"; columns: string[] }
  | { problem: "csv-columns-unknown"; columns: string[] }
  | { problem: "json-not-object"; line: number };

export type ReadFile = { ok: true; rows: FileRow[] } | ({ ok: false } & FileProblem);

export type FileFormat = "csv" | "json";

/** Reads an uploaded file's bytes as rows; the format is its name's ending, else its first character. */
export function readCatalogueFile(bytes: Uint8Array, fileName: string): ReadFile {
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, problem: "too-large" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, problem: "not-utf8" };
  }
  if (text.trim() === "") return { ok: false, problem: "empty" };
  const format: FileFormat = /\.json$/i.test(fileName) || (!/\.csv$/i.test(fileName) && /^\s*[[{]/.test(text)) ? "json" : "csv";
  const read = format === "json" ? readJson(text) : readCsv(text);
  if (read.ok && read.rows.length > MAX_ROWS) return { ok: false, problem: "too-many-rows" };
  if (read.ok && read.rows.length === 0) return { ok: false, problem: "empty" };
  return read;
}

// ---- CSV ----------------------------------------------------------------------------------

function readCsv(text: string): ReadFile {
  // The header, and one row past the limit to know it was passed.
  const parsed = parseCsv(text.replace(/^\uFEFF/, ""), MAX_ROWS + 1);
  if (!parsed.ok)
    return parsed.problem === "too-many" ? { ok: false, problem: "too-many-rows" } : { ok: false, problem: "csv-unclosed-quote", line: parsed.line };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, problem: "empty" };
  const names = header.cells.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(csvColumns as readonly string[]).includes(name));
  if (unknown.length) return { ok: false, problem: "csv-columns-unknown", columns: unknown };
  const missing = csvColumns.filter((column) => !optionalColumns.includes(column) && !names.includes(column));
  if (missing.length) return { ok: false, problem: "csv-columns-missing", columns: missing };
  const rows = records.map(({ line, cells }): FileRow => {
    const cellOf = (column: CsvColumn) => {
      const index = names.indexOf(column);
      return index >= 0 ? unguard(cells[index] ?? "") : "";
    };
    const values: Partial<Record<EntryField, string>> = {};
    for (const [column, field] of Object.entries(fieldOfColumn)) values[field] = cellOf(column as CsvColumn);
    return { line, values, position: cellOf("position"), retired: cellOf("retired"), isMisaligned: cells.length !== names.length };
  });
  return { ok: true, rows };
}

// ---- JSON ---------------------------------------------------------------------------------

/** An entry as the JSON files and the seed's data file hold it. */
export interface JsonEntry {
  id: string;
  agency: string;
  category: string;
  lifeEvents: string[];
  channels: string[];
  title: { ar: string; en: string };
  summary: { ar: string; en: string };
  url: string;
  position?: number;
  retired?: boolean;
}

const textOf = (value: unknown): string => (typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "");
const listText = (value: unknown): string => (Array.isArray(value) ? value.map(textOf).join(";") : textOf(value));
const pair = (value: unknown, language: "ar" | "en") => (value && typeof value === "object" ? textOf((value as Record<string, unknown>)[language]) : "");

function readJson(text: string): ReadFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, problem: "json-invalid" };
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === "object" && Array.isArray((parsed as { entries?: unknown }).entries)
      ? (parsed as { entries: unknown[] }).entries
      : null;
  if (!list) return { ok: false, problem: "json-not-list" };
  const rows: FileRow[] = [];
  for (const [index, item] of list.entries()) {
    if (!item || typeof item !== "object" || Array.isArray(item)) return { ok: false, problem: "json-not-object", line: index + 1 };
    const entry = item as Record<string, unknown>;
    rows.push({
      line: index + 1,
      values: {
        id: textOf(entry.id),
        agency: textOf(entry.agency),
        category: textOf(entry.category),
        lifeEvents: listText(entry.lifeEvents),
        channels: listText(entry.channels),
        titleAr: pair(entry.title, "ar"),
        titleEn: pair(entry.title, "en"),
        summaryAr: pair(entry.summary, "ar"),
        summaryEn: pair(entry.summary, "en"),
        url: textOf(entry.url),
      },
      position: textOf(entry.position),
      retired: textOf(entry.retired),
    });
  }
  return { ok: true, rows };
}

// ---- Writing --------------------------------------------------------------------------------

export interface ExportedEntry extends JsonEntry {
  position: number;
  retired: boolean;
}

export const exportedEntry = (entry: InformationEntry): ExportedEntry => ({
  id: entry.id,
  agency: entry.agency,
  category: entry.category,
  lifeEvents: entry.lifeEvents,
  channels: entry.channels,
  title: entry.title,
  summary: entry.summary,
  url: entry.url,
  position: entry.position,
  retired: entry.retiredAt !== null,
});

export function writeCatalogueCsv(entries: readonly ExportedEntry[]): string {
  const lines = [csvLine(csvColumns)];
  for (const entry of entries) {
    const cells: Record<CsvColumn, string> = {
      id: entry.id,
      agency: entry.agency,
      category: entry.category,
      life_events: entry.lifeEvents.join(";"),
      channels: entry.channels.join(";"),
      title_ar: entry.title.ar,
      title_en: entry.title.en,
      summary_ar: entry.summary.ar,
      summary_en: entry.summary.en,
      url: entry.url,
      position: String(entry.position),
      retired: entry.retired ? "yes" : "no",
    };
    lines.push(csvLine(csvColumns.map((column) => cells[column])));
  }
  return `${CSV_BOM}${lines.join("")}`;
}

export const writeCatalogueJson = (entries: readonly ExportedEntry[]) => `${JSON.stringify(entries, null, 2)}\n`;

/** A row's `retired` cell: yes or no in either language, true or false, 1 or 0; empty keeps what is there. */
export function readRetired(value: string): boolean | null | "invalid" {
  const word = value.trim().toLowerCase();
  if (word === "") return null;
  if (["yes", "true", "1", "نعم"].includes(word)) return true;
  if (["no", "false", "0", "لا"].includes(word)) return false;
  return "invalid";
}

/** A row's `position` cell: a whole number from 0; empty keeps the entry's place (or puts a new one last). */
export function readPosition(value: string): number | null | "invalid" {
  const text = value.trim();
  if (text === "") return null;
  return /^\d{1,9}$/.test(text) ? Number(text) : "invalid";
}
