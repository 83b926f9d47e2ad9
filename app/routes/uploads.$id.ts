import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getViewer, requireCitizen } from "~/auth/guards.server";
import { getDb } from "~/runtime.server";
import { getOwnUpload } from "~/uploads/uploads.server";
import { contentDisposition } from "~/http/content-disposition";
import { refusal } from "~/http/refusal.server";
import { invariantResponse } from "~/http/invariant";

/**
 * An attachment, to its owner only: always as a download with the type read from its bytes, never
 * shown inline, so a file can never run as a page of the portal. Staff read the marked copy
 * (/staff/documents/<id>), each view audited.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if ((await getViewer(request)).kind === "staff") throw redirect(`/staff/documents/${encodeURIComponent(params.id ?? "")}`);
  const citizen = await requireCitizen(request);
  const upload = await getOwnUpload(getDb(), citizen.person.id, params.id ?? "");
  invariantResponse(upload, "Not Found", { status: 404 });
  if (upload.scanStatus === "infected") throw refusal("infectedFile", 410);
  return new Response(new Uint8Array(upload.content), {
    headers: {
      "Content-Type": upload.mime,
      "Content-Length": String(upload.size),
      "Content-Disposition": contentDisposition("attachment", upload.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
