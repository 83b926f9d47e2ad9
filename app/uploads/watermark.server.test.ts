import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import PDFKit from "pdfkit";
import { describe, expect, it } from "vitest";
import { watermarkedPdf } from "./watermark.server";

const hasPoppler = spawnSync("which", ["pdftotext"]).status === 0;
const MARK = "Nafitha - opened by Noura Al-Hajri (kcb.officer) on 2026-12-01 09:30 Kuwait - view 0a1b2c";

function twoPagePdf(): Promise<Buffer> {
  const doc = new PDFKit({ size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(20).text("Floor plan, ground floor", 72, 72);
  doc.addPage().fontSize(20).text("Floor plan, first floor", 72, 72);
  doc.end();
  return done;
}

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("the copies clerks read", () => {
  it("mark every page of a PDF with who opened it, keeping its pages", async () => {
    const marked = await watermarkedPdf(await twoPagePdf(), "application/pdf", MARK);
    const pdf = await PDFDocument.load(marked);
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getKeywords()).toContain("view 0a1b2c");
    if (hasPoppler) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-mark-")), "marked.pdf");
      fs.writeFileSync(file, marked);
      for (const page of ["1", "2"]) {
        const text = execFileSync("pdftotext", ["-f", page, "-l", page, file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
        expect(text).toContain("opened by Noura Al-Hajri (kcb.officer)");
        expect(text).toContain("Floor plan");
      }
    }
  });

  it("turn an image into a marked page", async () => {
    const marked = await watermarkedPdf(PNG, "image/png", MARK);
    const pdf = await PDFDocument.load(marked);
    expect(pdf.getPageCount()).toBe(1);
  });
});
