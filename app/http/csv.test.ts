import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvLine, parseCsv, unguard } from "./csv";

describe("CSV", () => {
  it("quotes what must be quoted and leaves the rest as it is", () => {
    expect(csvLine(["plain", "with, comma", 'with "quotes"', "two\nlines", "نص عربي"])).toBe('plain,"with, comma","with ""quotes""","two\nlines",نص عربي\r\n');
  });

  it("writes a cell a spreadsheet would run as a formula with an apostrophe, and reads it back as written", () => {
    for (const hostile of ['=HYPERLINK("http://evil.example")', "+1", "-2+3", "@SUM(A1)", "\tTab", "'=already", "''+twice"]) {
      const cell = csvCell(hostile);
      expect(cell.replace(/^"|"$/g, "").startsWith("'")).toBe(true);
      const [record] = (parseCsv(csvLine([hostile])) as { ok: true; records: { cells: string[] }[] }).records;
      expect(unguard(record!.cells[0]!)).toBe(hostile);
    }
    expect(csvCell("a-b")).toBe("a-b");
  });

  it("reads back what it writes, line numbers included", () => {
    const text = CSV_BOM + csvLine(["id", "note"]) + csvLine(["1", "first\nsecond"]) + csvLine(["2", "third"]);
    const parsed = parseCsv(text.slice(1));
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ["id", "note"] },
        { line: 2, cells: ["1", "first\nsecond"] },
        { line: 4, cells: ["2", "third"] },
      ],
    });
  });
});
