import { joinDateParts } from "../catalogue/date-parts";

/**
 * A GET form sends its empty fields too (`?actor=&person=…`), and a day as its three boxes
 * (`from[day]=5&from[month]=11&from[year]=2026`). Where a search keeps only what was asked, to be
 * read and bookmarked, this is the address to go to instead (`?from=2026-11-05`); null when it
 * already is.
 */
export function addressOfAsked(url: URL): string | null {
  const joined = joinDateParts(new URLSearchParams(url.searchParams));
  const asked = new URLSearchParams([...joined].filter(([, value]) => value !== ""));
  if (asked.toString() === url.searchParams.toString()) return null;
  return asked.size ? `${url.pathname}?${asked}` : url.pathname;
}
