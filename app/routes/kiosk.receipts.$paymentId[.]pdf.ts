import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { requestMeta } from "~/auth/request-meta.server";
import { requireKioskPerson } from "~/kiosk/device.server";
import { printReceiptAtKiosk } from "~/kiosk/prints.server";
import { getDb, getRuntime } from "~/runtime.server";
import { people } from "../../db/schema";
import { contentDisposition } from "~/http/content-disposition";
import { invariantResponse } from "~/http/invariant";
import { noStore } from "~/http/no-store";

/** The receipt a kiosk prints for its payer: recorded against the kiosk, audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { kiosk, session } = await requireKioskPerson(request);
  const db = getDb();
  const [payer] = await db.select({ nameAr: people.nameAr, nameEn: people.nameEn }).from(people).where(eq(people.id, session.personId));
  const printed = await printReceiptAtKiosk(db, getRuntime().catalogue, {
    paymentId: params.paymentId ?? "",
    payer: { personId: session.personId, nameAr: payer!.nameAr, nameEn: payer!.nameEn },
    kioskId: kiosk.id,
    meta: requestMeta(request, context as { requestId?: string; ip?: string }, "kiosk"),
  });
  invariantResponse(printed.ok, "Not Found", { status: 404 });
  return new Response(new Uint8Array(printed.pdf), {
    headers: {
      ...noStore,
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("inline", `${printed.receiptNumber}.pdf`),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
