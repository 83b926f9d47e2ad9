/** How an open step stands against its deadline, as inboxes filter and show it. */
export const latenesses = ["late", "due-soon", "on-time"] as const;
export type Lateness = (typeof latenesses)[number];

/** Due within this many hours: "due soon". */
export const DUE_SOON_HOURS = 24;

export function latenessOf(deadlineAt: Date | null, now: Date): Lateness {
  if (!deadlineAt || deadlineAt.getTime() >= now.getTime() + DUE_SOON_HOURS * 3600_000) return "on-time";
  return deadlineAt < now ? "late" : "due-soon";
}
