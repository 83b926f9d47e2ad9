const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  /** `${protocol}://${host}` of this request as the server sees it. */
  selfOrigin: string;
  publicOrigin?: string;
}

/**
 * Cross-site request forgery guard for every mutation: the request must come from a page of
 * this site. Browsers send Origin on every POST; without it, only Sec-Fetch-Site "same-origin"
 * is accepted. SameSite=Lax cookies are the second line.
 */
export function isSameOriginMutation(input: OriginCheckInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  const allowed = new Set([input.selfOrigin, input.publicOrigin].filter((o): o is string => Boolean(o)));
  if (input.origin) return input.origin !== "null" && allowed.has(input.origin);
  return input.secFetchSite === "same-origin";
}
