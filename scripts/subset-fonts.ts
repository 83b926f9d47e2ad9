// npm run fonts — cuts the portal's web fonts (app/ui/fonts/*.woff2) from @fontsource's IBM Plex
// Sans Arabic, each to the characters app/ui/font-subsets.ts lists, keeping the shaping tables
// (joined Arabic forms, ligatures, marks) those characters need. Run it after changing the list or
// the font package; app/ui/fonts.test.ts fails when the files and the list disagree.
import fs from "node:fs";
import path from "node:path";
import subsetFont from "subset-font";
import { codePointsOf, fontSubsets, fontWeights, type FontSubset } from "../app/ui/font-subsets";

const source = path.resolve(import.meta.dirname, "../node_modules/@fontsource/ibm-plex-sans-arabic/files");
const target = path.resolve(import.meta.dirname, "../app/ui/fonts");

for (const subset of Object.keys(fontSubsets) as FontSubset[]) {
  const text = String.fromCodePoint(...codePointsOf(subset));
  for (const weight of fontWeights) {
    const original = fs.readFileSync(path.join(source, `ibm-plex-sans-arabic-${subset}-${weight}-normal.woff2`));
    const cut = await subsetFont(original, text, { targetFormat: "woff2" });
    const file = path.join(target, `plex-arabic-${subset}-${weight}.woff2`);
    fs.writeFileSync(file, cut);
    console.log(`${path.relative(process.cwd(), file)}: ${(original.length / 1000).toFixed(1)} KB → ${(cut.length / 1000).toFixed(1)} KB`);
  }
}
