import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencies, certificates, kioskPrints, people } from "../../db/schema";
import { KIOSK_USER, recordAudit } from "../audit/audit.server";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import type { Viewer } from "../auth/permissions";
import type { Text } from "../catalogue/types";

import type { SigningKey } from "../exchange/signing.server";
import type { Pki } from "./pki.server";
import { renderCertificatePdf, type CertificateDocument, type CertificateValue } from "./render.server";
import { signCertificateToken } from "./token.server";
import { kuwaitToday } from "../i18n/dates";

export type CertificateStatus = "valid" | "expired" | "revoked";

export async function findCertificate(db: Database, by: { code: string } | { number: string }) {
  const [row] = await db
    .select({
      certificate: certificates,
      holderNameAr: people.nameAr,
      holderNameEn: people.nameEn,
      holderCivilId: people.civilId,
      agencyNameAr: agencies.nameAr,
      agencyNameEn: agencies.nameEn,
    })
    .from(certificates)
    .innerJoin(people, eq(people.id, certificates.holderPersonId))
    .innerJoin(agencies, eq(agencies.id, certificates.signingAgencyId))
    .where("code" in by ? eq(certificates.verificationCode, by.code) : eq(certificates.number, by.number))
    .limit(1);
  return row ?? null;
}

export type FoundCertificate = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

export function statusOf(certificate: Pick<FoundCertificate["certificate"], "status" | "expiresAt">, now = new Date()): CertificateStatus {
  if (certificate.status === "revoked") return "revoked";
  if (certificate.expiresAt && certificate.expiresAt <= now) return "expired";
  return "valid";
}

/** Codes are 20 base64url characters; anything else is not looked up at all. */
export const isWellFormedCode = (code: string) => /^[A-Za-z0-9_-]{20}$/.test(code);

export function tokenFor(found: FoundCertificate, key: SigningKey): string {
  const { certificate } = found;
  return signCertificateToken(key, {
    n: certificate.number,
    s: certificate.serviceId,
    ha: found.holderNameAr,
    he: found.holderNameEn,
    i: kuwaitToday(certificate.issuedAt),
    e: certificate.expiresAt ? kuwaitToday(certificate.expiresAt) : null,
  });
}

/** The verify page's address for a certificate, and what its QR code holds. */
export function verifyUrls(found: FoundCertificate, origin: string, key: SigningKey) {
  const page = `${origin}/verify/${found.certificate.verificationCode}`;
  return { base: `${origin}/verify`, page, qr: `${page}?t=${tokenFor(found, key)}` };
}

export function documentOf(found: FoundCertificate, origin: string, key: SigningKey, copy?: CertificateDocument["copy"]): CertificateDocument {
  const { certificate } = found;
  const data = certificate.data as { title: Text; fields: { label: Text; format: CertificateValue["format"]; value: unknown }[] };
  const urls = verifyUrls(found, origin, key);
  return {
    number: certificate.number,
    verificationCode: certificate.verificationCode,
    qrPayload: urls.qr,
    verifyBaseUrl: urls.base,
    title: data.title,
    agency: { nameAr: found.agencyNameAr, nameEn: found.agencyNameEn },
    holder: { nameAr: found.holderNameAr, nameEn: found.holderNameEn, civilId: found.holderCivilId },
    fields: data.fields.map((field) => ({ label: field.label, value: { format: field.format, value: field.value } as CertificateValue })),
    issuedAt: certificate.issuedAt,
    expiresAt: certificate.expiresAt,
    copy,
  };
}

// ---- the per-download mark ------------------------------------------------------------------

export interface CopyMark {
  copyId: string;
  accountId: string;
  name: string;
  at: string;
  number: string;
}

const MARK_PREFIX = "nafitha-copy:";

export function sealMark(mark: CopyMark, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(mark)).toString("base64url");
  return `${MARK_PREFIX}${body}.${crypto.createHmac("sha256", key).update(body).digest("base64url")}`;
}

/** Reads and checks the mark in a downloaded PDF: who downloaded this copy, and when. */
export function readMark(pdf: Buffer, key: Buffer): { ok: true; mark: CopyMark } | { ok: false; reason: "no-mark" | "forged" } {
  const match = new RegExp(`${MARK_PREFIX}([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)`).exec(pdf.toString("latin1"));
  if (!match) return { ok: false, reason: "no-mark" };
  const expected = crypto.createHmac("sha256", key).update(match[1]!).digest();
  const given = Buffer.from(match[2]!, "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "forged" };
  return { ok: true, mark: JSON.parse(Buffer.from(match[1]!, "base64url").toString("utf8")) as CopyMark };
}

// ---- downloads and revocation ---------------------------------------------------------------

function isStaffOf(viewer: Viewer, agencyId: string) {
  return viewer.kind === "staff" && viewer.roles.some((grant) => grant.role === "admin" || grant.agencyId === agencyId);
}

export interface DownloadDeps {
  certificateKey: SigningKey;
  pki: Pki;
  markKey: Buffer;
  origin: string;
}

/**
 * A downloaded copy: the certificate with a visible footer line and a metadata mark naming who
 * downloaded it and when, signed by the issuing agency. The holder, the issuing agency's staff
 * and administrators may download; every download is audited with its copy id.
 */
export async function downloadCertificate(
  db: Database,
  deps: DownloadDeps,
  input: { number: string; viewer: Viewer; meta: RequestMeta },
): Promise<{ ok: true; pdf: Buffer; filename: string } | { ok: false; reason: "not-found" | "not-allowed" }> {
  const found = await findCertificate(db, { number: input.number });
  if (!found) return { ok: false, reason: "not-found" };
  const { viewer } = input;
  const isHolder = viewer.kind === "citizen" && viewer.person.id === found.certificate.holderPersonId;
  if (!isHolder && !isStaffOf(viewer, found.certificate.signingAgencyId)) return { ok: false, reason: "not-allowed" };
  const signedIn = viewer as Extract<Viewer, { kind: "citizen" | "staff" }>;
  const copy = await markedCopy(deps, found, { accountId: signedIn.accountId, nameAr: signedIn.person.nameAr, nameEn: signedIn.person.nameEn });
  await recordAudit(db, {
    actorAccountId: signedIn.accountId,
    ...auditFields(input.meta),
    action: "certificate.downloaded",
    subjectType: "certificate",
    subjectId: found.certificate.id,
    details: { number: found.certificate.number, copyId: copy.copyId, isHolder },
  });
  return { ok: true, pdf: copy.pdf, filename: `${found.certificate.number}.pdf` };
}

/** A copy marked (footer line and sealed metadata) with who took it and when, signed by the issuing agency. */
async function markedCopy(deps: DownloadDeps, found: FoundCertificate, who: { accountId: string | null; nameAr: string; nameEn: string }) {
  const at = new Date();
  const mark: CopyMark = {
    copyId: crypto.randomBytes(6).toString("hex"),
    accountId: who.accountId ?? "",
    name: who.nameEn,
    at: at.toISOString(),
    number: found.certificate.number,
  };
  const pdf = await renderCertificatePdf(
    documentOf(found, deps.origin, deps.certificateKey, {
      name: `${who.nameAr} / ${who.nameEn}`,
      at,
      copyId: mark.copyId,
      metadata: sealMark(mark, deps.markKey),
    }),
  );
  const signed = await deps.pki.signPdf(pdf, { id: found.certificate.signingAgencyId, nameEn: found.agencyNameEn }, at);
  return { pdf: signed, copyId: mark.copyId };
}

/**
 * A copy printed at a kiosk for its holder (signed in there with card and PIN): marked like a
 * download, recorded against the kiosk, and audited.
 */
export async function printCertificateAtKiosk(
  db: Database,
  deps: DownloadDeps,
  input: { number: string; holder: { personId: string; nameAr: string; nameEn: string }; kioskId: string; meta: RequestMeta },
): Promise<{ ok: true; pdf: Buffer } | { ok: false; reason: "not-found" }> {
  const found = await findCertificate(db, { number: input.number });
  if (!found || found.certificate.holderPersonId !== input.holder.personId) return { ok: false, reason: "not-found" };
  const copy = await markedCopy(deps, found, { accountId: null, nameAr: input.holder.nameAr, nameEn: input.holder.nameEn });
  await db.transaction(async (tx) => {
    await tx.insert(kioskPrints).values({ kioskId: input.kioskId, personId: input.holder.personId, document: found.certificate.number, copyId: copy.copyId });
    await recordAudit(tx, {
      actorLabel: KIOSK_USER,
      ...auditFields(input.meta),
      action: "certificate.printed",
      subjectType: "certificate",
      subjectId: found.certificate.id,
      details: {
        number: found.certificate.number,
        copyId: copy.copyId,
        kioskId: input.kioskId,
        person: { nameAr: input.holder.nameAr, nameEn: input.holder.nameEn },
      },
    });
  });
  return { ok: true, pdf: copy.pdf };
}

export type RevokeResult = { ok: true } | { ok: false; reason: "not-found" | "not-allowed" | "reason-required" | "already-revoked" };

/** Revokes a certificate with a reason: a clerk or supervisor of the issuing agency, or an administrator. */
export async function revokeCertificate(db: Database, input: { number: string; reason: string; viewer: Viewer; meta: RequestMeta }): Promise<RevokeResult> {
  const reason = input.reason.trim();
  return db.transaction(async (tx): Promise<RevokeResult> => {
    const found = await findCertificate(tx, { number: input.number });
    if (!found) return { ok: false, reason: "not-found" };
    if (!isStaffOf(input.viewer, found.certificate.signingAgencyId)) return { ok: false, reason: "not-allowed" };
    if (!reason) return { ok: false, reason: "reason-required" };
    const [revoked] = await tx
      .update(certificates)
      .set({ status: "revoked", revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(certificates.id, found.certificate.id), eq(certificates.status, "valid"), isNull(certificates.revokedAt)))
      .returning({ id: certificates.id });
    if (!revoked) return { ok: false, reason: "already-revoked" };
    await recordAudit(tx, {
      actorAccountId: (input.viewer as Extract<Viewer, { kind: "staff" }>).accountId,
      ...auditFields(input.meta),
      action: "certificate.revoked",
      subjectType: "certificate",
      subjectId: found.certificate.id,
      details: { number: found.certificate.number, reason },
    });
    return { ok: true };
  });
}

/** Every verification is audited: which code, what it showed, from where. */
export async function auditVerification(
  db: Database,
  input: { code: string; certificateId: string | null; status: CertificateStatus | "unknown"; meta: RequestMeta },
) {
  await recordAudit(db, {
    actorAccountId: null,
    actorLabel: "public",
    ...auditFields(input.meta),
    action: "certificate.verified",
    subjectType: "certificate",
    subjectId: input.certificateId,
    details: { code: input.code.slice(0, 40), status: input.status },
  });
}

/** A person's certificates, newest first (certificates_holder_idx), with what they certify. */
export function listCertificatesOf(db: Database, personId: string, limit = 50) {
  return db
    .select({
      number: certificates.number,
      data: certificates.data,
      status: certificates.status,
      issuedAt: certificates.issuedAt,
      expiresAt: certificates.expiresAt,
    })
    .from(certificates)
    .where(eq(certificates.holderPersonId, personId))
    .orderBy(desc(certificates.issuedAt))
    .limit(limit);
}
