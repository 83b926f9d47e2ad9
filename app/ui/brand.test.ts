import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BRAND, GOLD, INK, MUTED } from "../certificates/sheet.server";
import { brandColours, brandMarkSvg } from "./brand";

// One identity on every surface: the stylesheet's colours, the favicon and the documents' are the brand's.

const root = path.resolve(import.meta.dirname, "../..");

describe("the brand", () => {
  it("gives the stylesheet its colours", () => {
    const css = fs.readFileSync(path.join(root, "app/styles/app.css"), "utf8");
    const property = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6});`, "i").exec(css)?.[1]?.toLowerCase();
    expect({
      brand: property("brand"),
      brandStrong: property("brand-strong"),
      brandSoft: property("brand-soft"),
      accent: property("accent"),
      accentOnBrand: property("accent-on-brand"),
      ink: property("ink"),
      inkMuted: property("ink-muted"),
    }).toEqual({
      brand: brandColours.brand,
      brandStrong: brandColours.brandStrong,
      brandSoft: brandColours.brandSoft,
      accent: brandColours.accent,
      accentOnBrand: brandColours.accentOnBrand,
      ink: brandColours.ink,
      inkMuted: brandColours.inkMuted,
    });
  });

  it("is the favicon, as public/favicon.svg holds it", () => {
    // After changing the mark: npx tsx -e 'import {brandMarkSvg} from "./app/ui/brand"; require("fs").writeFileSync("public/favicon.svg", brandMarkSvg({onSquare:true}))'
    expect(fs.readFileSync(path.join(root, "public/favicon.svg"), "utf8")).toBe(brandMarkSvg({ onSquare: true }));
  });

  it("colours the certificates and receipts", () => {
    expect({ BRAND, GOLD, INK, MUTED }).toEqual({ BRAND: brandColours.brand, GOLD: brandColours.accent, INK: brandColours.ink, MUTED: brandColours.inkMuted });
  });
});
