import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { bridgeKeyOf } from "~/kiosk/bridge.server";
import { kioskOfRequest } from "~/kiosk/device.server";
import { getRuntime } from "~/runtime.server";
import { noStore } from "~/http/no-store";

/**
 * The card-reader bridge's key, for the kiosk's own device agent: `GET /kiosk/bridge-key` with
 * `Authorization: Bearer <credential>` (or the enrolled browser's cookie) answers
 * `{"kioskId": …, "key": …}`; anyone else 401. The key changes when the kiosk is enrolled again.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const kiosk = await kioskOfRequest(request);
  if (!kiosk?.credentialHash) return json({ error: "not-an-enrolled-kiosk" }, { status: 401, headers: noStore });
  return json({ kioskId: kiosk.id, key: bridgeKeyOf(getRuntime().secrets.kioskBridgeKey, kiosk) }, { headers: noStore });
}
