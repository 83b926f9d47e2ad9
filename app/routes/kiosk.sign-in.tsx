import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { parseCivilId } from "~/auth/civil-id";
import { getPageI18n } from "~/i18n/page.server";
import { demoCards, kioskPersonCookie, requireKioskDevice } from "~/kiosk/device.server";
import { recordCard, signInWithPin } from "~/kiosk/sessions.server";
import { getDb, getRuntime, jobDepsOf } from "~/runtime.server";
import { readForm } from "~/http/form.server";
import { invariantResponse } from "~/http/invariant";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { isOpenWhenReadOnly: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Card and PIN: waits for the card (from the reader's bridge, or the demo's simulated reader), then the PIN on a keypad. */
export async function loader({ request }: LoaderFunctionArgs) {
  const kiosk = await requireKioskDevice(request);
  const { lang, t } = await getPageI18n(request);
  return json({
    title: t("kiosk:signIn.meta"),
    hasCard: kiosk.cardCivilId !== null,
    demoCards: demoCards(lang),
  });
}

type Refusal = { reason: "no-card" | "unknown-card" | "locked" | "wrong-pin" | "registry-unavailable" | "pin-format"; triesLeft?: number; minutes?: number };

export async function action({ request }: ActionFunctionArgs) {
  const kiosk = await requireKioskDevice(request);
  const db = getDb();
  const form = await readForm(request);
  const intent = form.get("intent");
  const isDemo = Boolean(getRuntime().env.DEMO_DATA);
  if (intent === "insert" || intent === "remove") {
    // The simulated reader of the embedded demo; a real kiosk's bridge posts to /kiosk/card.
    invariantResponse(isDemo, "Not Found", { status: 404 });
    const civilId = parseCivilId(String(form.get("civilId") ?? ""));
    await recordCard(db, kiosk.id, intent === "insert" && civilId.ok ? { kind: "inserted", civilId: civilId.civilId } : { kind: "removed" });
    return redirect("/kiosk/sign-in");
  }
  const pin = String(form.get("pin") ?? "");
  if (!/^\d{4,8}$/.test(pin)) return json<Refusal>({ reason: "pin-format" }, { status: 400 });
  const result = await signInWithPin(db, jobDepsOf(getRuntime()).exchange, kiosk, pin);
  if (!result.ok) return json<Refusal>(result, { status: result.reason === "registry-unavailable" ? 503 : 400 });
  return redirect("/kiosk/home", { headers: { "Set-Cookie": await kioskPersonCookie().serialize(result.token) } });
}

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"] as const;

export default function KioskSignIn() {
  const { hasCard, demoCards } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const { t } = useTranslation("kiosk");
  const [pin, setPin] = useState("");
  // Waiting for the card: ask again every two seconds whether the reader has one.
  useEffect(() => {
    if (hasCard) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [hasCard, revalidator]);
  useEffect(() => setPin(""), [refused]);
  const message = refused
    ? refused.reason === "wrong-pin"
      ? t("signIn.wrongPin", { count: refused.triesLeft ?? 0 })
      : refused.reason === "locked"
        ? t("signIn.locked", { count: refused.minutes ?? 15 })
        : t(`signIn.refused.${refused.reason}`)
    : null;
  return (
    <div className="kiosk-screen">
      {hasCard ? (
        <>
          <h1>{t("signIn.pinTitle")}</h1>
          {message ? (
            <p className="kiosk-error" role="alert" id="pin-error">
              {message}
            </p>
          ) : null}
          <Form method="post" className="kiosk-pin">
            <label htmlFor="pin" className="field__label">
              {t("signIn.pin")}
            </label>
            <input
              id="pin"
              name="pin"
              type="password"
              inputMode="none"
              readOnly
              value={pin}
              className="kiosk-pin__display"
              aria-describedby={message ? "pin-error" : undefined}
              dir="ltr"
            />
            <div className="kiosk-keypad" role="group" aria-label={t("signIn.keypad")} dir="ltr">
              {KEYS.map((key) => (
                <button
                  key={key}
                  type="button"
                  className="kiosk-key"
                  aria-label={key === "clear" ? t("signIn.clear") : key === "back" ? t("signIn.back") : key}
                  onClick={() =>
                    setPin((current) => (key === "clear" ? "" : key === "back" ? current.slice(0, -1) : current.length < 8 ? current + key : current))
                  }
                >
                  {key === "clear" ? t("signIn.clearShort") : key === "back" ? "⌫" : key}
                </button>
              ))}
            </div>
            <button type="submit" className="kiosk-button" disabled={pin.length < 4 || navigation.state === "submitting"}>
              {t("signIn.submit")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <h1>{t("signIn.cardTitle")}</h1>
          <p className="lead">{t("signIn.cardLead")}</p>
        </>
      )}
      <Link to="/kiosk" className="kiosk-button kiosk-button--secondary">
        {t("signIn.cancel")}
      </Link>
      {demoCards ? (
        <section className="kiosk-simulator" aria-labelledby="simulator">
          <h2 id="simulator">{t("signIn.simulator")}</h2>
          <p>{t("signIn.simulatorLead")}</p>
          {hasCard ? (
            <Form method="post">
              <button type="submit" name="intent" value="remove" className="kiosk-button kiosk-button--secondary">
                {t("signIn.removeCard")}
              </button>
            </Form>
          ) : (
            demoCards.map((card) => (
              <Form key={card.civilId} method="post">
                <input type="hidden" name="civilId" value={card.civilId} />
                <button type="submit" name="intent" value="insert" className="kiosk-button kiosk-button--secondary">
                  {t("signIn.insertCard", { name: card.name })}
                </button>
              </Form>
            ))
          )}
        </section>
      ) : null}
    </div>
  );
}
