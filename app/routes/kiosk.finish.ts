import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { kioskPersonCookie, requireKioskDevice } from "~/kiosk/device.server";
import { endKioskSession, recordCard } from "~/kiosk/sessions.server";
import { defaultLanguage } from "~/i18n/config";
import { languageCookie } from "~/i18n/language.server";
import { getDb } from "~/runtime.server";
import { noStore } from "~/http/no-store";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { isOpenWhenReadOnly: true };

/**
 * "Finish", or the idle countdown ran out: the session ends on the server, the card is given back,
 * the cookie is cleared, and the screen returns to the start with nothing of the person left (its
 * language too: the next person finds the kiosk in Arabic).
 */
export async function action({ request }: ActionFunctionArgs) {
  const kiosk = await requireKioskDevice(request);
  const token: unknown = await kioskPersonCookie().parse(request.headers.get("cookie"));
  await endKioskSession(getDb(), typeof token === "string" ? token : null);
  await recordCard(getDb(), kiosk.id, { kind: "removed" });
  const headers = new Headers(noStore);
  headers.append("Set-Cookie", await kioskPersonCookie().serialize("", { maxAge: 0 }));
  headers.append("Set-Cookie", await languageCookie.serialize(defaultLanguage));
  return redirect("/kiosk", { headers });
}

export const loader = () => redirect("/kiosk");
