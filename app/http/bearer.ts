import crypto from "node:crypto";

// Tokens that machines and operators present as `Authorization: Bearer <token>`.

export function bearerTokenOf(authorization: string | null | undefined): string | null {
  return /^Bearer (\S+)$/.exec(authorization ?? "")?.[1] ?? null;
}

const digest = (text: string) => crypto.createHash("sha256").update(text).digest();

/** Whether the token given is the one configured, compared in constant time (by digest, so its length tells nothing). */
export function isConfiguredToken(given: string | null, configured: string): boolean {
  return given !== null && crypto.timingSafeEqual(digest(given), digest(configured));
}
