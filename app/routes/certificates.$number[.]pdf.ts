import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getViewer } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { downloadCertificate } from "~/certificates/certificates.server";
import { publicOrigin } from "~/certificates/origin.server";
import { getRuntime } from "~/runtime.server";
import { contentDisposition } from "~/http/content-disposition";
import { invariantResponse } from "~/http/invariant";

// A download: a resource route, audited, each copy marked with who downloaded it and when.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  if (viewer.kind !== "citizen" && viewer.kind !== "staff") {
    const url = new URL(request.url);
    throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: url.pathname })}`);
  }
  const runtime = getRuntime();
  const result = await downloadCertificate(
    runtime.database.db,
    { certificateKey: runtime.certificateKey, pki: runtime.pki, markKey: runtime.secrets.markKey, origin: publicOrigin(request) },
    { number: params.number ?? "", viewer, meta: requestMeta(request, context, viewer.kind === "staff" ? "back-office" : "web") },
  );
  // Someone else's certificate is answered like a missing one: numbers are sequential, and a
  // different answer would tell a prober which certificates exist.
  invariantResponse(result.ok, "Not Found", { status: 404 });
  return new Response(new Uint8Array(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("attachment", result.filename),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
