import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { getPageI18n } from "../i18n/page.server";
import type { OneTimeCodePurpose } from "../../db/schema";
import { CompleteVerificationSchema, StartVerificationSchema, type AuthErrorKey } from "../auth/forms";
import { getSessionCookie, getViewer } from "../auth/guards.server";
import { requestMeta } from "../auth/request-meta.server";
import { getLanguage } from "../i18n/language.server";
import { getRuntime, jobDepsOf } from "../runtime.server";
import { parseForm, type FieldErrors } from "../ui/form";
import { completeVerification, startVerification, type CompleteFailure, type StartFailure } from "./verification.server";
import { readForm } from "../http/form.server";

// The one action behind /register and /reset-password: first the civil ID (a code is texted to
// the phone PACI holds), then the code and the new password. The state between the two is in
// the form itself (the challenge id), so the pages work without JavaScript.

const startErrors: Record<StartFailure, AuthErrorKey> = {
  "not-in-registry": "notInRegistry",
  "no-phone": "noPhone",
  "registry-unavailable": "registryUnavailable",
  "too-many-codes": "tooManyCodes",
};
const completeErrors: Record<CompleteFailure, AuthErrorKey> = {
  expired: "codeExpired",
  "wrong-code": "codeWrong",
  "too-many-attempts": "codeTooManyAttempts",
  "already-registered": "alreadyRegistered",
  "no-account": "noAccount",
};

/** The page's title, and whether the demo phone is there to read the code; signed-in citizens go to their dashboard. */
export async function verificationLoader(request: Request, purpose: OneTimeCodePurpose) {
  if ((await getViewer(request)).kind === "citizen") throw redirect("/dashboard");
  const { t } = await getPageI18n(request);
  const title = purpose === "register" ? t("auth:register.title") : t("auth:reset.title");
  return json({ title: `${title} — ${t("brand.name")}`, hasDemoPhone: Boolean(getRuntime().env.DEMO_DATA) });
}

export type VerificationActionData =
  | { stage: "start"; errors: FieldErrors; values: { civilId: string } }
  | { stage: "code"; challengeId: string; civilId: string; maskedPhone: string; errors: FieldErrors | null };

export async function verificationAction(request: Request, context: AppLoadContext, purpose: OneTimeCodePurpose) {
  const form = await readForm(request);
  const runtime = getRuntime();
  const deps = { exchange: jobDepsOf(runtime).exchange, sealKey: runtime.secrets.sealKey };
  const meta = requestMeta(request, context as { requestId?: string; ip?: string });
  const language = await getLanguage(request, await getViewer(request));

  if (form.get("intent") === "complete") {
    const echo = {
      challengeId: String(form.get("challengeId") ?? ""),
      civilId: String(form.get("civilId") ?? ""),
      maskedPhone: String(form.get("maskedPhone") ?? "").slice(0, 20),
    };
    const parsed = parseForm(CompleteVerificationSchema, form);
    if (!parsed.ok) return json<VerificationActionData>({ stage: "code", ...echo, errors: parsed.errors }, { status: 400 });
    const result = await completeVerification(
      runtime.database.db,
      deps,
      { challengeId: parsed.data.challengeId, code: parsed.data.code, password: parsed.data.password, purpose, language },
      meta,
      runtime.env.SESSION_IDLE_MINUTES_CITIZEN * 60,
    );
    if (!result.ok) {
      const error = { key: completeErrors[result.reason], ...(result.attemptsLeft !== undefined ? { count: result.attemptsLeft } : {}) };
      return json<VerificationActionData>({ stage: "code", ...echo, errors: { code: error } }, { status: 400 });
    }
    return redirect("/dashboard", { headers: { "Set-Cookie": await getSessionCookie().serialize(result.token) } });
  }

  const values = { civilId: String(form.get("civilId") ?? "") };
  const parsed = parseForm(StartVerificationSchema, form);
  if (!parsed.ok) return json<VerificationActionData>({ stage: "start", errors: parsed.errors, values }, { status: 400 });
  const result = await startVerification(runtime.database.db, deps, { civilId: parsed.data.civilId, purpose, language }, meta);
  if (!result.ok)
    return json<VerificationActionData>(
      { stage: "start", errors: { civilId: { key: startErrors[result.reason] } }, values },
      { status: result.reason === "too-many-codes" ? 429 : 400 },
    );
  return json<VerificationActionData>({
    stage: "code",
    challengeId: result.challengeId,
    civilId: parsed.data.civilId,
    maskedPhone: result.maskedPhone,
    errors: null,
  });
}
