// IBM Plex Sans Arabic, self-hosted from npm (@fontsource): Arabic and Latin subsets, loaded by
// the browser only for the characters a page uses.
import arabic400 from "@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-400-normal.woff2";
import arabic600 from "@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-600-normal.woff2";
import latin400 from "@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-latin-400-normal.woff2";
import latin600 from "@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-latin-600-normal.woff2";

const ARABIC_RANGE =
  "U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC";
const LATIN_RANGE =
  "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD";

const faces = [
  { url: arabic400, weight: 400, range: ARABIC_RANGE },
  { url: arabic600, weight: 600, range: ARABIC_RANGE },
  { url: latin400, weight: 400, range: LATIN_RANGE },
  { url: latin600, weight: 600, range: LATIN_RANGE },
];

export const fontFaceCss = faces
  .map(
    (face) =>
      `@font-face{font-family:"IBM Plex Sans Arabic";font-style:normal;font-display:swap;font-weight:${face.weight};src:url(${face.url}) format("woff2");unicode-range:${face.range}}`,
  )
  .join("");

/** The Arabic regular face is on nearly every page: preload it. */
export const preloadFonts = [arabic400, latin400];
