import crypto from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";

import { getDb } from "~/runtime.server";
import { getUploadForAgencies } from "~/uploads/uploads.server";
import { watermarkedPdf } from "~/uploads/watermark.server";
import { contentDisposition } from "~/http/content-disposition";
import { refusal } from "~/http/refusal.server";
import { kuwaitTime, kuwaitToday } from "~/i18n/dates";
import { invariantResponse } from "~/http/invariant";

/**
 * An application's document, opened in the browser by a clerk of an agency the application
 * reached: a PDF marked on every page with who opened it and when; every view is audited (and the
 * applicant sees it on "who used my data"). Others, and applications that never reached the
 * clerk's agency: not found.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const db = getDb();
  const agencyIds = viewer.roles.flatMap((role) => (role.agencyId ? [role.agencyId] : []));
  const upload = await getUploadForAgencies(db, agencyIds, params.id ?? "");
  invariantResponse(upload, "Not Found", { status: 404 });
  // Fail closed: a file the malware scan has not cleared is never opened.
  if (upload.scanStatus === "awaiting-scan") throw refusal("awaitingScan", 423);
  if (upload.scanStatus === "infected") throw refusal("infectedFile", 410);
  const now = new Date();
  const viewId = crypto.randomBytes(6).toString("hex");
  const time = kuwaitTime(now);
  const mark = `Nafitha - opened by ${viewer.person.nameEn} (${viewer.username}) on ${kuwaitToday(now)} ${time} Kuwait - view ${viewId}`;
  const pdf = await watermarkedPdf(upload.content, upload.mime, mark);
  await recordAudit(db, {
    ...auditFields(requestMeta(request, context as { requestId?: string; ip?: string }, "back-office")),
    actorAccountId: viewer.accountId,
    action: "document.viewed",
    subjectType: "application",
    subjectId: upload.applicationId,
    details: { upload: upload.id, field: upload.fieldId, view: viewId },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("inline", `document-${viewId}.pdf`),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
