import { inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencies } from "../../db/schema";
import type { ServiceDefinition } from "../catalogue/types";
import type { Pki } from "./pki.server";
import { renderCertificatePdf, type CertificateDocument } from "./render.server";

// What the first certificate of a process would otherwise pay for (about 0.8 s): parsing the four
// fonts, compiling the layout and drawing code, opening each signing agency's PKCS#12 (its key
// decrypted) and making its signer. Done once at start-up, before the portal takes requests, on a
// certificate of the portal's own that nobody sees: every kind of text a real one holds (Arabic
// wrapping onto a second line, Latin and digits inside Arabic, money, both calendars, a QR code and
// a per-copy mark). It makes no key and no certificate: an agency that has none yet gets them with
// its first real certificate, as before (the CA is the deployment's to keep, PKI_DIR).

const WARM_UP_RENDERS = 4;

const warmUpDocument = (at: Date): CertificateDocument => ({
  number: "WRM-2026-000001",
  verificationCode: "warmupwarmupwarmupwa",
  qrPayload: "https://nafitha.invalid/verify/warmupwarmupwarmupwa?t=NF1.d2FybS11cA.d2FybS11cC1zaWduYXR1cmUtd2FybS11cC1zaWduYXR1cmU",
  verifyBaseUrl: "https://nafitha.invalid/verify",
  title: { ar: "شهادة تهيئة البوابة", en: "Portal warm-up certificate" },
  agency: { nameAr: "الجهاز المركزي لتكنولوجيا المعلومات", nameEn: "Central Agency for Information Technology" },
  holder: { nameAr: "نافذة", nameEn: "Nafitha", civilId: "288020122596" },
  fields: [
    {
      label: { ar: "العنوان", en: "Address" },
      value: {
        format: "text",
        value: { ar: "محافظة حولي، منطقة السالمية، قطعة 10، شارع سالم المبارك، مبنى 12 (الدور الأرضي)", en: "Hawalli, Salmiya, block 10 (ground floor)" },
      },
    },
    { label: { ar: "المبلغ", en: "Amount" }, value: { format: "money", value: 4_000_000 } },
    { label: { ar: "العدد", en: "Count" }, value: { format: "number", value: 60 } },
    { label: { ar: "التاريخ", en: "Date" }, value: { format: "date", value: "2026-11-15" } },
  ],
  issuedAt: at,
  expiresAt: new Date(at.getTime() + 365 * 24 * 60 * 60 * 1000),
  copy: { name: "نافذة / Nafitha", at, copyId: "000000000000", metadata: "warm-up" },
});

/** Warms certificate making for the agencies that sign them; resolves with how long it took. */
export async function warmCertificates(pki: Pki, signingAgencies: readonly { id: string; nameEn: string }[], at = new Date()): Promise<number> {
  const started = performance.now();
  let pdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < WARM_UP_RENDERS; i++) pdf = await renderCertificatePdf(warmUpDocument(at));
  for (const agency of signingAgencies) if (pki.hasAgencyCertificate(agency.id)) await pki.signPdf(pdf, agency, at);
  return performance.now() - started;
}

/** The agencies whose certificates the catalogue's services issue, with the names their signing certificates carry. */
export async function signingAgenciesOf(db: Database, services: readonly ServiceDefinition[]): Promise<{ id: string; nameEn: string }[]> {
  const ids = [...new Set(services.flatMap((service) => (service.certificate ? [service.certificate.signingAgency] : [])))];
  if (ids.length === 0) return [];
  return db.select({ id: agencies.id, nameEn: agencies.nameEn }).from(agencies).where(inArray(agencies.id, ids)).orderBy(agencies.id);
}
