import { json } from "@remix-run/node";
import { languages, directionOf } from "../i18n/config";
import { i18nFor } from "../i18n/resources.server";
import type { RefusalData, RefusalKind } from "./refusals";

// What the portal answers when it refuses a request before any page could be drawn: too large,
// unreadable, forged, an address too long. The visitor's language may not be known yet (the
// request may be refused before its cookies are read), so the page says it in both, Arabic first.

export type { RefusalKind };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page in both languages, each in its own direction; no script, no style, no outside resource. */
export function refusalHtml(kind: RefusalKind): string {
  const sections = languages.map((lang) => {
    const t = i18nFor(lang).t;
    return `<section lang="${lang}" dir="${directionOf(lang)}"><h1>${escapeHtml(t(`refusals.${kind}.title`))}</h1><p>${escapeHtml(t(`refusals.${kind}.body`))}</p></section>`;
  });
  const title = languages.map((lang) => i18nFor(lang).t(`refusals.${kind}.title`)).join(" — ");
  return `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main>${sections.join("<hr>")}</main></body></html>`;
}

export const REFUSAL_HEADERS = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } as const;

/** The refusal as a response for a route to throw: the root error boundary shows it in the page's language. */
export function refusal(kind: RefusalKind, status: number): Response {
  return json({ refusal: kind } satisfies RefusalData, { status, headers: { "Cache-Control": "no-store" } });
}
