import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Every word a person sees comes from locales/. This reads every component (.tsx) and fails on
// text written straight into JSX, or into attributes people see or hear.
const appDir = path.resolve(import.meta.dirname, "../../app");
const VISIBLE_ATTRIBUTES = new Set(["alt", "title", "placeholder", "aria-label", "aria-description", "label"]);
const HAS_WORDS = /[\p{L}]{2,}/u;

function componentFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return componentFiles(full);
    return entry.name.endsWith(".tsx") && !entry.name.endsWith(".test.tsx") ? [full] : [];
  });
}

export function findLiteralText(source: string, fileName = "x.tsx"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && HAS_WORDS.test(node.getText())) found.push(node.getText().trim());
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText();
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))
          ? init.expression.text
          : null;
      if (literal && VISIBLE_ATTRIBUTES.has(name) && HAS_WORDS.test(literal)) found.push(`${name}="${literal}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("components", () => {
  it("the check finds literal text and visible attributes, and lets translations through", () => {
    expect(findLiteralText(`const A = () => <p>Hello there</p>;`)).toEqual(["Hello there"]);
    expect(findLiteralText(`const A = () => <img alt="A photo" />;`)).toEqual(['alt="A photo"']);
    expect(findLiteralText(`const A = () => <p aria-label={"مرحبا بك"}>{t("x")}</p>;`)).toEqual(['aria-label="مرحبا بك"']);
    expect(findLiteralText(`const A = () => <p className="lead">{t("home.lead")} — {name}</p>;`)).toEqual([]);
  });

  for (const file of componentFiles(appDir)) {
    it(`${path.relative(appDir, file)} has no literal user-visible text`, () => {
      expect(findLiteralText(fs.readFileSync(file, "utf8"), file)).toEqual([]);
    });
  }
});
