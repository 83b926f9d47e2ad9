/**
 * A GET form sends its empty fields too (`?actor=&person=…`). Where a search keeps only what was
 * asked, to be read and bookmarked, this is the address to go to instead; null when it already is.
 */
export function addressOfAsked(url: URL): string | null {
  const asked = new URLSearchParams([...url.searchParams].filter(([, value]) => value !== ""));
  if (asked.size === url.searchParams.size) return null;
  return asked.size ? `${url.pathname}?${asked}` : url.pathname;
}
