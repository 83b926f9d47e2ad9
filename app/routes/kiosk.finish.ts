import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { kioskNoStore, kioskPersonCookie, requireKioskDevice } from "~/kiosk/device.server";
import { endKioskSession, recordCard } from "~/kiosk/sessions.server";
import { getDb } from "~/runtime.server";

/**
 * "Finish", or the idle countdown ran out: the session ends on the server, the card is given back,
 * the cookie is cleared, and the screen returns to the start with nothing of the person left.
 */
export async function action({ request }: ActionFunctionArgs) {
  const kiosk = await requireKioskDevice(request);
  const token: unknown = await kioskPersonCookie().parse(request.headers.get("cookie"));
  await endKioskSession(getDb(), typeof token === "string" ? token : null);
  await recordCard(getDb(), kiosk.id, { kind: "removed" });
  return redirect("/kiosk", { headers: { ...kioskNoStore, "Set-Cookie": await kioskPersonCookie().serialize("", { maxAge: 0 }) } });
}

export const loader = () => redirect("/kiosk");
