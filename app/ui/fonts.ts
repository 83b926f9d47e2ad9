// IBM Plex Sans Arabic, self-hosted: an Arabic and a Latin file per weight, each cut to the
// characters the portal writes (font-subsets.ts; `npm run fonts` makes them), and loaded by the
// browser only for the characters a page uses.
import arabic400 from "./fonts/plex-arabic-arabic-400.woff2";
import arabic600 from "./fonts/plex-arabic-arabic-600.woff2";
import latin400 from "./fonts/plex-arabic-latin-400.woff2";
import latin600 from "./fonts/plex-arabic-latin-600.woff2";
import { unicodeRangeOf } from "./font-subsets";

const faces = [
  { url: arabic400, weight: 400, range: unicodeRangeOf("arabic") },
  { url: arabic600, weight: 600, range: unicodeRangeOf("arabic") },
  { url: latin400, weight: 400, range: unicodeRangeOf("latin") },
  { url: latin600, weight: 600, range: unicodeRangeOf("latin") },
];

export const fontFaceCss = faces
  .map(
    (face) =>
      `@font-face{font-family:"IBM Plex Sans Arabic";font-style:normal;font-display:swap;font-weight:${face.weight};src:url(${face.url}) format("woff2");unicode-range:${face.range}}`,
  )
  .join("");

/** The Arabic regular face is on nearly every page: preload it. */
export const preloadFonts = [arabic400, latin400];
