import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// One stylesheet serves Arabic (rtl) and English (ltr) because it never says left or right.
const stylesDir = path.resolve(import.meta.dirname, "../../app/styles");
const PHYSICAL =
  /(^|[;{\s])((margin|padding|border)-(left|right)[\w-]*|(left|right)\s*:|float\s*:\s*(left|right)|text-align\s*:\s*(left|right)|clear\s*:\s*(left|right)|border-(top|bottom)-(left|right)-radius)/m;

export function physicalDeclarations(css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
  return withoutComments
    .split(/[;{}]/)
    .map((declaration) => declaration.trim())
    .filter((declaration) => PHYSICAL.test(` ${declaration}`));
}

describe("stylesheets", () => {
  it("the check catches physical properties", () => {
    expect(physicalDeclarations("a { margin-left: 1px; padding-inline-start: 2px; text-align: right }")).toEqual(["margin-left: 1px", "text-align: right"]);
    expect(physicalDeclarations(".x { left: 0 } .y { inset-inline-start: 0 }")).toEqual(["left: 0"]);
  });

  for (const name of fs.readdirSync(stylesDir).filter((n) => n.endsWith(".css"))) {
    it(`${name} uses logical properties only`, () => {
      expect(physicalDeclarations(fs.readFileSync(path.join(stylesDir, name), "utf8"))).toEqual([]);
    });
  }
});
