import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { parseCivilId } from "~/auth/civil-id";
import type { RouteHandle } from "~/http/route-handle";
import { checkBridgeMessage } from "~/kiosk/bridge.server";
import { recordCard } from "~/kiosk/sessions.server";
import { getDb, getRuntime } from "~/runtime.server";

export const handle: RouteHandle = { csrf: "kiosk-signature", body: "json", isOpenWhenReadOnly: true };

const EventSchema = z.discriminatedUnion("event", [z.object({ event: z.literal("inserted"), civilId: z.string() }), z.object({ event: z.literal("removed") })]);

/**
 * The card-reader bridge on the kiosk posts here when a civil-ID card goes in or comes out:
 *   POST /kiosk/card   {"event":"inserted","civilId":"288020122596"} or {"event":"removed"}
 *   X-Kiosk-Id: <kiosk id>   X-Kiosk-Time: <unix ms>   X-Kiosk-Sequence: <higher than the last>
 *   X-Kiosk-Signature: base64url(HMAC-SHA256(bridge key, time + "." + sequence + "." + body))
 * The bridge key comes from GET /kiosk/bridge-key (app/kiosk/bridge.server.ts). A wrong
 * signature, an old time, a sequence number already used, or a revoked kiosk gets 401.
 */
export async function action({ request }: ActionFunctionArgs) {
  const body = await request.text();
  const header = (name: string) => request.headers.get(name) ?? "";
  const checked = await checkBridgeMessage(getDb(), getRuntime().secrets.kioskBridgeKey, {
    kioskId: header("x-kiosk-id"),
    time: header("x-kiosk-time"),
    sequence: header("x-kiosk-sequence"),
    signature: header("x-kiosk-signature"),
    body,
  });
  if (!checked.ok) return json({ error: "unauthorised", reason: checked.reason }, { status: 401 });
  let parsed;
  try {
    parsed = EventSchema.safeParse(JSON.parse(body));
  } catch {
    return json({ error: "invalid-event" }, { status: 400 });
  }
  if (!parsed.success) return json({ error: "invalid-event" }, { status: 400 });
  if (parsed.data.event === "inserted") {
    const civilId = parseCivilId(parsed.data.civilId);
    if (!civilId.ok) return json({ error: "invalid-civil-id" }, { status: 400 });
    await recordCard(getDb(), checked.kiosk.id, { kind: "inserted", civilId: civilId.civilId });
  } else {
    await recordCard(getDb(), checked.kiosk.id, { kind: "removed" });
  }
  return new Response(null, { status: 204 });
}
