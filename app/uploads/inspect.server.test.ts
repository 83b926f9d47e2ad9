import { describe, expect, it } from "vitest";
import { samplePdf, sampleJpeg, samplePng } from "../../tests/fixtures/files";
import { isReadableUpload } from "./inspect.server";

describe("isReadableUpload", () => {
  const png = samplePng();
  const jpg = sampleJpeg();

  it("opens a real PDF, PNG and JPEG (a JPEG handed over as a slice of a bigger buffer too)", async () => {
    expect(await isReadableUpload(samplePdf, "application/pdf")).toBe(true);
    expect(await isReadableUpload(png, "image/png")).toBe(true);
    expect(await isReadableUpload(jpg, "image/jpeg")).toBe(true);
    const pooled = Buffer.concat([Buffer.from("padding"), jpg]).subarray(7);
    expect(await isReadableUpload(pooled, "image/jpeg")).toBe(true);
  });

  it.each([
    ["a PDF header and nothing of a PDF after it", Buffer.from(`%PDF-1.7\n${"x".repeat(1000)}`), "application/pdf"],
    ["a PDF with no pages", Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), "application/pdf"],
    ["half a PDF", samplePdf.subarray(0, samplePdf.length / 2), "application/pdf"],
    ["a PNG signature and then text", Buffer.concat([png.subarray(0, 8), Buffer.from("x".repeat(500))]), "image/png"],
    ["a PNG cut short (pdf-lib's reader would never return on it)", png.subarray(0, png.length - 30), "image/png"],
    [
      "a PNG claiming 100,000 × 100,000 pixels",
      Buffer.concat([png.subarray(0, 16), Buffer.from([0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0]), png.subarray(24)]),
      "image/png",
    ],
    ["a JPEG marker and then text", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("x".repeat(500))]), "image/jpeg"],
    ["half a JPEG", jpg.subarray(0, jpg.length / 2), "image/jpeg"],
  ] as const)("refuses %s", async (_name, bytes, mime) => {
    expect(await isReadableUpload(bytes, mime)).toBe(false);
  });
});
