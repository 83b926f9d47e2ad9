import bidiFactory from "bidi-js";

// Arabic in pdfkit: fontkit shapes (joins) the letters of a run, but nothing orders runs right to
// left. So each line is split into runs of one bidi level and one script, the runs are reordered
// by rule L2 of the Unicode bidi algorithm, and each is drawn at its measured x. Characters are
// never reordered before shaping (that would break the joining).

const bidi = bidiFactory();

export interface FontPair {
  arabic: string;
  latin: string;
}

export interface Run {
  /** What to draw: Arabic-script runs in logical order (fontkit reverses them), others as seen. */
  text: string;
  font: string;
  level: number;
  width: number;
  /** The run's words and spaces, left to right as drawn, each with its width. */
  pieces: { text: string; width: number }[];
}

export interface LaidLine {
  /** Runs in visual order, left to right. */
  runs: Run[];
  width: number;
  /** The line as written (logical order). */
  text: string;
  /** The line's characters in visual order, left to right, unmirrored (for the text layer). */
  visualText: string;
}

export const isStrongLtr = (char: string) => /[A-Za-z\u00C0-\u024F]/.test(char);
/** Arabic letters (not Arabic digits or separators such as ، ٫ ٬, which are number characters). */
export const isStrongRtl = (char: string) =>
  /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/.test(char) && !/[\u060C\u0660-\u066C\u06F0-\u06F9]/.test(char);

// How poppler classifies characters when it turns a line into reading order (seen with
// pdftotext 22.12): right-to-left runs end at Latin letters and at "number" characters, which
// include these separators; parentheses, ؛ ؟ and marks are neutral.
const endsRtlRunForPoppler = (char: string) => isStrongLtr(char) || /[0-9\u0660-\u0669\u06F0-\u06F9.,\-/:\u060C\u066B\u066C]/.test(char);
/** Arabic letter mark: invisible, strongly right-to-left. */
const ALM = "\u061C";

/**
 * What a text extractor should read for a line. Poppler (pdftotext and its viewers) takes a
 * page's main direction from its letters. On a left-to-right page it cuts each line into runs
 * (a right-to-left run from an Arabic letter to the next Latin letter or number character) and
 * reverses the right-to-left ones in place; so the line is handed over with those runs already
 * reversed, each closed by an ALM so that spaces at its end stay at its end. On a right-to-left
 * page poppler reads the line as visual text, so it gets the visual order.
 */
export function extractableText(line: LaidLine, isPageLtr: boolean): string {
  if (!isPageLtr) return line.visualText;
  const chars = [...line.text];
  let out = "";
  for (let i = 0; i < chars.length;) {
    let j = i;
    while (j < chars.length && !isStrongRtl(chars[j]!)) j++;
    out += chars.slice(i, j).join("");
    i = j;
    // A right-to-left run starts at an Arabic letter (the loop above stopped at one), so it
    // always takes at least that letter: the scan moves on every time.
    j = i + 1;
    while (j < chars.length && !endsRtlRunForPoppler(chars[j]!)) j++;
    if (i < chars.length) {
      const run = chars.slice(i, j);
      if (!isStrongRtl(run[run.length - 1]!)) run.push(ALM);
      out += run.reverse().join("");
      i = j;
    }
  }
  return out;
}

/** The measuring part of pdfkit that layout needs. */
export interface Measurer {
  widthOf(text: string, font: string, size: number): number;
}

const isArabicScript = (char: string) => /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/.test(char);
// Arabic punctuation (، ؛ ؟) is in the Arabic block, so it always takes the Arabic font.
const isNeutral = (char: string) => /[\s\u200c-\u200f.,:;!?'"()[\]{}\-–—/«»]/.test(char);

/** Lays one line out: runs of one level and one script, in visual order, each measured. */
export function layoutLine(text: string, direction: "rtl" | "ltr", fonts: FontPair, size: number, measure: Measurer): LaidLine {
  const embedding = bidi.getEmbeddingLevels(text, direction);
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels);
  const chars = [...text];
  // Code-unit index of each code point, for the levels array (which is per code unit).
  const indices: number[] = [];
  for (let i = 0, unit = 0; i < chars.length; unit += chars[i]!.length, i++) indices.push(unit);

  // Which font each character takes: its script, or for neutrals the script of what precedes it.
  const scriptOf: ("arabic" | "latin")[] = [];
  chars.forEach((char, i) => {
    if (isNeutral(char)) scriptOf.push(i > 0 ? scriptOf[i - 1]! : direction === "rtl" ? "arabic" : "latin");
    else scriptOf.push(isArabicScript(char) ? "arabic" : "latin");
  });

  // The visual order of the characters themselves (rule L2 on characters), for the text layer.
  const visual = [...chars];
  for (const [start = 0, end = 0] of bidi.getReorderSegments(text, embedding)) {
    const from = indices.findIndex((unit) => unit >= start);
    let to = indices.findIndex((unit) => unit > end);
    if (to === -1) to = chars.length;
    visual.splice(from, to - from, ...visual.slice(from, to).reverse());
  }

  const runs: Run[] = [];
  chars.forEach((char, i) => {
    const level = embedding.levels[indices[i]!]!;
    const shown = level % 2 === 1 ? (mirrored.get(indices[i]!) ?? char) : char;
    const font = fonts[scriptOf[i]!];
    const last = runs[runs.length - 1];
    if (last && last.level === level && last.font === font) last.text += shown;
    else runs.push({ text: shown, font, level, width: 0, pieces: [] });
  });

  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs
  // at that level or higher.
  const levels = runs.map((run) => run.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    for (let start = 0; start < runs.length;) {
      if (runs[start]!.level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end + 1 < runs.length && runs[end + 1]!.level >= level) end++;
      const reversed = runs.slice(start, end + 1).reverse();
      runs.splice(start, reversed.length, ...reversed);
      start = end + 1;
    }
  }
  // fontkit lays out an Arabic-script run right to left itself; a right-to-left run of other
  // characters (a space, a parenthesis) it would lay out left to right, so it is reversed here.
  // Drawn word by word (shaping never crosses a space, and a word's layout can be cached): the
  // words of a right-to-left Arabic run go right to left, so they are taken in reverse.
  for (const run of runs) {
    const isRtl = run.level % 2 === 1;
    if (isRtl && run.font === fonts.latin) run.text = [...run.text].reverse().join("");
    const tokens = run.text.split(/( +)/).filter(Boolean);
    if (isRtl && run.font === fonts.arabic) tokens.reverse();
    run.pieces = tokens.map((token) => ({ text: token, width: measure.widthOf(token, run.font, size) }));
    run.width = run.pieces.reduce((sum, piece) => sum + piece.width, 0);
  }
  return { runs, width: runs.reduce((sum, run) => sum + run.width, 0), text, visualText: visual.join("") };
}

/**
 * Breaks text into lines that fit `maxWidth`, at spaces. Words are measured once each and their
 * widths added (shaping never crosses a space), so only the final lines are laid out.
 */
export function wrapText(text: string, direction: "rtl" | "ltr", fonts: FontPair, size: number, maxWidth: number, measure: Measurer): LaidLine[] {
  const space = measure.widthOf(" ", direction === "rtl" ? fonts.arabic : fonts.latin, size);
  const lines: LaidLine[] = [];
  for (const paragraph of text.split("\n")) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    let current: string[] = [];
    let width = 0;
    for (const word of words) {
      const wordWidth = layoutLine(word, direction, fonts, size, measure).width;
      if (current.length && width + space + wordWidth > maxWidth) {
        lines.push(layoutLine(current.join(" "), direction, fonts, size, measure));
        current = [];
        width = 0;
      }
      width += (current.length ? space : 0) + wordWidth;
      current.push(word);
    }
    lines.push(layoutLine(current.join(" "), direction, fonts, size, measure));
  }
  return lines;
}
