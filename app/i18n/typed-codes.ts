import { toWesternDigits } from "./digits";

// Codes people type from a screen, a text message or a printed page: what they paste or type
// around a code (spaces, a full stop, quotes, the direction marks an Arabic text carries) is
// not the code.

const INVISIBLE = /[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** A one-time code of digits (`123 456`, `123-456.`, `«١٢٣٤٥٦»`): the digits, with every space and sign between or around them dropped. */
export const digitsOfCode = (typed: string) =>
  toWesternDigits(typed)
    .replace(INVISIBLE, "")
    .replace(/[\p{P}\p{S}]/gu, "");

// A certificate's verification code is 20 letters, digits, `-` and `_` (base64url), so only the
// signs that cannot be in it are taken off its ends.
const AROUND_A_CERTIFICATE_CODE = /^[^\p{L}\p{N}_-]+|[^\p{L}\p{N}_-]+$/gu;

/** A certificate's verification code as typed or pasted (`"Ab3…-_x."`, with spaces inside from a line break): the code itself. */
export const certificateCodeOf = (typed: string) => toWesternDigits(typed).replace(INVISIBLE, "").replace(AROUND_A_CERTIFICATE_CODE, "");
