// The characters each self-hosted font file carries (scripts/subset-fonts.ts cuts them from
// @fontsource's IBM Plex Sans Arabic): the Arabic of the portal's texts, names and typed digits, and
// the Latin of its English, references and numbers. Anything else on a page (a rare letter in a name
// an administrator typed) falls back to the system's font for that character alone. The @font-face
// unicode-range is made from the same list, so a file is fetched only for characters it holds;
// app/ui/fonts.test.ts checks the files against it and every translation against the files.

/** The weights the portal uses: regular text, and headings and emphasis. */
export const fontWeights = [400, 600] as const;

type Range = readonly [first: number, last: number];

export const fontSubsets = {
  arabic: [
    [0x060c, 0x060c], // Arabic comma
    [0x061b, 0x061b], // semicolon
    [0x061f, 0x061f], // question mark
    [0x0621, 0x0655], // letters, tatweel, harakat, hamza and madda marks
    [0x0660, 0x066d], // Arabic-Indic digits, percent, decimal and thousands separators
    [0x0670, 0x0671], // superscript alef, alef wasla
    [0x067e, 0x067e], // peh, and the letters below, in names of residents and places
    [0x0686, 0x0686],
    [0x0698, 0x0698],
    [0x06a4, 0x06a4], // veh, in Gulf spellings of foreign words
    [0x06a9, 0x06a9],
    [0x06af, 0x06af],
    [0x06cc, 0x06cc],
    [0x06f0, 0x06f9], // Eastern Arabic-Indic digits, as some keyboards type them
    [0x200c, 0x200f], // joiners and direction marks
  ],
  latin: [
    [0x0020, 0x007e], // ASCII
    [0x00a0, 0x00ff], // Latin-1: symbols, guillemets, accented letters of names
    [0x2013, 0x2014], // dashes
    [0x2018, 0x2019], // quotation marks
    [0x201c, 0x201d],
    [0x2022, 0x2022], // bullet
    [0x2026, 0x2026], // ellipsis
    [0x2191, 0x2191], // up and down arrows (the font has no others)
    [0x2193, 0x2193],
    [0x2212, 0x2212], // minus
  ],
} as const satisfies Record<string, readonly Range[]>;

export type FontSubset = keyof typeof fontSubsets;

export function codePointsOf(subset: FontSubset): number[] {
  return fontSubsets[subset].flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i));
}

const hex = (codePoint: number) => codePoint.toString(16).toUpperCase().padStart(4, "0");

export function unicodeRangeOf(subset: FontSubset): string {
  return fontSubsets[subset].map(([first, last]) => (first === last ? `U+${hex(first)}` : `U+${hex(first)}-${hex(last)}`)).join(",");
}
