import type { StaffRole } from "../../db/schema/accounts";

export interface RoleGrant {
  role: StaffRole;
  agencyId: string | null;
  position: string | null;
}

export interface PersonSummary {
  id: string;
  civilId: string;
  nameAr: string;
  nameEn: string;
  preferredLanguage: "ar" | "en";
}

/** Who is asking. Every loader and action decides from this, through the guards, and nothing else. */
export type Viewer =
  | { kind: "anonymous"; hasEndedSession: boolean }
  | { kind: "second-factor"; sessionId: string; accountId: string; username: string; isEnrolled: boolean }
  | { kind: "citizen"; sessionId: string; accountId: string; person: PersonSummary; lastSignInAt: Date | null }
  | { kind: "staff"; sessionId: string; accountId: string; username: string; person: PersonSummary; roles: RoleGrant[] }
  | { kind: "kiosk"; sessionId: string; accountId: string; deviceCode: string };

export type SignedInViewer = Extract<Viewer, { kind: "citizen" | "staff" | "kiosk" }>;

export interface StaffNeed {
  role?: StaffRole;
  agencyId?: string;
}

/** Whether a staff viewer holds a role (optionally at an agency). Admins are not clerks by default. */
export function hasStaffRole(viewer: Viewer, need: StaffNeed = {}): boolean {
  if (viewer.kind !== "staff") return false;
  return viewer.roles.some(
    (grant) => (need.role === undefined || grant.role === need.role) && (need.agencyId === undefined || grant.agencyId === need.agencyId),
  );
}
