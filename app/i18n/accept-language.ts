import { languages, type Language } from "./config";

/**
 * The language of ours a browser prefers, from its `Accept-Language` header (`en-GB,en;q=0.9,ar;q=0.8`):
 * the highest-weighted range whose primary tag we have; on a tie, the one listed first. `*` or no
 * match says nothing.
 */
export function languageFromAcceptLanguage(header: string | null): Language | null {
  if (!header) return null;
  let best: { language: Language; weight: number } | null = null;
  for (const part of header.slice(0, 1_000).split(",")) {
    const [range = "", ...parameters] = part.trim().split(";");
    const primary = range.trim().toLowerCase().split("-")[0] ?? "";
    const language = languages.find((known) => known === primary);
    if (!language) continue;
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(weight) || weight <= 0 || weight > 1) continue;
    if (!best || weight > best.weight) best = { language, weight };
  }
  return best?.language ?? null;
}
