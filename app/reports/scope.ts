import type { RoleGrant } from "../auth/permissions";
import type { ServiceDefinition } from "../catalogue/types";

// Whose figures a reader may see: a portal administrator every service's; a supervisor the
// services their agency runs, and nothing of another agency's; anyone else none (refused before).

/** A report's services, each with the agency that runs it (for the agency's totals). */
export interface ReportScope {
  services: readonly { id: string; agency: string }[];
}

export function reportScopeOf(roles: readonly RoleGrant[], services: readonly Pick<ServiceDefinition, "id" | "agency">[]): ReportScope | null {
  if (roles.some((grant) => grant.role === "admin")) return { services: services.map(({ id, agency }) => ({ id, agency })) };
  const supervised = new Set(roles.filter((grant) => grant.role === "supervisor" && grant.agencyId).map((grant) => grant.agencyId!));
  if (supervised.size === 0) return null;
  return { services: services.filter((service) => supervised.has(service.agency)).map(({ id, agency }) => ({ id, agency })) };
}
