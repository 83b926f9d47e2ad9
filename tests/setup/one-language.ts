import type { Page } from "playwright-core";

// One language per page: an Arabic page carries no Latin words in its Arabic text, an English page
// no Arabic letters. Allowed: what is marked as another language (`lang`), codes and references
// (anything with a digit or a mask, isolated left to right, or marked `translate="no"` / `.ltr-value`), addresses of email and the
// web, and the few Latin abbreviations formal Arabic writes as they are.

/** Latin abbreviations an Arabic government page writes in Latin letters. */
export const LATIN_IN_ARABIC = new Set(["PDF", "KNET", "JPEG", "PNG", "IBAN", "QR", "SMS", "CSV", "JSON", "PEM", "DER", "URL", "TOTP"]);

/** A run isolated as left to right (LRI or FSI … PDI): a code or an example written as typed. */
const ISOLATED = /[\u2066\u2068][^\u2069]*\u2069/g;

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
const ADDRESSES = /\S+@\S+|https?:\/\/\S+|\b[\w-]+(\.[\w-]+)*\.(kw|com|org|example)(\/\S*)?/g;
const SEPARATORS = /[\s\u00a0\u200e\u200f\u061c()[\]«»"“”'‘’،؛:;,.!؟?/|—–·+=*&%#<>{}]+/;

/** The words of a text that are not in its language: Latin words in Arabic, Arabic in English. */
export function foreignWords(text: string, lang: "ar" | "en"): string[] {
  const words = text.replace(ISOLATED, " ").replace(ADDRESSES, " ").split(SEPARATORS).filter(Boolean);
  return lang === "ar"
    ? words.filter((word) => /[A-Za-z]/.test(word) && !/[\d•]/.test(word) && !LATIN_IN_ARABIC.has(word.replace(/s$/, "")))
    : words.filter((word) => ARABIC.test(word));
}

export interface TextRun {
  lang: string;
  /** The direction the run is set in: "ltr" inside an Arabic page marks a code or a value typed as it is. */
  dir: string;
  text: string;
  /** Where it is: the nearest element with an id or a class, for the message. */
  where: string;
}

/** Every visible run of text of the page with the language its element says it is in. */
function textRunsOf(page: Page): Promise<TextRun[]> {
  return page.evaluate(() => {
    const skipped = "script, style, noscript, template, code, kbd, samp, [translate='no'], .ltr-value";
    const runs: TextRun[] = [];
    const describe = (element: Element) => {
      for (let at: Element | null = element; at; at = at.parentElement) {
        if (at.id) return `#${at.id}`;
        if (at.classList.length) return `${at.tagName.toLowerCase()}.${[...at.classList].join(".")}`;
      }
      return element.tagName.toLowerCase();
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent ?? "";
      if (!element || !text.trim() || element.closest(skipped)) continue;
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      runs.push({
        lang: (element.closest("[lang]")?.getAttribute("lang") ?? "").slice(0, 2),
        dir: element.closest("[dir]")?.getAttribute("dir") ?? "",
        text: text.trim(),
        where: describe(element),
      });
    }
    return runs;
  });
}

/** The page's text runs that carry words of the other language. */
export async function findMixedLanguage(page: Page): Promise<(TextRun & { words: string[] })[]> {
  return (await textRunsOf(page)).flatMap((run) => {
    const isMarkedLtr = run.lang === "ar" && run.dir === "ltr";
    const words = (run.lang === "ar" && !isMarkedLtr) || run.lang === "en" ? foreignWords(run.text, run.lang) : [];
    return words.length ? [{ ...run, text: run.text.slice(0, 160), words }] : [];
  });
}
