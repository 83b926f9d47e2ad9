// The kinds of refusal (texts in locales/<lang>/common.json → refusals), shared by the server's
// pages and the root error boundary, which shows a refusal a route threw in the page's language.

export const refusalKinds = [
  "crossOrigin",
  "tooLarge",
  "unsupportedType",
  "badForm",
  "uriTooLong",
  "headersTooLarge",
  "badRequest",
  "awaitingScan",
  "infectedFile",
  "readOnly",
] as const;
export type RefusalKind = (typeof refusalKinds)[number];

export interface RefusalData {
  refusal: RefusalKind;
}

export function refusalOf(data: unknown): RefusalKind | null {
  const kind = (data as Partial<RefusalData> | null)?.refusal;
  return typeof kind === "string" && (refusalKinds as readonly string[]).includes(kind) ? (kind as RefusalKind) : null;
}
