// Where the portal may send someone after signing in, switching language and the like: the one
// function that decides it. A target is accepted only when it resolves to a path on the portal's
// own origin; anything that a browser, a proxy or a second decoding could read as another host
// falls back to the default page.

/** Stands for the portal's origin while resolving: a relative target that stays on it is a path of ours. */
const PORTAL_ORIGIN = "https://portal.nafitha.invalid";
const MAX_TARGET_LENGTH = 2048;

// Control characters (tab, newline, NUL …), spaces and backslashes: browsers strip or rewrite
// them before resolving (`/\evil`, `/\t/evil` become `//evil`), so none may appear at all.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE_CHARACTER = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;

/** The target decoded until it stops changing (a few rounds), so `%5C`, `%252F%252F` and the like are seen for what they become; null when it is not valid percent-encoding. */
function decodedForms(target: string): string[] | null {
  const forms = [target];
  let current = target;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // What cannot be read is not a target; a later round may fail on a literal "%" (as in "50%").
      if (round === 0) return null;
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/**
 * A same-origin path (with its query and fragment) for a redirect, or `fallback`. Accepts
 * `/dashboard?tab=2`; refuses `//host`, `/\host`, `https://host`, `javascript:…`, tabs and
 * newlines, backslashes and their percent-encodings, and anything that does not start with `/`.
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_TARGET_LENGTH) return fallback;
  if (UNSAFE_CHARACTER.test(target)) return fallback;
  // Decoded, the path must still be a path of ours (a decoded query may hold spaces and the like).
  const forms = decodedForms(target);
  if (!forms) return fallback;
  for (const form of forms) {
    const path = form.split(/[?#]/, 1)[0]!;
    if (!path.startsWith("/") || path.startsWith("//") || UNSAFE_CHARACTER.test(path)) return fallback;
  }
  let resolved: URL;
  try {
    resolved = new URL(target, PORTAL_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PORTAL_ORIGIN) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Dot segments can collapse into `//host` (`/.//host`): what is sent must itself be safe.
  return path.startsWith("//") ? fallback : path;
}
