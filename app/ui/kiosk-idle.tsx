import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

// How a person's session at a kiosk ends: "finish", or a minute without a touch and a countdown.

/** "Finish and take your card": ends the session on the server, and the screen returns to the start. */
export function FinishButton() {
  const { t } = useTranslation("kiosk");
  return (
    <Form method="post" action="/kiosk/finish">
      <button type="submit" className="kiosk-button">
        {t("home.finish")}
      </button>
    </Form>
  );
}

const IDLE_MS = 60_000;
const COUNTDOWN_S = 20;

const CHECK_MS = 2_000;

/** When the session ends elsewhere (the card taken out), the screen leaves for the start at once, keeping nothing. */
function useSessionWatch() {
  useEffect(() => {
    const check = async () => {
      try {
        const answer = await fetch("/kiosk/session", { cache: "no-store" });
        const { isLive } = (await answer.json()) as { isLive: boolean };
        if (!isLive) window.location.replace("/kiosk");
      } catch {
        // The server did not answer this time: the next check, or the idle countdown, ends it.
      }
    };
    const timer = setInterval(check, CHECK_MS);
    return () => clearInterval(timer);
  }, []);
}

/** After a minute without a touch, a 20-second countdown; then the session ends (as "finish" does). */
export function IdleGuard() {
  const { t } = useTranslation("kiosk");
  useSessionWatch();
  // The countdown runs to a moment, not by ticks: a sleeping or throttled screen still ends on time.
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [left, setLeft] = useState(COUNTDOWN_S);
  const finish = useRef<HTMLFormElement>(null);
  useEffect(() => {
    let idle = setTimeout(() => setEndsAt(Date.now() + COUNTDOWN_S * 1000), IDLE_MS);
    const touched = () => {
      clearTimeout(idle);
      setEndsAt(null);
      idle = setTimeout(() => setEndsAt(Date.now() + COUNTDOWN_S * 1000), IDLE_MS);
    };
    const events = ["pointerdown", "keydown", "touchstart"] as const;
    events.forEach((name) => window.addEventListener(name, touched));
    return () => {
      clearTimeout(idle);
      events.forEach((name) => window.removeEventListener(name, touched));
    };
  }, []);
  useEffect(() => {
    if (endsAt === null) return;
    const tick = () => {
      const remaining = Math.ceil((endsAt - Date.now()) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) finish.current?.requestSubmit();
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [endsAt]);
  return (
    <>
      <Form method="post" action="/kiosk/finish" ref={finish} hidden>
        <input type="hidden" name="reason" value="idle" />
      </Form>
      {endsAt !== null && left > 0 ? (
        <div className="kiosk-idle" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
          <h2 id="idle-title">{t("idle.title")}</h2>
          <p id="idle-body">{t("idle.body", { count: left })}</p>
          <button type="button" className="kiosk-button">
            {t("idle.stay")}
          </button>
        </div>
      ) : null}
    </>
  );
}
