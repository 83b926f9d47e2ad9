import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderCertificatePdf } from "../../app/certificates/render.server";
import { MAX_CERTIFICATE_FIELDS } from "../../app/catalogue/check";
import { sampleCertificate } from "../fixtures/certificate-sample";

// The rendered certificate, as pixels, against a reference image a person reviewed
// (tests/reference/*.png is the same image for reading). UPDATE_REFERENCES=1 writes new ones.
const hasPdftoppm = spawnSync("which", ["pdftoppm"]).status === 0;
const referenceDir = path.resolve(import.meta.dirname, "../reference");

function readPgm(file: string): { width: number; height: number; pixels: Buffer } {
  const data = fs.readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString("latin1"))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length) };
}

async function rasterise(name: string, document: Parameters<typeof renderCertificatePdf>[0]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-img-"));
  fs.writeFileSync(path.join(dir, "c.pdf"), await renderCertificatePdf(document));
  execFileSync("pdftoppm", ["-gray", "-r", "50", "-singlefile", path.join(dir, "c.pdf"), path.join(dir, name)]);
  if (process.env.UPDATE_REFERENCES === "1") {
    fs.copyFileSync(path.join(dir, `${name}.pgm`), path.join(referenceDir, `${name}.pgm`));
    execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", path.join(dir, "c.pdf"), path.join(referenceDir, name)]);
  }
  return path.join(dir, `${name}.pgm`);
}

describe.skipIf(!hasPdftoppm)("certificate text", () => {
  it("reads back, with pdftotext, every line as written, Arabic with numbers and Latin inside", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-txt-"));
    fs.writeFileSync(
      path.join(dir, "c.pdf"),
      await renderCertificatePdf({
        ...sampleCertificate,
        copy: {
          name: "أحمد عبدالله العنزي / Ahmad Abdullah Al-Enezi",
          at: new Date("2026-11-22T10:00:00Z"),
          copyId: "a1b2c3d4e5f6",
          metadata: "nafitha-copy:test",
        },
      }),
    );
    const lines = execFileSync("pdftotext", [path.join(dir, "c.pdf"), "-"], { encoding: "utf8" })
      .replace(/[\u202A-\u202E\u200E\u200F\u061C]/g, "")
      .split("\n")
      .map((line) => line.trim());
    for (const expected of [
      "دولة الكويت",
      "ترخيص الوقاية من الحريق",
      "محافظة حولي، منطقة السالمية، قطعة 10، شارع سالم",
      "المبارك، مبنى 12 (الدور الأرضي)",
      "4,000.000 د.ك.",
      "22 نوفمبر 2026 (الموافق 12 جمادى الآخرة 1448 هـ)",
      "امسح الرمز، أو افتح https://nafitha.example/verify وأدخل الرمز",
      "Hawalli, Salmiya, block 10, Salem Al-Mubarak",
      "22 November 2026 (12 Jumada II 1448 AH)",
      "Copy downloaded by أحمد عبدالله العنزي / Ahmad Abdullah Al-Enezi on 22 Nov 2026 (copy a1b2c3d4e5f6)",
    ]) {
      expect(lines).toContain(expected);
    }
  });
});

describe.skipIf(!hasPdftoppm)("certificate QR code", () => {
  it("scans, from the page as printed at 150 dpi, to the verify URL with the signed token", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-qr-"));
    fs.writeFileSync(path.join(dir, "c.pdf"), await renderCertificatePdf(sampleCertificate));
    execFileSync("pdftoppm", ["-png", "-r", "150", "-singlefile", path.join(dir, "c.pdf"), path.join(dir, "c")]);
    const page = PNG.sync.read(fs.readFileSync(path.join(dir, "c.png")));
    expect(jsQR(new Uint8ClampedArray(page.data), page.width, page.height)?.data).toBe(sampleCertificate.qrPayload);
  });
});

describe.skipIf(!hasPdftoppm)("a long certificate", () => {
  it("with as many fields as the catalogue allows, tightens its rows so that everything stays inside the frame, the verification block above the footer", async () => {
    const text = (ar: string, en: string) => ({ format: "text" as const, value: { ar, en } });
    const fields = [
      ...sampleCertificate.fields,
      ...Array.from({ length: MAX_CERTIFICATE_FIELDS - sampleCertificate.fields.length }, (_, i) => ({
        label: { ar: `بند إضافي ${i + 1}`, en: `Extra item ${i + 1}` },
        value: text(`قيمة البند ${i + 1}`, `Value of item ${i + 1}`),
      })),
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-long-"));
    fs.writeFileSync(
      path.join(dir, "c.pdf"),
      await renderCertificatePdf({
        ...sampleCertificate,
        fields,
        copy: { name: "Ahmad", at: new Date("2026-11-22T10:00:00Z"), copyId: "a1b2c3d4e5f6", metadata: "nafitha-copy:test" },
      }),
    );
    // At 72 dpi a pixel is a point. Rows with ink between the margins (the frame's sides are outside them):
    execFileSync("pdftoppm", ["-gray", "-r", "72", "-singlefile", path.join(dir, "c.pdf"), path.join(dir, "c")]);
    const page = readPgm(path.join(dir, "c.pgm"));
    const inked = (row: number) => {
      for (let x = 40; x < page.width - 40; x++) if (page.pixels[row * page.width + x]! < 128) return true;
      return false;
    };
    const rows = Array.from({ length: page.height }, (_, row) => inked(row));
    // Nothing between the last footer line and the frame's inner line (30 pt from the foot).
    expect(rows.slice(page.height - 40, page.height - 31).some(Boolean)).toBe(false);
    // The blocks of ink from 600 pt down: the last two are the footer's lines, and a blank gap separates them from the QR code and the verification text.
    const runs: [number, number][] = [];
    for (let row = 600; row < page.height - 31; row++) {
      if (!rows[row]) continue;
      if (runs.length && row - runs.at(-1)![1] <= 1) runs.at(-1)![1] = row;
      else runs.push([row, row]);
    }
    expect(runs.length).toBeGreaterThanOrEqual(3);
    const [footerFirst] = runs.at(-2)!;
    const [, aboveEnd] = runs.at(-3)!;
    expect(footerFirst - aboveEnd).toBeGreaterThan(3);
    expect(footerFirst).toBeGreaterThan(page.height - 80);
  });
});

describe.skipIf(!hasPdftoppm)("certificate images", () => {
  for (const [name, document] of [
    ["certificate-sample", sampleCertificate],
    [
      "certificate-sample-copy",
      {
        ...sampleCertificate,
        copy: {
          name: "أحمد عبدالله العنزي / Ahmad Abdullah Al-Enezi",
          at: new Date("2026-11-22T10:00:00Z"),
          copyId: "a1b2c3d4e5f6",
          metadata: "nafitha-copy:test",
        },
      },
    ],
  ] as const) {
    it(`${name} looks as reviewed`, async () => {
      const rendered = readPgm(await rasterise(name, document));
      const reference = readPgm(path.join(referenceDir, `${name}.pgm`));
      expect([rendered.width, rendered.height]).toEqual([reference.width, reference.height]);
      let differing = 0;
      for (let i = 0; i < reference.pixels.length; i++) if (Math.abs(rendered.pixels[i]! - reference.pixels[i]!) > 48) differing++;
      // Anti-aliasing may move a few pixels; a moved word or a missing glyph moves hundreds.
      expect(differing / reference.pixels.length).toBeLessThan(0.002);
    });
  }
});
