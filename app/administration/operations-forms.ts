import { z } from "zod";
import { statusImpacts, statusNoticeKinds } from "../../db/schema/operations";
import { kuwaitMoment } from "../i18n/dates";
import { isComponentId } from "../ops/status.server";
import type { Problems } from "./forms";

// The operations page's forms, field by field; each problem is a key under
// `staff:operations.problems.<problem>`.

const arabicText = (max: number) =>
  z
    .string()
    .trim()
    .min(3, "missing")
    .max(max, "tooLong")
    .regex(/[\u0600-\u06FF]/, "notArabic");
const englishText = (max: number) => z.string().trim().min(3, "missing").max(max, "tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "tooLong");

const moment = (optional: boolean) =>
  z
    .string()
    .trim()
    .transform((value, context) => {
      if (value === "") {
        if (!optional) context.addIssue({ code: "custom", message: "missing" });
        return null;
      }
      const read = kuwaitMoment(value);
      if (!read) context.addIssue({ code: "custom", message: "invalidMoment" });
      return read;
    });

export const modeFields = ["reasonAr", "reasonEn"] as const;
export const ModeSchema = z.object({ reasonAr: optionalText(300), reasonEn: optionalText(300) });

export const noticeFields = ["kind", "impact", "components", "titleAr", "titleEn", "startsAt", "plannedEndAt", "bodyAr", "bodyEn"] as const;
export type NoticeField = (typeof noticeFields)[number];
export const NoticeSchema = z
  .object({
    kind: z.enum(statusNoticeKinds, { message: "missing" }),
    impact: z.enum(statusImpacts, { message: "missing" }),
    // The checkboxes, joined with commas by the page's action.
    components: z
      .string()
      .transform((value) => value.split(",").filter(Boolean))
      .refine((list) => list.length > 0, "noComponent")
      .refine((list) => list.every(isComponentId), "noComponent"),
    titleAr: arabicText(160),
    titleEn: englishText(160),
    startsAt: moment(true),
    plannedEndAt: moment(true),
    bodyAr: arabicText(2_000),
    bodyEn: englishText(2_000),
  })
  .superRefine((notice, context) => {
    // Maintenance makes what it names unavailable; an incident degrades it or takes it down.
    if ((notice.kind === "maintenance") !== (notice.impact === "maintenance")) context.addIssue({ code: "custom", path: ["impact"], message: "impactOfKind" });
    if (notice.kind === "incident" && notice.plannedEndAt) context.addIssue({ code: "custom", path: ["plannedEndAt"], message: "incidentHasNoPlan" });
    if (notice.kind === "maintenance" && !notice.startsAt) context.addIssue({ code: "custom", path: ["startsAt"], message: "missing" });
    if (notice.startsAt && notice.plannedEndAt && notice.plannedEndAt <= notice.startsAt)
      context.addIssue({ code: "custom", path: ["plannedEndAt"], message: "endBeforeStart" });
  });

export const updateFields = ["bodyAr", "bodyEn"] as const;
export const UpdateSchema = z.object({ bodyAr: arabicText(2_000), bodyEn: englishText(2_000) });

export type OperationsProblems = Problems<NoticeField | (typeof modeFields)[number]>;
