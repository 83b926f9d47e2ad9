import { requireStaff } from "../auth/guards.server";
import { staffScopeOf } from "./staff-scope";

/** A portal administrator or an agency administrator, with what they may manage; anyone else 403. */
export async function requireStaffAdministrator(request: Request) {
  const viewer = await requireStaff(request);
  const scope = staffScopeOf(viewer);
  if (!scope) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return { viewer, scope };
}
