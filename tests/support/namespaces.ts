import fs from "node:fs";
import path from "node:path";

// Which translation namespaces a page's code can ask for in the browser, read from the source: the
// route module and every module it imports that reaches the browser (not `*.server.ts`), through
// `useTranslation("ns")` and keys written with their namespace ("ns:key"). The browser is sent only
// the namespaces a route declares (`handle.i18n`); tests/unit/i18n-namespaces.test.ts holds each
// route's declaration to what this finds.

const root = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(root, "app");
const localesDir = path.join(root, "locales", "en");

export const namespaceNames = fs
  .readdirSync(localesDir)
  .filter((name) => name.endsWith(".json"))
  .map((name) => name.replace(/\.json$/, ""));

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/g;
const USE_TRANSLATION = /useTranslation\(\s*(\[[^\]]*\]|"[^"]*"|'[^']*')?/g;

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(appDir, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")])
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return null;
}

/** The namespaces one file names itself, with the browser-side files it imports. */
function scanFile(file: string): { namespaces: Set<string>; imports: string[] } {
  const source = fs.readFileSync(file, "utf8");
  const namespaces = new Set<string>();
  for (const match of source.matchAll(USE_TRANSLATION)) {
    const argument = match[1];
    if (!argument) namespaces.add("common");
    else for (const name of argument.matchAll(/["']([^"']+)["']/g)) namespaces.add(name[1]!);
  }
  const prefixed = new RegExp(`["'\`](${namespaceNames.join("|")}):[A-Za-z]`, "g");
  for (const match of source.matchAll(prefixed)) namespaces.add(match[1]!);
  const imports = [...source.matchAll(IMPORT)]
    .map((match) => resolveImport(file, match[1]!))
    .filter((resolved): resolved is string => resolved !== null && !/\.server\.tsx?$/.test(resolved) && !/\.test\.tsx?$/.test(resolved));
  return { namespaces, imports };
}

const scanned = new Map<string, ReturnType<typeof scanFile>>();

/** Every namespace the code reachable in the browser from `entry` names, and the files that name each. */
export function namespacesReachedFrom(entry: string, stopAt: readonly string[] = []): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>(stopAt);
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let result = scanned.get(file);
    if (!result) scanned.set(file, (result = scanFile(file)));
    for (const name of result.namespaces) found.set(name, [...(found.get(name) ?? []), path.relative(root, file)]);
    queue.push(...result.imports);
  }
  return found;
}

export const rootModule = path.join(appDir, "root.tsx");

export function routeModules(): string[] {
  const routesDir = path.join(appDir, "routes");
  return fs
    .readdirSync(routesDir)
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => path.join(routesDir, name));
}
