import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/audit/audit.server";
import { getViewer, requireCitizen } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { getDb } from "~/runtime.server";
import { getOwnUpload, getUploadForAgencies } from "~/uploads/uploads.server";

/**
 * An attachment, to its owner and to the staff of the agencies that have a step of its
 * application (their download is audited, and the applicant sees it): always as a download with the type read from its bytes,
 * never shown inline, so a file can never run as a page of the portal.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const viewer = await getViewer(request);
  let upload;
  if (viewer.kind === "staff") {
    const agencyIds = viewer.roles.flatMap((role) => (role.agencyId ? [role.agencyId] : []));
    upload = await getUploadForAgencies(db, agencyIds, params.id ?? "");
    if (upload) {
      await recordAudit(db, {
        ...auditFields(requestMeta(request, context as { requestId?: string; ip?: string }, "back-office")),
        actorAccountId: viewer.accountId,
        action: "document.viewed",
        subjectType: "application",
        subjectId: upload.applicationId,
        details: { upload: upload.id, field: upload.fieldId },
      });
    }
  } else {
    const citizen = await requireCitizen(request);
    upload = await getOwnUpload(db, citizen.person.id, params.id ?? "");
  }
  if (!upload) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(upload.content), {
    headers: {
      "Content-Type": upload.mime,
      "Content-Length": String(upload.size),
      "Content-Disposition": `attachment; filename="upload"; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
