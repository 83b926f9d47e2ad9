import { z } from "zod";
import { toWesternDigits } from "~/i18n/digits";
import { parseCivilId, type CivilIdProblem } from "./civil-id";

/** The messages of auth forms, as keys of locales/<lang>/auth.json → errors. */
export type AuthErrorKey =
  | "civilIdRequired"
  | "civilIdFormat"
  | "civilIdBirthDate"
  | "civilIdCheckDigit"
  | "passwordRequired"
  | "usernameRequired"
  | "invalidCredentials"
  | "invalidStaffCredentials"
  | "codeRequired"
  | "codeFormat"
  | "codeInvalid"
  | "accountDisabled"
  | "throttled"
  | "textCodeRequired"
  | "textCodeFormat"
  | "notInRegistry"
  | "noPhone"
  | "alreadyRegistered"
  | "noAccount"
  | "registryUnavailable"
  | "tooManyCodes"
  | "codeExpired"
  | "codeWrong"
  | "codeTooManyAttempts"
  | "passwordTooShort"
  | "passwordHasCivilId"
  | "passwordsDiffer";

const civilIdMessages: Record<CivilIdProblem, AuthErrorKey> = {
  required: "civilIdRequired",
  format: "civilIdFormat",
  "birth-date": "civilIdBirthDate",
  "check-digit": "civilIdCheckDigit",
};

const text = () => z.string().default("");

export const CivilIdField = text().transform((value, ctx) => {
  const result = parseCivilId(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: civilIdMessages[result.problem] });
    return z.NEVER;
  }
  return result.civilId;
});

export const CitizenSignInSchema = z.object({
  civilId: CivilIdField,
  password: text().pipe(z.string().min(1, "passwordRequired" satisfies AuthErrorKey)),
  redirectTo: z.string().optional(),
});

export const StaffSignInSchema = z.object({
  username: text().pipe(z.string().trim().min(1, "usernameRequired" satisfies AuthErrorKey)),
  password: text().pipe(z.string().min(1, "passwordRequired" satisfies AuthErrorKey)),
  redirectTo: z.string().optional(),
});

export const SecondFactorSchema = z.object({
  code: text()
    .transform((value) => toWesternDigits(value).replace(/\s/g, ""))
    .pipe(z.string().min(1, "codeRequired" satisfies AuthErrorKey).regex(/^\d{6}$/, "codeFormat" satisfies AuthErrorKey)),
  redirectTo: z.string().optional(),
});

export const StartVerificationSchema = z.object({ civilId: CivilIdField });

/** The code from the text message and the new password, typed twice. */
export const CompleteVerificationSchema = z
  .object({
    challengeId: z.string().uuid("codeExpired" satisfies AuthErrorKey),
    civilId: CivilIdField,
    code: text()
      .transform((value) => toWesternDigits(value).replace(/\s/g, ""))
      .pipe(z.string().min(1, "textCodeRequired" satisfies AuthErrorKey).regex(/^\d{6}$/, "textCodeFormat" satisfies AuthErrorKey)),
    password: text().pipe(z.string().min(10, "passwordTooShort" satisfies AuthErrorKey)),
    confirm: text(),
  })
  .superRefine((value, ctx) => {
    if (value.password.includes(value.civilId)) ctx.addIssue({ code: "custom", path: ["password"], message: "passwordHasCivilId" satisfies AuthErrorKey });
    if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "passwordsDiffer" satisfies AuthErrorKey });
  });
