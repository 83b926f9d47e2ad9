import { describe, expect, it } from "vitest";
import { extractableText, isStrongLtr, isStrongRtl, layoutLine, wrapText, type Measurer } from "./bidi-layout.server";

const fonts = { arabic: "ar", latin: "la" };
// Every character is 1 unit wide: enough to check order and wrapping.
const measure: Measurer = { widthOf: (text) => [...text].length };
const visual = (text: string, direction: "rtl" | "ltr") => layoutLine(text, direction, fonts, 10, measure).runs.map((run) => run.text);

describe("bidi line layout", () => {
  it("puts a Latin reference inside an Arabic sentence where an Arabic reader expects it", () => {
    // Logical: "رقم الشهادة FSL-2026-000123 صادرة" → visual, left to right: "صادرة", the number, "رقم الشهادة".
    expect(visual("رقم الشهادة FSL-2026-000123 صادرة", "rtl")).toEqual(["صادرة", " ", "FSL-2026-000123", "رقم الشهادة "]);
  });

  it("keeps numbers left to right and mirrors parentheses in Arabic", () => {
    // Drawn left to right: "دينار", " (", "4000", and the Arabic run (fontkit reverses it) ending in ")".
    expect(visual("المبلغ (4000) دينار", "rtl")).toEqual(["دينار", " (", "4000", "المبلغ )"]);
  });

  it("keeps an English line in order, and an Arabic name with the number after it right to left, as the bidi algorithm says", () => {
    expect(visual("Holder: أحمد العنزي (288020122596)", "ltr")).toEqual(["Holder: ", "(", "288020122596", "أحمد العنزي )"]);
    expect(visual("Holder: Ahmad (288020122596)", "ltr")).toEqual(["Holder: Ahmad (288020122596)"]);
  });

  it("chooses the Arabic font for Arabic script and the Latin font for the rest", () => {
    const runs = layoutLine("شهادة FSL", "rtl", fonts, 10, measure).runs;
    expect(runs.map((run) => [run.text, run.font])).toEqual([
      ["FSL", "la"],
      ["شهادة ", "ar"],
    ]);
  });

  it("draws a right-to-left Arabic run word by word, right to left", () => {
    const [run] = layoutLine("واحد اثنان", "rtl", fonts, 10, measure).runs;
    expect(run!.pieces.map((piece) => piece.text)).toEqual(["اثنان", " ", "واحد"]);
  });

  it("wraps at word boundaries within the width", () => {
    const lines = wrapText("واحد اثنان ثلاثة أربعة خمسة", "rtl", fonts, 10, 12, measure);
    expect(lines.map((line) => line.text)).toEqual(["واحد اثنان", "ثلاثة أربعة", "خمسة"]);
    expect(lines.every((line) => line.width <= 12)).toBe(true);
  });
});

/** Poppler's reorderText on a left-to-right page (TextOutputDev.cc), as observed with pdftotext. */
function popplerReads(text: string): string {
  const chars = [...text];
  const stops = (c: string) => isStrongLtr(c) || /[0-9\u0660-\u0669\u06F0-\u06F9.,\-/:\u060C\u066B\u066C]/.test(c);
  let out = "";
  for (let i = 0; i < chars.length;) {
    let j = i;
    while (j < chars.length && !isStrongRtl(chars[j]!) && chars[j] !== "\u061C") j++;
    out += chars.slice(i, j).join("");
    for (i = j; j < chars.length && !stops(chars[j]!); j++);
    out += chars.slice(i, j).reverse().join("");
    i = j;
  }
  return out.replace(/\u061C/g, "");
}

describe("the text layer", () => {
  it.each([
    ["محافظة حولي، منطقة السالمية، قطعة 10، شارع سالم", "rtl"],
    ["22 نوفمبر 2026 (الموافق 12 جمادى الآخرة 1448 هـ)", "rtl"],
    ["امسح الرمز، أو افتح https://nafitha.example/verify وأدخل الرمز Xk3p.", "rtl"],
    ["Copy downloaded by أحمد عبدالله العنزي / Ahmad on 22 Nov 2026", "ltr"],
    ["دولة الكويت", "rtl"],
  ] as const)("hands poppler %j so that it reads it back as written", (text, direction) => {
    const line = layoutLine(text, direction, fonts, 10, measure);
    expect(popplerReads(extractableText(line, true))).toBe(text);
  });
});
