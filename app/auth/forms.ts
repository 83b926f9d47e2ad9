import { z } from "zod";
import { digitsOfCode } from "~/i18n/typed-codes";
import { normalisePhone } from "~/catalogue/form-schema";
import { parseCivilId, type CivilIdProblem } from "./civil-id";

/** The messages of auth forms, as keys of locales/<lang>/auth.json → errors. */
export type AuthErrorKey =
  | "civilIdRequired"
  | "civilIdFormat"
  | "civilIdBirthDate"
  | "civilIdCheckDigit"
  | "passwordRequired"
  | "usernameRequired"
  | "usernameTooLong"
  | "passwordTooLong"
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
  | "passwordsDiffer"
  | "emailFormat"
  | "phoneFormat"
  | "currentPasswordRequired"
  | "wrongCurrentPassword";

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

/** No password is longer: a longer one is refused before it reaches argon2 (which would hash a megabyte). */
export const MAX_PASSWORD_LENGTH = 200;
const MAX_USERNAME_LENGTH = 100;
const password = () =>
  text().pipe(
    z
      .string()
      .min(1, "passwordRequired" satisfies AuthErrorKey)
      .max(MAX_PASSWORD_LENGTH, "passwordTooLong" satisfies AuthErrorKey),
  );
/** Where to go next: checked by safeRedirectPath when used; here only kept to a sane length. */
const redirectTarget = () => z.string().max(2048).optional().catch(undefined);

export const CitizenSignInSchema = z.object({
  civilId: CivilIdField,
  password: password(),
  redirectTo: redirectTarget(),
});

export const StaffSignInSchema = z.object({
  username: text().pipe(
    z
      .string()
      .trim()
      .min(1, "usernameRequired" satisfies AuthErrorKey)
      .max(MAX_USERNAME_LENGTH, "usernameTooLong" satisfies AuthErrorKey),
  ),
  password: password(),
  redirectTo: redirectTarget(),
});

export const SecondFactorSchema = z.object({
  code: text()
    .transform(digitsOfCode)
    .pipe(
      z
        .string()
        .min(1, "codeRequired" satisfies AuthErrorKey)
        .regex(/^\d{6}$/, "codeFormat" satisfies AuthErrorKey),
    ),
  redirectTo: redirectTarget(),
});

export const StartVerificationSchema = z.object({ civilId: CivilIdField });

/** A new password, typed twice: 10 characters or more, and not the civil ID. */
const newPassword = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z
    .object({
      ...shape,
      password: text().pipe(
        z
          .string()
          .min(10, "passwordTooShort" satisfies AuthErrorKey)
          .max(MAX_PASSWORD_LENGTH, "passwordTooLong" satisfies AuthErrorKey),
      ),
      confirm: text(),
    })
    .superRefine((value, ctx) => {
      const { password, confirm, civilId } = value as { password: string; confirm: string; civilId?: string };
      if (civilId && password.includes(civilId)) ctx.addIssue({ code: "custom", path: ["password"], message: "passwordHasCivilId" satisfies AuthErrorKey });
      if (password !== confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "passwordsDiffer" satisfies AuthErrorKey });
    });

export const ChangePasswordSchema = newPassword({
  civilId: text(),
  current: text().pipe(
    z
      .string()
      .min(1, "currentPasswordRequired" satisfies AuthErrorKey)
      .max(MAX_PASSWORD_LENGTH, "wrongCurrentPassword" satisfies AuthErrorKey),
  ),
});

export const ContactSchema = z.object({
  email: text()
    .transform((value) => value.trim())
    .pipe(z.union([z.literal(""), z.email("emailFormat" satisfies AuthErrorKey)]))
    .transform((value) => value || null),
  phone: text().transform((value, ctx) => {
    if (!value.trim()) return null;
    const phone = normalisePhone(value);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "phoneFormat" satisfies AuthErrorKey });
      return z.NEVER;
    }
    return phone;
  }),
});

/** The code from the text message and the new password, typed twice. */
export const CompleteVerificationSchema = newPassword({
  challengeId: z.string().uuid("codeExpired" satisfies AuthErrorKey),
  civilId: CivilIdField,
  code: text()
    .transform(digitsOfCode)
    .pipe(
      z
        .string()
        .min(1, "textCodeRequired" satisfies AuthErrorKey)
        .regex(/^\d{6}$/, "textCodeFormat" satisfies AuthErrorKey),
    ),
});
