import type { Viewer } from "../auth/permissions";
import type { Language } from "../i18n/config";
import { formatDateTime } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { getDb } from "../runtime.server";
import { listOpenSessions } from "./profile.server";
import { getPersonDetails } from "./queries.server";

// The citizen's profile page: who they are, how to reach them, their language, and the devices
// signed in to their account, with what they just saved.

/** What the profile page can say it saved, after the form that saved it. */
export const SAVED = ["contact", "language", "password", "sessions"] as const;
export type Saved = (typeof SAVED)[number];

export async function profilePage(input: {
  viewer: Extract<Viewer, { kind: "citizen" }>;
  lang: Language;
  t: ReturnType<typeof getFixedT>;
  saved: Saved | null;
  /** How many other sessions were just signed out. */
  endedCount: number;
}) {
  const { viewer, lang, t } = input;
  const db = getDb();
  const [details, open] = await Promise.all([getPersonDetails(db, viewer.person.id), listOpenSessions(db, viewer.accountId)]);
  return {
    title: t("profile:meta.title"),
    person: {
      civilId: details!.civilId,
      name: displayName(viewer.person, lang),
      nationality: details!.nationality,
      email: details!.email,
      phone: details!.phone,
      language: details!.preferredLanguage,
    },
    saved: input.saved,
    endedCount: input.endedCount,
    sessions: open.map((session) => ({
      id: session.id,
      isThis: session.id === viewer.sessionId,
      channel: session.channel,
      started: formatDateTime(session.createdAt, lang),
      lastSeen: formatDateTime(session.lastSeenAt, lang),
      device: describeDevice(session.userAgent),
    })),
  };
}

/** A person recognises a browser and a system, not a user-agent string. */
function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Chrome\//.test(userAgent)
      ? "Chrome"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return [browser, system].filter(Boolean).join(" · ") || null;
}
