import { createCookie, redirect } from "@remix-run/node";
import { publicationsOf } from "../catalogue/publication.server";
import { getDb, getRuntime } from "../runtime.server";
import { kioskOfCredential } from "./kiosks.server";
import { isLivePoll } from "../ui/live-poll";
import { kioskPersonOf } from "./sessions.server";
import { displayName } from "../i18n/names";
import { bearerTokenOf } from "../http/bearer";
import type { CategoryId } from "../catalogue/taxonomy";

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
  const bearer = bearerTokenOf(request.headers.get("authorization"));
  const fromCookie: unknown = await kioskCookie().parse(request.headers.get("cookie"));
  return kioskOfCredential(getDb(), bearer ?? (typeof fromCookie === "string" ? fromCookie : null));
}

/** The signed-in person's kiosk session token: a cookie that lives no longer than the session. */
export function kioskPersonCookie() {
  const isSecure = getRuntime().env.NODE_ENV === "production";
  return createCookie(isSecure ? "__Host-nafitha_kiosk_person" : "nafitha_kiosk_person", { httpOnly: true, sameSite: "strict", secure: isSecure, path: "/" });
}

/** Kiosk pages: only an enrolled kiosk's browser; anyone else is sent to enrol. */
export async function requireKioskDevice(request: Request) {
  const kiosk = await kioskOfRequest(request);
  if (!kiosk) throw redirect("/kiosk/enrol");
  return kiosk;
}

/** A person's kiosk pages: their live session at this kiosk, or back to the card and PIN. */
export async function requireKioskPerson(request: Request) {
  const kiosk = await requireKioskDevice(request);
  const token: unknown = await kioskPersonCookie().parse(request.headers.get("cookie"));
  const session = await kioskPersonOf(getDb(), kiosk.id, typeof token === "string" ? token : null, { isActivity: !isLivePoll(request) });
  if (!session) throw redirect("/kiosk/sign-in");
  return { kiosk, session, token: token as string };
}

/** Nothing of a kiosk page may be kept by the browser: the next person must not get it back. */

/** The cards of the simulated reader (with the demo data only), named in the page's language. */
export function demoCards(language: "ar" | "en"): { civilId: string; name: string }[] | null {
  const { simulatedCards } = getRuntime();
  if (simulatedCards.length === 0) return null;
  return simulatedCards.map((card) => ({ civilId: card.civilId, name: displayName(card, language) }));
}

/** The services offered at kiosks (marked kiosk-enabled in the catalogue), in the page's language. */
/** The services a kiosk offers, without those withdrawn from kiosks; a paused one carries its notice. */
export async function kioskServices(language: "ar" | "en") {
  const services = getRuntime().catalogue.services.filter((service) => service.channels.includes("kiosk"));
  const publications = await publicationsOf(
    getDb(),
    services.map((service) => service.id),
  );
  return services.flatMap((service) => {
    const publication = publications.get(service.id)!.kiosk;
    if (publication.state === "withdrawn") return [];
    const notice = publication.state === "paused" ? publication.notice[language] : null;
    return [{ id: service.id, title: service.title[language], summary: service.summary[language], category: service.category as CategoryId, notice }];
  });
}
