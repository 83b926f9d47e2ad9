import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { accountRoles } from "../../db/schema";
import { getDb, getRuntime } from "../runtime.server";
import { hasStaffRole, type StaffNeed, type Viewer } from "./permissions";
import { lookupSession, sessionCookie } from "./session.server";
import { isLivePoll } from "../ui/live-poll";
import { TIMED_OUT, withTimeout } from "../ops/timeout";

const viewers = new WeakMap<Request, Promise<Viewer>>();

export function getSessionCookie() {
  return sessionCookie(getRuntime().env.NODE_ENV === "production");
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await getSessionCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" ? value : null;
}

/**
 * The pages served while the database is slow (the status page): who is signed in is given up on
 * after this, and the page is shown as to a visitor rather than held up.
 */
export const SERVED_WHEN_SLOW = new Set(["/status"]);
export const VIEWER_WAIT_WHEN_SLOW_MS = 1_500;

export const isServedWhenSlow = (request: Request) => SERVED_WHEN_SLOW.has(new URL(request.url).pathname);

/** The viewer of this request, read once per request whichever loaders ask. */
export function getViewer(request: Request): Promise<Viewer> {
  let viewer = viewers.get(request);
  if (!viewer) {
    viewer = isServedWhenSlow(request)
      ? withTimeout(loadViewer(request), VIEWER_WAIT_WHEN_SLOW_MS).then((found): Viewer =>
          found === TIMED_OUT ? { kind: "anonymous", hasEndedSession: false } : found,
        )
      : loadViewer(request);
    viewers.set(request, viewer);
  }
  return viewer;
}

async function loadViewer(request: Request): Promise<Viewer> {
  const db = getDb();
  const found = await lookupSession(db, await readSessionToken(request), { isActivity: !isLivePoll(request) });
  if (found.status !== "live") return { kind: "anonymous", hasEndedSession: found.status === "ended" };
  const { session, account, person } = found;
  if (session.stage === "second-factor") {
    return account.kind === "staff"
      ? { kind: "second-factor", sessionId: session.id, accountId: account.id, username: account.username!, isEnrolled: account.totpEnrolledAt !== null }
      : { kind: "anonymous", hasEndedSession: true };
  }
  switch (account.kind) {
    case "citizen":
      return { kind: "citizen", sessionId: session.id, accountId: account.id, person: person!, lastSignInAt: account.lastSignInAt };
    case "staff": {
      const roles = await db
        .select({ role: accountRoles.role, agencyId: accountRoles.agencyId, position: accountRoles.position })
        .from(accountRoles)
        .where(eq(accountRoles.accountId, account.id));
      return { kind: "staff", sessionId: session.id, accountId: account.id, username: account.username!, person: person!, roles };
    }
    case "kiosk":
      return { kind: "kiosk", sessionId: session.id, accountId: account.id, deviceCode: account.username! };
  }
}

function signInRedirect(request: Request, path: string, viewer: Viewer): never {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  if (viewer.kind === "anonymous" && viewer.hasEndedSession) params.set("notice", "session-ended");
  throw redirect(`${path}?${params.toString()}`);
}

const forbidden = () => new Response("Forbidden", { status: 403, statusText: "Forbidden" });

/** A citizen or resident signed in on the web. Anyone else: sign in, or 403. */
export async function requireCitizen(request: Request) {
  const viewer = await getViewer(request);
  if (viewer.kind === "citizen") return viewer;
  if (viewer.kind === "anonymous" || viewer.kind === "second-factor") signInRedirect(request, "/sign-in", viewer);
  throw forbidden();
}

/** A member of staff with both factors, holding the role asked for (if any). */
export async function requireStaff(request: Request, need: StaffNeed = {}) {
  const viewer = await getViewer(request);
  if (viewer.kind === "staff") {
    if (hasStaffRole(viewer, need)) return viewer;
    throw forbidden();
  }
  if (viewer.kind === "anonymous" || viewer.kind === "second-factor") signInRedirect(request, "/staff/sign-in", viewer);
  throw forbidden();
}

/** Staff who passed the password step and owe the second factor. */
export async function requirePendingSecondFactor(request: Request) {
  const viewer = await getViewer(request);
  if (viewer.kind === "second-factor") return viewer;
  throw redirect(viewer.kind === "staff" ? "/staff" : "/staff/sign-in?notice=second-factor-expired");
}
