import type { StaffRole } from "../../db/schema/accounts";
import type { RoleGrant, Viewer } from "../auth/permissions";

// Who may manage whom. A portal administrator manages all staff; an agency administrator manages
// the staff of their agency, and grants only that agency's roles, never a portal administrator's.
// No one manages their own account: rights are never raised from within.

export type StaffScope = { kind: "portal" } | { kind: "agencies"; agencyIds: readonly string[] };

export function staffScopeOf(viewer: Viewer): StaffScope | null {
  if (viewer.kind !== "staff") return null;
  if (viewer.roles.some((grant) => grant.role === "admin")) return { kind: "portal" };
  const agencyIds = viewer.roles.flatMap((grant) => (grant.role === "agency-admin" && grant.agencyId ? [grant.agencyId] : []));
  return agencyIds.length > 0 ? { kind: "agencies", agencyIds: [...new Set(agencyIds)] } : null;
}

export const isInScope = (scope: StaffScope, agencyId: string | null) => scope.kind === "portal" || (agencyId !== null && scope.agencyIds.includes(agencyId));

/** The roles a scope may give: a portal administrator any, an agency administrator those of an agency. */
export function grantableRoles(scope: StaffScope): readonly StaffRole[] {
  return scope.kind === "portal" ? ["clerk", "supervisor", "agency-admin", "admin"] : ["clerk", "supervisor", "agency-admin"];
}

export type Grant = Pick<RoleGrant, "role" | "agencyId" | "position">;

/** Whether this scope may give (or take away) this role. */
export function mayGrant(scope: StaffScope, grant: Grant): boolean {
  if (!grantableRoles(scope).includes(grant.role)) return false;
  return grant.role === "admin" ? scope.kind === "portal" : isInScope(scope, grant.agencyId);
}

/**
 * Whether a viewer may manage a member of staff: never themselves; an agency administrator only
 * someone all of whose roles are within their agencies (so not a portal administrator, nor
 * someone who also works elsewhere).
 */
export function mayManage(scope: StaffScope, viewerAccountId: string, member: { accountId: string; roles: readonly Grant[] }): boolean {
  if (member.accountId === viewerAccountId) return false;
  if (scope.kind === "portal") return true;
  return member.roles.length > 0 && member.roles.every((grant) => mayGrant(scope, grant));
}
