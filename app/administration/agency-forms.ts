import { z } from "zod";
import { kuwaitMoment } from "../i18n/dates";
import { isHttpsAddress } from "./forms";

// The forms of an agency's administration page, field by field; each problem is a key under
// `staff:agencies.problems.<field>`.

const optionalHttps = z
  .string()
  .trim()
  .max(300, "invalid")
  .refine((value) => value === "" || isHttpsAddress(value), "invalid")
  .transform((value) => (value ? value.replace(/\/$/, "") : null));

export const detailsFields = ["nameAr", "nameEn", "websiteUrl"] as const;
export const DetailsSchema = z.object({
  nameAr: z
    .string()
    .trim()
    .min(2, "invalid")
    .max(120, "invalid")
    .regex(/[\u0600-\u06FF]/, "invalid"),
  nameEn: z.string().trim().min(2, "invalid").max(120, "invalid"),
  websiteUrl: optionalHttps,
});

export const newAgencyFields = ["id", ...detailsFields] as const;
export const NewAgencySchema = DetailsSchema.extend({
  id: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,30}$/, "invalid"),
});

export const linkFields = ["baseUrl"] as const;
export const LinkSchema = z.object({ baseUrl: optionalHttps });

export const maintenanceFields = ["until"] as const;
export const MaintenanceSchema = (now: Date) =>
  z.object({
    until: z
      .string()
      .trim()
      .transform((value, context) => {
        if (value === "") return null;
        const moment = kuwaitMoment(value);
        if (!moment) context.addIssue({ code: "custom", message: "invalid" });
        else if (moment <= now) context.addIssue({ code: "custom", message: "past" });
        return moment;
      }),
  });

export const keyFields = ["keyId", "publicKey", "overlapDays"] as const;
export const KeySchema = z.object({
  keyId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{3,64}$/, "invalid"),
  publicKey: z.string().trim().min(1, "missing").max(4_000, "invalid"),
  overlapDays: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, "invalid")
    .transform(Number)
    .refine((days) => days <= 90, "invalid"),
});

export const contactFields = ["name", "responsibility", "email", "phone"] as const;
export const ContactSchema = z
  .object({
    name: z.string().trim().min(2, "invalid").max(120, "invalid"),
    responsibility: z.string().trim().min(2, "invalid").max(200, "invalid"),
    email: z
      .string()
      .trim()
      .max(200, "invalid")
      .refine((value) => value === "" || z.email().safeParse(value).success, "invalid")
      .transform((value) => value || null),
    phone: z
      .string()
      .trim()
      .refine((value) => value === "" || /^\+?[0-9][0-9 ]{6,19}$/.test(value), "invalid")
      .transform((value) => value.replace(/\s+/g, "") || null),
  })
  .refine((contact) => contact.email !== null || contact.phone !== null, "email.unreachable");

/** Every problem the forms can name, by field: each has its words in `staff:agencies.problems`. */
const problemsByField = {
  id: ["invalid", "taken"],
  nameAr: ["invalid"],
  nameEn: ["invalid"],
  websiteUrl: ["invalid"],
  baseUrl: ["invalid"],
  until: ["invalid", "past"],
  keyId: ["invalid", "key-id-taken"],
  publicKey: ["missing", "invalid", "not-a-key", "not-ed25519", "private-key", "key-known"],
  overlapDays: ["invalid"],
  name: ["invalid"],
  responsibility: ["invalid"],
  email: ["invalid", "unreachable"],
  phone: ["invalid"],
} as const;

type ProblemField = keyof typeof problemsByField;
export type AgencyProblem = { [F in ProblemField]: `${F}.${(typeof problemsByField)[F][number]}` }[ProblemField];
export type AgencyProblems = Partial<Record<ProblemField, AgencyProblem>>;

/** The forms' problems as the page names them; a field's unknown problem is said as "invalid". */
export function agencyProblems(problems: Partial<Record<string, string>>): AgencyProblems {
  const named: AgencyProblems = {};
  for (const [field, problem] of Object.entries(problems)) {
    if (!(field in problemsByField) || !problem) continue;
    const known: readonly string[] = problemsByField[field as ProblemField];
    named[field as ProblemField] = `${field}.${known.includes(problem) ? problem : "invalid"}` as AgencyProblem;
  }
  return named;
}
