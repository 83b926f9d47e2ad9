import { createCookie, redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { people } from "../../db/schema";
import type { Viewer } from "../auth/permissions";
import { languageFromAcceptLanguage } from "./accept-language";
import { defaultLanguage, isLanguage, type Language } from "./config";
import { i18nFor } from "./resources.server";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
export const languageCookie = createCookie("nafitha_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: ONE_YEAR_SECONDS });

export async function languageFromCookie(request: Request): Promise<Language | null> {
  const value: unknown = await languageCookie.parse(request.headers.get("cookie"));
  return isLanguage(value) ? value : null;
}

/**
 * The account's choice when signed in, else the cookie's, else the browser's (`Accept-Language`),
 * else Arabic. A kiosk is a public screen: it starts in Arabic whatever its browser says.
 */
export async function getLanguage(request: Request, viewer: Viewer): Promise<Language> {
  if (viewer.kind === "citizen" || viewer.kind === "staff") return viewer.person.preferredLanguage;
  const chosen = await languageFromCookie(request);
  if (chosen) return chosen;
  const isKiosk = new URL(request.url).pathname.split("/")[1]?.startsWith("kiosk");
  return (isKiosk ? null : languageFromAcceptLanguage(request.headers.get("accept-language"))) ?? defaultLanguage;
}

export async function setPreferredLanguage(db: Database, personId: string, language: Language): Promise<void> {
  await db.update(people).set({ preferredLanguage: language, updatedAt: new Date() }).where(eq(people.id, personId));
}

/** Remembers a language chosen (the switch, or a link with `?lang=`): on the account when signed in, and in a cookie. */
export async function rememberLanguage(db: Database, viewer: Viewer, language: Language): Promise<{ "Set-Cookie": string }> {
  if (viewer.kind === "citizen" || viewer.kind === "staff") await setPreferredLanguage(db, viewer.person.id, language);
  return { "Set-Cookie": await languageCookie.serialize(language) };
}

/**
 * A link can name the page's language (`?lang=en`, as an agency's letter or a search engine would):
 * the choice is remembered and the page opened at its address without it.
 */
export async function redirectForLinkedLanguage(request: Request, db: Database, viewer: Viewer): Promise<Response | null> {
  const url = new URL(request.url);
  const linked = url.searchParams.get("lang");
  if (linked === null || request.method !== "GET") return null;
  url.searchParams.delete("lang");
  const headers = isLanguage(linked) ? await rememberLanguage(db, viewer, linked) : undefined;
  return redirect(`${url.pathname}${url.search}${url.hash}`, { headers });
}

/** A translator for loaders and actions (page titles, messages computed on the server). */
export function getFixedT(language: Language) {
  return i18nFor(language).t;
}
