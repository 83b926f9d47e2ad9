import type { Channel } from "../../db/schema/common";

/** Who makes a transition, as the history records it. */
export interface Actor {
  accountId: string | null;
  role: "applicant" | "clerk" | "supervisor" | "admin" | "system" | "agency";
  agencyId?: string | null;
  position?: string | null;
  personId?: string | null;
  channel: Channel;
}

export const systemActor: Actor = { accountId: null, role: "system", channel: "system" };
