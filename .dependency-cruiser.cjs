// The walls between Nafitha's modules, checked by tests/unit/architecture.test.ts in `npm test`
// (and by hand with `npx depcruise app db scripts`). Paths are from the project's root.
// Type-only imports count: a wall a type crosses is crossed.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "agency-imports-another-agency",
      comment: "An agency's module speaks only for that agency: agencies meet over the exchange, never by importing each other.",
      severity: "error",
      from: { path: "^app/agencies/([^/]+)/" },
      to: { path: "^app/agencies/[^/]+/", pathNot: "^app/agencies/$1/" },
    },
    {
      name: "agency-reads-another-register",
      comment: "An agency's module reads only its own register (db/schema/registries/<agency>.ts), never the portal's tables or another agency's.",
      severity: "error",
      from: { path: "^app/agencies/([^/]+)/" },
      to: { path: "^db/schema/", pathNot: "^db/schema/registries/$1[.]ts$" },
    },
    {
      name: "agency-imports-the-portal",
      comment:
        "Agencies are outside the portal: of app/ they may import only the shared agency files (governorates, positions, premises), the exchange's contracts (with how a clerk reads an answer) and simulator, i18n, and the password hasher (PACI keeps card PINs hashed).",
      severity: "error",
      from: { path: "^app/agencies/[^/]+/" },
      to: {
        path: "^app/",
        pathNot: [
          "^app/agencies/[^/]+/",
          "^app/agencies/(addresses|governorates|positions|premises)[.]ts$",
          "^app/exchange/(contracts|answer-facts|simulator[.]server)[.]ts$",
          "^app/i18n/",
          "^app/auth/password[.]server[.]ts$",
        ],
      },
    },
    {
      name: "engine-imports-pages",
      comment: "The workflow engine does not know the pages that show its work: read-models live in app/applications and app/back-office.",
      severity: "error",
      from: { path: "^app/engine/" },
      to: { path: "^app/(administration|applications|applying|back-office|routes|kiosk|ui)/" },
    },
    {
      name: "app-imports-seed",
      comment: "The demo seed is for scripts and tests; the running portal never depends on it.",
      severity: "error",
      from: { path: "^app/", pathNot: "[.]test[.]tsx?$" },
      to: { path: "^db/seed/" },
    },
    {
      name: "module-imports-a-route",
      comment: "Routes are the outermost layer: nothing imports a route module.",
      severity: "error",
      from: { path: "^(app|db|scripts)/", pathNot: "^app/routes/" },
      to: { path: "^app/routes/" },
    },
    {
      name: "code-imports-tests",
      comment: "The portal and its scripts never depend on test support code (the benchmarks reuse the tests' fixtures).",
      severity: "error",
      from: { path: "^(app|db|scripts)/", pathNot: ["[.]test[.]tsx?$", "^scripts/bench-"] },
      to: { path: "^tests/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves (a moved module leaves no dangling import behind).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|public/build|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".cjs", ".mjs", ".d.ts"],
    },
  },
};
