// Checks every service definition in the catalogue (npm run catalogue:check): agencies,
// operations and roles exist, every step is reachable and can end, both languages are
// complete, and rules read only what the form asks. Exits 1 with the problems, each naming
// its service.
import { fileURLToPath } from "node:url";
import { operations } from "../app/agencies";
import { agencyPositions } from "../app/agencies/positions";
import { checkCatalogue, type CheckContext } from "../app/catalogue/check";
import { integratedServices } from "../app/catalogue/services";
import type { ServiceDefinition } from "../app/catalogue/types";
import { exchangeGrants } from "../app/exchange/grants";
import { demoAgencies } from "../db/seed/demo";

export const productionCheckContext: CheckContext = {
  agencies: new Set(demoAgencies.map((agency) => agency.id)),
  positions: agencyPositions,
  operations,
  grants: exchangeGrants,
};

export function runCatalogueCheck(services: readonly ServiceDefinition[], context: CheckContext): { exitCode: number; report: string } {
  const problems = checkCatalogue(services, context);
  if (problems.length === 0) return { exitCode: 0, report: `Catalogue check passed: ${services.length} service definition(s), no problems.` };
  return { exitCode: 1, report: `Catalogue check failed: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join("\n")}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { exitCode, report } = runCatalogueCheck(integratedServices, productionCheckContext);
  (exitCode === 0 ? console.log : console.error)(report);
  process.exit(exitCode);
}
