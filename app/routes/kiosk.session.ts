import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { kioskOfRequest, kioskPersonCookie } from "~/kiosk/device.server";
import { isKioskSessionLive } from "~/kiosk/sessions.server";
import { getDb } from "~/runtime.server";
import { noStore } from "~/http/no-store";

/** Is the person's session at this kiosk still live? (The card came out, or it timed out, when not.) Not a touch. */
export async function loader({ request }: LoaderFunctionArgs) {
  const kiosk = await kioskOfRequest(request);
  const token: unknown = await kioskPersonCookie().parse(request.headers.get("cookie"));
  const isLive = kiosk ? await isKioskSessionLive(getDb(), kiosk.id, typeof token === "string" ? token : null) : false;
  return json({ isLive }, { headers: noStore });
}
