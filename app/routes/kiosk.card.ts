import crypto from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { parseCivilId } from "~/auth/civil-id";
import { getDb } from "~/runtime.server";
import { kioskById } from "~/kiosk/kiosks.server";
import { recordCard } from "~/kiosk/sessions.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { csrf: "kiosk-signature", body: "json" };

const EventSchema = z.discriminatedUnion("event", [z.object({ event: z.literal("inserted"), civilId: z.string() }), z.object({ event: z.literal("removed") })]);
const MAX_SKEW_MS = 60_000;

/**
 * The card-reader bridge on the kiosk posts here when a civil-ID card goes in or comes out:
 *   POST /kiosk/card   {"event":"inserted","civilId":"288020122596"} or {"event":"removed"}
 *   X-Kiosk-Id: <kiosk id>   X-Kiosk-Time: <unix ms>
 *   X-Kiosk-Signature: base64url(HMAC-SHA256(key, time + "." + body)), key = SHA-256 hex of the kiosk's credential
 * A wrong signature, an old time, or a revoked kiosk gets 401.
 */
export async function action({ request }: ActionFunctionArgs) {
  const body = await request.text();
  const time = Number(request.headers.get("x-kiosk-time"));
  const kiosk = await kioskById(getDb(), request.headers.get("x-kiosk-id") ?? "");
  if (!kiosk?.credentialHash || !Number.isFinite(time) || Math.abs(Date.now() - time) > MAX_SKEW_MS) return json({ error: "unauthorised" }, { status: 401 });
  const expected = crypto.createHmac("sha256", kiosk.credentialHash).update(`${time}.${body}`).digest("base64url");
  const given = request.headers.get("x-kiosk-signature") ?? "";
  if (given.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return json({ error: "unauthorised" }, { status: 401 });
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
    await recordCard(getDb(), kiosk.id, { kind: "inserted", civilId: civilId.civilId });
  } else {
    await recordCard(getDb(), kiosk.id, { kind: "removed" });
  }
  return new Response(null, { status: 204 });
}
