import { z } from "zod";
import type { StaffRole } from "../../db/schema/accounts";
import { agencyPositions } from "../agencies/positions";
import { CivilIdField } from "../auth/forms";
import type { Language } from "../i18n/config";
import { grantableRoles, isInScope, type Grant, type StaffScope } from "./staff-scope";

// The staff administration's forms. A role is chosen in one field whose value names the role,
// the agency and (for a clerk) the position: "clerk|kcb|loan-officer", "supervisor|kcb|", "admin||".

export const grantValue = (grant: Grant) => `${grant.role}|${grant.agencyId ?? ""}|${grant.position ?? ""}`;

export function parseGrantValue(value: string): Grant | null {
  const [role, agencyId, position] = value.split("|");
  if (!role || !(["clerk", "supervisor", "admin", "agency-admin"] as string[]).includes(role) || agencyId === undefined || position === undefined) return null;
  return { role: role as StaffRole, agencyId: agencyId || null, position: position || null };
}

/** Every role this scope may give, as the role field offers them, labelled in the reader's language. */
export function grantOptions(
  scope: StaffScope,
  agencies: { id: string; name: string }[],
  lang: Language,
  label: (grant: Grant & { agencyName: string | null; positionName: string | null }) => string,
) {
  const roles = grantableRoles(scope);
  const options: { value: string; label: string }[] = [];
  for (const agency of agencies.filter((candidate) => isInScope(scope, candidate.id))) {
    for (const [position, name] of Object.entries(agencyPositions[agency.id] ?? {})) {
      const grant: Grant = { role: "clerk", agencyId: agency.id, position };
      options.push({ value: grantValue(grant), label: label({ ...grant, agencyName: agency.name, positionName: name[lang] }) });
    }
    for (const role of ["supervisor", "agency-admin"] as const) {
      const grant: Grant = { role, agencyId: agency.id, position: null };
      if (roles.includes(role)) options.push({ value: grantValue(grant), label: label({ ...grant, agencyName: agency.name, positionName: null }) });
    }
  }
  if (roles.includes("admin"))
    options.push({ value: "admin||", label: label({ role: "admin", agencyId: null, position: null, agencyName: null, positionName: null }) });
  return options;
}

const GrantField = z.string().transform((value, context) => {
  const grant = parseGrantValue(value);
  if (!grant) context.addIssue({ code: "custom", message: "required" });
  return grant!;
});

export const inviteFields = ["civilId", "grant"] as const;
export const InviteSchema = z.object({ civilId: CivilIdField, grant: GrantField });

export const roleFields = ["grant"] as const;
export const RoleSchema = z.object({ grant: GrantField });

export const acceptFields = ["civilId", "username", "password", "confirm"] as const;
export const AcceptSchema = z
  .object({
    civilId: CivilIdField,
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9._-]{2,39}$/, "usernameFormat"),
    password: z.string().min(10, "passwordTooShort").max(200, "passwordTooLong"),
    confirm: z.string(),
  })
  .superRefine((value, context) => {
    if (value.password.includes(value.civilId)) context.addIssue({ code: "custom", path: ["password"], message: "passwordHasCivilId" });
    if (value.password !== value.confirm) context.addIssue({ code: "custom", path: ["confirm"], message: "passwordsDiffer" });
  });

/** Every problem the staff forms can name: each has its words in `staff:members.problems`. */
export const memberProblems = [
  "civilIdRequired",
  "civilIdFormat",
  "civilIdBirthDate",
  "civilIdCheckDigit",
  "required",
  "not-granted",
  "bad-grant",
  "not-in-registry",
  "registry-unavailable",
  "has-account",
  "has-role",
  "last-role",
  "not-yours",
  "no-change",
  "usernameFormat",
  "username-taken",
  "passwordTooShort",
  "passwordTooLong",
  "passwordHasCivilId",
  "passwordsDiffer",
  "civil-id-differs",
  "gone",
] as const;
export type MemberProblem = (typeof memberProblems)[number];

/** The problems of a form by field, each one the page has words for (an unknown one reads as "required"). */
export function memberProblemsOf<F extends string>(problems: Partial<Record<F, string>>): Partial<Record<F, MemberProblem>> {
  const known = memberProblems as readonly string[];
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, known.includes(problem as string) ? problem : "required"])) as Partial<
    Record<F, MemberProblem>
  >;
}
