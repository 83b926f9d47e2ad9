import { requireStaff } from "../auth/guards.server";
import { integratedServices } from "../catalogue/services";
import { reportScopeOf } from "./scope";

/** A portal administrator or a supervisor, with the services whose figures they may see; anyone else 403. */
export async function requireReportReader(request: Request) {
  const viewer = await requireStaff(request);
  const scope = reportScopeOf(viewer.roles, integratedServices);
  if (!scope) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  const isAdmin = viewer.roles.some((grant) => grant.role === "admin");
  return { viewer, scope, isAdmin };
}
