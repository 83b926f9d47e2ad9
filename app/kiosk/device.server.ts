import { createCookie } from "@remix-run/node";
import { getDb, getRuntime } from "../runtime.server";
import { kioskOfCredential } from "./kiosks.server";

/** The device credential of an enrolled kiosk's browser: httpOnly, for the kiosk pages only. */
export function kioskCookie() {
  const isSecure = getRuntime().env.NODE_ENV === "production";
  return createCookie(isSecure ? "__Host-nafitha_kiosk" : "nafitha_kiosk", {
    httpOnly: true,
    sameSite: "strict",
    secure: isSecure,
    path: "/",
    maxAge: 5 * 365 * 24 * 3600,
  });
}

/**
 * The kiosk making this request: its browser's credential cookie, or a device agent's
 * `Authorization: Bearer <credential>`. Null when it is not an enrolled, unrevoked kiosk.
 */
export async function kioskOfRequest(request: Request) {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
  const fromCookie: unknown = await kioskCookie().parse(request.headers.get("cookie"));
  return kioskOfCredential(getDb(), bearer ?? (typeof fromCookie === "string" ? fromCookie : null));
}
