import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const localesDir = path.resolve(import.meta.dirname, "../../locales");
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const ARABIC_FORMS = ["zero", "one", "two", "few", "many", "other"];

function flatten(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

function keysOf(language: string): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  const walk = (dir: string, rel: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full, `${rel}${name}/`);
      else if (name.endsWith(".json")) byFile.set(`${rel}${name}`, flatten(JSON.parse(fs.readFileSync(full, "utf8"))));
    }
  };
  walk(path.join(localesDir, language), "");
  return byFile;
}

const ar = keysOf("ar");
const en = keysOf("en");

describe("locales", () => {
  it("have the same files in Arabic and English", () => {
    expect([...ar.keys()].sort()).toEqual([...en.keys()].sort());
  });

  for (const file of en.keys()) {
    it(`${file}: every key exists in both languages`, () => {
      const base = (keys: string[]) => [...new Set(keys.map((k) => k.replace(PLURAL_SUFFIX, "")))].sort();
      expect(base(ar.get(file) ?? [])).toEqual(base(en.get(file)!));
    });

    it(`${file}: Arabic plurals have all six forms`, () => {
      const keys = ar.get(file) ?? [];
      const plurals = new Set(keys.filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, "")));
      for (const base of plurals) {
        expect(
          ARABIC_FORMS.filter((form) => !keys.includes(`${base}_${form}`)),
          `${file} ${base}`,
        ).toEqual([]);
      }
    });

    it(`${file}: no value is empty or left untranslated`, () => {
      const load = (lang: string) => JSON.parse(fs.readFileSync(path.join(localesDir, lang, file), "utf8"));
      const values = (obj: unknown, prefix = ""): [string, string][] =>
        obj && typeof obj === "object" ? Object.entries(obj).flatMap(([k, v]) => values(v, prefix ? `${prefix}.${k}` : k)) : [[prefix, String(obj)]];
      for (const [key, value] of values(load("ar"))) {
        expect(value.trim(), `ar ${file} ${key}`).not.toBe("");
      }
      for (const [key, value] of values(load("en"))) expect(value.trim(), `en ${file} ${key}`).not.toBe("");
    });
  }
});
