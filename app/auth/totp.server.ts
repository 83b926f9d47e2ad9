import { Secret, TOTP } from "otpauth";

// Time-based one-time codes (RFC 6238: SHA-1, 30-second steps, 6 digits), what every authenticator
// app reads from an otpauth:// QR code, through the otpauth library. The portal adds one rule of
// its own: a code is accepted once (the step it matched must be later than the last one used).

const PERIOD_SECONDS = 30;
const DIGITS = 6;

const totpOf = (secret: string, issuer = "", label = "") =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS, issuer, label });

/** A new secret, base32 as authenticator apps take it (160 bits, as RFC 4226 recommends). */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS);
}

/** The code of a step (the tests and `npm run totp` read it as an app would show it). */
export function totpCode(secret: string, step: number): string {
  return totpOf(secret).generate({ timestamp: step * PERIOD_SECONDS * 1000 });
}

/**
 * Checks a code against the current step and one step either side (clock drift). Returns the
 * matched step, which must be later than `lastUsedStep` so that a code is never accepted twice.
 */
export function verifyTotp(secret: string, code: string, at: Date, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStep(at);
  const totp = totpOf(secret);
  // Each neighbouring step on its own, so that a replayed step is skipped rather than matched first.
  for (const step of [now - 1, now, now + 1]) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (totp.validate({ token: code, timestamp: step * PERIOD_SECONDS * 1000, window: 0 }) === 0) return step;
  }
  return null;
}

export function totpUri(secret: string, accountLabel: string, issuer: string): string {
  return totpOf(secret, issuer, accountLabel).toString();
}
