import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { paperStatuses, printerStatuses } from "../../db/schema/kiosks";
import { kioskOfRequest } from "~/kiosk/device.server";
import { recordHeartbeat } from "~/kiosk/kiosks.server";
import { getDb } from "~/runtime.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { csrf: "kiosk-bearer", body: "json", isOpenWhenReadOnly: true };

const HeartbeatSchema = z.object({ printer: z.enum(printerStatuses).optional(), paper: z.enum(paperStatuses).optional() });

/**
 * A kiosk's heartbeat, every 30 seconds: it is online, and its printer and paper are as said.
 * JSON from the kiosk's browser (its cookie; it knows nothing of the printer and sends `{}`) or
 * its device agent (a bearer credential, with the printer and paper). A revoked or unknown kiosk
 * gets 401 and stops.
 */
export async function action({ request }: ActionFunctionArgs) {
  const kiosk = await kioskOfRequest(request);
  if (!kiosk) return json({ error: "not-an-enrolled-kiosk" }, { status: 401 });
  const parsed = HeartbeatSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return json({ error: "invalid-heartbeat" }, { status: 400 });
  await recordHeartbeat(getDb(), kiosk.id, parsed.data);
  return new Response(null, { status: 204 });
}
