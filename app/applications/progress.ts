import type { ApplicationStatus } from "../../db/schema";

// What an application page sums up of where the application is, to tell when it moved.

export interface ProgressView {
  status: ApplicationStatus;
  openSteps: { id: string | number; wait: { kind: string } | null }[];
  timeline: { id: string | number; what: string }[];
}

/** Changes when the application moves: its status, its open steps and why they wait, a new entry in its history. */
export const progressSignature = (view: ProgressView) =>
  [view.status, ...view.openSteps.map((step) => `${step.id}:${step.wait?.kind ?? ""}`), view.timeline.at(-1)?.id ?? ""].join("|");

/** Whether anything can still move without the applicant: the application is with the portal or an agency. */
export const isInMotion = (view: Pick<ProgressView, "status">) => view.status === "in-progress" || view.status === "action-needed";

/** The newest entry of the history, for what the page announces when the application moves. */
export const latestEvent = (view: ProgressView) => view.timeline.at(-1)?.what ?? null;
