import { createCookie } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { people } from "../../db/schema";
import type { Viewer } from "../auth/permissions";
import { defaultLanguage, i18nFor, isLanguage, type Language } from "./config";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
export const languageCookie = createCookie("nafitha_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: ONE_YEAR_SECONDS });

export async function languageFromCookie(request: Request): Promise<Language | null> {
  const value: unknown = await languageCookie.parse(request.headers.get("cookie"));
  return isLanguage(value) ? value : null;
}

/** The account's choice when signed in, else the cookie's, else Arabic. */
export async function getLanguage(request: Request, viewer: Viewer): Promise<Language> {
  if (viewer.kind === "citizen" || viewer.kind === "staff") return viewer.person.preferredLanguage;
  return (await languageFromCookie(request)) ?? defaultLanguage;
}

export async function setPreferredLanguage(db: Database, personId: string, language: Language): Promise<void> {
  await db.update(people).set({ preferredLanguage: language, updatedAt: new Date() }).where(eq(people.id, personId));
}

/** A translator for loaders and actions (page titles, messages computed on the server). */
export function getFixedT(language: Language) {
  return i18nFor(language).t;
}
