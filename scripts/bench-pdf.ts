// npm run bench:pdf — the time to make one certificate (render + sign), pdfkit against an
// already-running headless Chromium printing the same certificate laid out as HTML, side by side
// in one run: median, p95 and their ratio. Each iteration varies the number and the holder, so
// nothing is measured from a cache of identical documents.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import QRCode from "qrcode";
import { Pki } from "../app/certificates/pki.server";
import { renderCertificatePdf, showValue, type CertificateDocument } from "../app/certificates/render.server";
import { i18nFor } from "../app/i18n/resources.server";
import { sampleCertificate } from "../tests/fixtures/certificate-sample";
import { chromiumLaunchOptions, CHROMIUM_PATH } from "../tests/setup/chromium";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 50; // a warm process: the JIT has compiled the renderer
const require = createRequire(import.meta.url);
const fontUrl = (pkg: string, file: string) => `data:font/ttf;base64,${fs.readFileSync(require.resolve(`${pkg}/${file}`)).toString("base64")}`;

function variant(i: number): CertificateDocument {
  return {
    ...sampleCertificate,
    number: `FSL-2026-${String(i).padStart(6, "0")}`,
    holder: { ...sampleCertificate.holder, nameEn: `${sampleCertificate.holder.nameEn} ${i}`, nameAr: `${sampleCertificate.holder.nameAr} ${i}` },
  };
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The same certificate as an HTML page (for the comparison only). */
async function html(document: CertificateDocument): Promise<string> {
  const ar = i18nFor("ar").getFixedT("ar", "certificate");
  const en = i18nFor("en").getFixedT("en", "certificate");
  const value = (field: CertificateDocument["fields"][number], language: "ar" | "en") => showValue(field.value, language);
  const rows: [string, string, string, string][] = [
    [ar("holder"), document.holder.nameAr, en("holder"), document.holder.nameEn],
    [ar("civilId"), document.holder.civilId, en("civilId"), document.holder.civilId],
    ...document.fields.map((f) => [f.label.ar, value(f, "ar"), f.label.en, value(f, "en")] as [string, string, string, string]),
    [ar("number"), document.number, en("number"), document.number],
  ];
  const qr = await QRCode.toString(document.qrPayload, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><style>
@font-face{font-family:Naskh;src:url(${fontUrl("@expo-google-fonts/noto-naskh-arabic", "400Regular/NotoNaskhArabic_400Regular.ttf")})}
@font-face{font-family:Sans;src:url(${fontUrl("@expo-google-fonts/noto-sans", "400Regular/NotoSans_400Regular.ttf")})}
@page{size:A4;margin:0} body{margin:0;font-family:Naskh,Sans} .page{box-sizing:border-box;width:210mm;height:297mm;border:2px solid #0b3d2e;padding:20mm}
h1{text-align:center;color:#0b3d2e} h2{text-align:center;font-family:Sans} table{width:100%;border-collapse:collapse} td{padding:4px;border-bottom:1px solid #ccc}
td.en{direction:ltr;text-align:left;font-family:Sans} .qr{width:34mm}</style></head><body><div class="page">
<p>${escape(ar("state"))} — ${escape(document.agency.nameAr)}</p><h1>${escape(document.title.ar)}</h1><h2>${escape(document.title.en)}</h2>
<table>${rows.map(([la, va, le, ve]) => `<tr><td><small>${escape(la)}</small><br>${escape(va)}</td><td class="en"><small>${escape(le)}</small><br>${escape(ve)}</td></tr>`).join("")}</table>
<div class="qr">${qr}</div><p>${escape(ar("verifyBody", { url: document.verifyBaseUrl, code: document.verificationCode }))}</p></div></body></html>`;
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
};

async function main() {
  const pki = new Pki(fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-bench-pki-")), "bench");
  const agency = { id: "kff", nameEn: "Kuwait Fire Force" };
  const pdfkitTimes: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const started = performance.now();
    await pki.signPdf(await renderCertificatePdf(variant(i)), agency, new Date());
    if (i >= WARMUP) pdfkitTimes.push(performance.now() - started);
  }
  const pdfkit = stats(pdfkitTimes);
  console.log(`pdfkit (render + sign):      median ${pdfkit.median.toFixed(1)} ms   p95 ${pdfkit.p95.toFixed(1)} ms   (${ITERATIONS} certificates)`);

  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.log(`chromium page.pdf():         skipped: no Chromium at ${CHROMIUM_PATH}`);
    return;
  }
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  const chromeTimes: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const content = await html(variant(i));
    const started = performance.now();
    await page.setContent(content);
    await page.pdf({ format: "A4", printBackground: true });
    if (i >= WARMUP) chromeTimes.push(performance.now() - started);
  }
  await browser.close();
  const chrome = stats(chromeTimes);
  console.log(`chromium page.pdf() (print): median ${chrome.median.toFixed(1)} ms   p95 ${chrome.p95.toFixed(1)} ms   (already running; unsigned)`);
  console.log(`ratio chromium / pdfkit:     median ${(chrome.median / pdfkit.median).toFixed(2)}   p95 ${(chrome.p95 / pdfkit.p95).toFixed(2)}`);
}

await main();
