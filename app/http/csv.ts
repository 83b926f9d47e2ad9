// CSV as spreadsheets read and write it (RFC 4180, UTF-8 with a byte-order mark so that they read
// the Arabic), for every file the portal lets staff download or upload.

/**
 * RFC 4180 records, each with the line it starts on, without those whose cells are all blank (a
 * spreadsheet's trailing ",,,,"); a quote left open is refused with its line, and reading stops
 * past `maxRecords`.
 */
export function parseCsv(
  text: string,
  maxRecords = Infinity,
): { ok: true; records: { line: number; cells: string[] }[] } | { ok: false; problem: "unclosed-quote"; line: number } | { ok: false; problem: "too-many" } {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((value) => value.trim() !== "")) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) line++;
        cell += char;
      }
      i++;
      continue;
    }
    if (char === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    } else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      // The \n ends the record.
    } else if (char === "\n" || char === "\r") {
      endRecord();
      if (records.length > maxRecords) return { ok: false, problem: "too-many" };
      line++;
      recordLine = line;
    } else cell += char;
    i++;
  }
  if (quoted) return { ok: false, problem: "unclosed-quote", line: quoteLine };
  if (cell !== "" || cells.length) endRecord();
  return { ok: true, records };
}

// A cell a spreadsheet would run as a formula is written with a leading apostrophe, and read back
// without it. The rule is one way both ways: a value that begins with apostrophes before such a
// character gets one more, so that what is read back is always what was written.
const FORMULA = /^'*[=+\-@\t\r]/;
export const guard = (value: string) => (FORMULA.test(value) ? `'${value}` : value);
export const unguard = (cell: string) => (cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell);

/** One cell, guarded and quoted where it must be. */
export const csvCell = (value: string) => {
  const guarded = guard(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
};

/** One record: its cells joined, with the line ending spreadsheets expect. */
export const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** What a CSV file begins with, so that spreadsheets read it as UTF-8. */
export const CSV_BOM = "\uFEFF";
