import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kioskChromeNamespaces, layoutNamespaces, namespaces } from "~/i18n/config";
import { namespaceNames, namespacesReachedFrom, rootModule, routeModules } from "../support/namespaces";

// A page is sent only the translations its routes declare (handle.i18n), in its language. A
// namespace the page's code uses but its route does not declare would reach the browser late (one
// more request, a wait) — or, for a key written with its namespace, show as the bare key. So each
// route's declaration is held to what its code uses, read from the source.

const appDir = path.resolve(import.meta.dirname, "../../app");
const kioskChrome = ["kiosk-keyboard.tsx", "kiosk-idle.tsx", "kiosk-heartbeat.tsx"].map((name) => path.join(appDir, "ui", name));

function declaredOf(source: string): string[] {
  const handle = source.match(/export const handle\b[^=]*=\s*\{([^}]*)\}/)?.[1] ?? "";
  const list = handle.match(/i18n:\s*\[([^\]]*)\]/)?.[1] ?? "";
  return [...list.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
}

describe("translation namespaces", () => {
  it("are the files of each language", () => {
    expect([...namespaces].sort()).toEqual([...namespaceNames].sort());
    const arabic = fs.readdirSync(path.resolve(appDir, "../locales/ar")).map((name) => name.replace(/\.json$/, ""));
    expect([...namespaces].sort()).toEqual(arabic.sort());
  });

  it("the layout uses only the layout's namespaces, and the kiosk's screens only the kiosk's too", () => {
    expect([...namespacesReachedFrom(rootModule, kioskChrome).keys()].filter((name) => !layoutNamespaces.includes(name as never))).toEqual([]);
    for (const file of kioskChrome)
      expect(
        [...namespacesReachedFrom(file).keys()].filter((name) => ![...layoutNamespaces, ...kioskChromeNamespaces].includes(name as never)),
        file,
      ).toEqual([]);
  });

  for (const file of routeModules()) {
    const name = path.basename(file);
    const source = fs.readFileSync(file, "utf8");
    const isPage = /export default\b/.test(source);
    const isKiosk = name.startsWith("kiosk.") || /chrome: "kiosk"/.test(source);
    it(`${name} declares the namespaces its page uses${isPage ? "" : " (none: it has no page)"}`, () => {
      const sent: readonly string[] = [...layoutNamespaces, ...(isKiosk ? kioskChromeNamespaces : [])];
      const used = isPage ? [...namespacesReachedFrom(file, [rootModule]).keys()].filter((used) => !sent.includes(used)) : [];
      expect(declaredOf(source).sort()).toEqual(used.sort());
    });
  }
});

describe("the namespace reader", () => {
  it("finds namespaces through imports, in hooks and in prefixed keys, and skips server modules", () => {
    const found = namespacesReachedFrom(path.join(appDir, "routes", "_index.tsx"), [rootModule]);
    expect(found.get("home")).toContain("app/routes/_index.tsx");
    expect(found.get("common")).toContain("app/ui/fields.tsx");
    // The loader's catalogue search module names no namespace the page needs.
    expect([...found.values()].flat().some((file) => file.endsWith(".server.ts"))).toBe(false);
  });
});
