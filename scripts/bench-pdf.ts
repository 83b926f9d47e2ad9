// npm run bench:pdf — what a certificate costs to make (render + sign, as a download makes it: with
// its per-copy mark), three ways in one run: the first certificate of a process just started, with
// and without the warm-up the portal runs at start-up (each in a new process, three times); then
// warm, pdfkit beside an already-running headless Chromium printing the same certificate (the same
// statements, laid out as HTML, its fonts loaded once for the whole run, its PDF signed the same
// way): median, p95 and their ratio. Each iteration varies the number and the holder, so nothing is
// measured from a cache of identical documents.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import QRCode from "qrcode";
import { Pki } from "../app/certificates/pki.server";
import { renderCertificatePdf, statementsOf, type CertificateDocument } from "../app/certificates/render.server";
import { warmCertificates } from "../app/certificates/warm.server";
import { i18nFor } from "../app/i18n/resources.server";
import { sampleCertificate } from "../tests/fixtures/certificate-sample";
import { reportFigures, type BenchFigure } from "./bench-support";
import { chromiumLaunchOptions, CHROMIUM_PATH } from "../tests/setup/chromium";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 50; // a warm process: the JIT has compiled the renderer
const FIRST_RUNS = 3;
export const FIRST_TARGET_MS = 100;
export const WARM_TARGET_MS = 8;
const PASSPHRASE = "bench";
const agency = { id: "kff", nameEn: "Kuwait Fire Force" };
const require = createRequire(import.meta.url);
const fontUrl = (pkg: string, file: string) => `data:font/ttf;base64,${fs.readFileSync(require.resolve(`${pkg}/${file}`)).toString("base64")}`;

function variant(i: number): CertificateDocument {
  const at = new Date(Date.UTC(2026, 11, 1, 9, 0, i % 60));
  return {
    ...sampleCertificate,
    number: `FSL-2026-${String(i).padStart(6, "0")}`,
    holder: { ...sampleCertificate.holder, nameEn: `${sampleCertificate.holder.nameEn} ${i}`, nameAr: `${sampleCertificate.holder.nameAr} ${i}` },
    copy: { name: `أحمد ${i} / Ahmad ${i}`, at, copyId: i.toString(16).padStart(12, "0"), metadata: `bench-${i}` },
  };
}

/** One certificate made as a download makes it: rendered with its copy mark, then signed. */
async function makeOne(pki: Pki, i: number): Promise<Buffer> {
  const document = variant(i);
  return pki.signPdf(await renderCertificatePdf(document), agency, document.copy!.at);
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The page Chromium prints on: the certificate's fonts (the same four files pdfkit embeds), loaded once. */
function shellHtml(): string {
  const face = (family: string, weight: number, pkg: string, file: string) =>
    `@font-face{font-family:${family};font-weight:${weight};src:url(${fontUrl(pkg, file)})}`;
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><style>
${face("Naskh", 400, "@expo-google-fonts/noto-naskh-arabic", "400Regular/NotoNaskhArabic_400Regular.ttf")}
${face("Naskh", 700, "@expo-google-fonts/noto-naskh-arabic", "700Bold/NotoNaskhArabic_700Bold.ttf")}
${face("Sans", 400, "@expo-google-fonts/noto-sans", "400Regular/NotoSans_400Regular.ttf")}
${face("Sans", 700, "@expo-google-fonts/noto-sans", "700Bold/NotoSans_700Bold.ttf")}
@page{size:A4;margin:0} body{margin:0;font-family:Naskh,Sans} .page{box-sizing:border-box;width:210mm;height:297mm;border:2px solid #0b3d2e;padding:20mm;position:relative}
h1{text-align:center;color:#0b3d2e;margin:4mm 0 0} h2{text-align:center;font-family:Sans;margin:0 0 6mm} table{width:100%;border-collapse:collapse}
td{padding:4px;border-bottom:1px solid #ccc;width:50%;vertical-align:top} td.en{direction:ltr;text-align:left;font-family:Sans} small{color:#555}
.qr{width:34mm} .copy{position:absolute;bottom:8mm;left:20mm;right:20mm;font-size:8pt;color:#555}</style></head><body>
<span style="font-weight:700">ا a</span><span style="font-family:Sans;font-weight:700">a</span><div id="page"></div></body></html>`;
}

/** The certificate's page as HTML: the statements pdfkit prints (statementsOf), its header, QR code, verification line and copy mark. */
async function pageHtml(document: CertificateDocument): Promise<string> {
  const ar = i18nFor("ar").getFixedT("ar", "certificate");
  const en = i18nFor("en").getFixedT("en", "certificate");
  const rows = statementsOf(document)
    .map(
      (row) =>
        `<tr><td><small>${escape(row.ar[0])}</small><br>${escape(row.ar[1])}</td><td class="en"><small>${escape(row.en[0])}</small><br>${escape(row.en[1])}</td></tr>`,
    )
    .join("");
  const qr = await QRCode.toString(document.qrPayload, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
  return `<div class="page"><p><b>${escape(ar("state"))}</b> — ${escape(document.agency.nameAr)}</p><p class="en" dir="ltr"><b>${escape(en("state"))}</b> — ${escape(document.agency.nameEn)}</p>
<h1>${escape(document.title.ar)}</h1><h2>${escape(document.title.en)}</h2><table>${rows}</table>
<div class="qr">${qr}</div><p>${escape(ar("verifyBody", { url: document.verifyBaseUrl, code: document.verificationCode }))}</p>
<p class="copy">${escape(document.copy?.name ?? "")} — ${escape(document.copy?.copyId ?? "")}</p></div>`;
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
};

/** In a process of its own (`--first cold|warmed <pki dir>`): the time of its first certificate, as JSON. */
async function firstInThisProcess(mode: string, pkiDir: string) {
  const pki = new Pki(pkiDir, PASSPHRASE);
  const warmedMs = mode === "warmed" ? await warmCertificates(pki, [agency]) : 0;
  const started = performance.now();
  await makeOne(pki, 1);
  console.log(JSON.stringify({ firstMs: performance.now() - started, warmedMs }));
}

function firstInNewProcesses(mode: "cold" | "warmed", pkiDir: string) {
  const runs = Array.from({ length: FIRST_RUNS }, () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--first", mode, pkiDir], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`The ${mode} process failed:\n${child.stderr}`);
    return JSON.parse(child.stdout.trim().split("\n").pop()!) as { firstMs: number; warmedMs: number };
  });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { firstMs: median(runs.map((run) => run.firstMs)), warmedMs: median(runs.map((run) => run.warmedMs)) };
}

async function main() {
  const pkiDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-bench-pki-"));
  const pki = new Pki(pkiDir, PASSPHRASE);
  await makeOne(pki, 0); // the CA and the agency's certificate exist, as on a portal that has run before

  const cold = firstInNewProcesses("cold", pkiDir);
  const warmed = firstInNewProcesses("warmed", pkiDir);
  console.log(`bench:pdf — a certificate as a download makes it (render with its copy mark + PAdES signature)`);
  console.log(`  first after start-up, no warm-up:  ${cold.firstMs.toFixed(1).padStart(7)} ms   (baseline; median of ${FIRST_RUNS} new processes)`);
  console.log(
    `  first after start-up, warmed:      ${warmed.firstMs.toFixed(1).padStart(7)} ms   (target < ${FIRST_TARGET_MS} ms: ${warmed.firstMs < FIRST_TARGET_MS ? "yes" : "NO"}; the warm-up took ${warmed.warmedMs.toFixed(0)} ms at start-up)`,
  );

  const pdfkitTimes: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const started = performance.now();
    await makeOne(pki, i);
    if (i >= WARMUP) pdfkitTimes.push(performance.now() - started);
  }
  const pdfkit = stats(pdfkitTimes);
  console.log(
    `  warm, pdfkit:                      ${pdfkit.median.toFixed(1).padStart(7)} ms median ${pdfkit.p95.toFixed(1).padStart(6)} ms p95   (target median < ${WARM_TARGET_MS} ms: ${pdfkit.median < WARM_TARGET_MS ? "yes" : "NO"}; ${ITERATIONS} certificates)`,
  );

  const figures: BenchFigure[] = [
    {
      figure: "first certificate after start-up",
      value: warmed.firstMs,
      unit: "ms",
      baseline: { label: "without the warm-up", value: cold.firstMs },
      target: { label: `< ${FIRST_TARGET_MS} ms`, isMet: warmed.firstMs < FIRST_TARGET_MS },
    },
  ];
  const warmFigure: BenchFigure = {
    figure: "warm certificate, median",
    value: pdfkit.median,
    unit: "ms",
    target: { label: `< ${WARM_TARGET_MS} ms`, isMet: pdfkit.median < WARM_TARGET_MS },
  };
  figures.push(warmFigure);
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.log(`  warm, Chromium:                    skipped: no Chromium at ${CHROMIUM_PATH}`);
    reportFigures("pdf", figures);
    return;
  }
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  await page.setContent(shellHtml());
  await page.evaluate(() => document.fonts.ready);
  const chromeTimes: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const document = variant(i);
    const started = performance.now();
    const content = await pageHtml(document);
    await page.evaluate((html) => {
      window.document.getElementById("page")!.innerHTML = html;
    }, content);
    const printed = await page.pdf({ format: "A4", printBackground: true, pageRanges: "1" });
    await pki.signPdf(Buffer.from(printed), agency, document.copy!.at);
    if (i >= WARMUP) chromeTimes.push(performance.now() - started);
  }
  await browser.close();
  const chrome = stats(chromeTimes);
  console.log(
    `  warm, Chromium page.pdf():         ${chrome.median.toFixed(1).padStart(7)} ms median ${chrome.p95.toFixed(1).padStart(6)} ms p95   (already running, fonts loaded once, the same statements, signed the same way)`,
  );
  console.log(
    `  ratio Chromium / pdfkit:           ${(chrome.median / pdfkit.median).toFixed(2).padStart(7)}× median ${(chrome.p95 / pdfkit.p95).toFixed(2)}× p95`,
  );
}

const firstAt = process.argv.indexOf("--first");
if (firstAt > 0) await firstInThisProcess(process.argv[firstAt + 1]!, process.argv[firstAt + 2]!);
else await main();
