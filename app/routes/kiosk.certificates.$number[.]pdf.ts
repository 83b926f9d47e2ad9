import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestMeta } from "~/auth/request-meta.server";
import { printCertificateAtKiosk } from "~/certificates/certificates.server";
import { publicOrigin } from "~/certificates/origin.server";
import { requireKioskPerson } from "~/kiosk/device.server";
import { getRuntime } from "~/runtime.server";
import { people } from "../../db/schema";
import { eq } from "drizzle-orm";
import { contentDisposition } from "~/http/content-disposition";
import { invariantResponse } from "~/http/invariant";
import { noStore } from "~/http/no-store";

/** The copy a kiosk prints for the certificate's holder: marked, signed, recorded against the kiosk, audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { kiosk, session } = await requireKioskPerson(request);
  const runtime = getRuntime();
  const db = runtime.database.db;
  const [holder] = await db.select({ nameAr: people.nameAr, nameEn: people.nameEn }).from(people).where(eq(people.id, session.personId));
  const printed = await printCertificateAtKiosk(
    db,
    { certificateKey: runtime.certificateKey, pki: runtime.pki, markKey: runtime.secrets.markKey, origin: publicOrigin(request) },
    {
      number: params.number ?? "",
      holder: { personId: session.personId, ...holder! },
      kioskId: kiosk.id,
      meta: requestMeta(request, context as { requestId?: string; ip?: string }, "kiosk"),
    },
  );
  invariantResponse(printed.ok, "Not Found", { status: 404 });
  return new Response(new Uint8Array(printed.pdf), {
    headers: {
      ...noStore,
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("inline", `${params.number}.pdf`),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
