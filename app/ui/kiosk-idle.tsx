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

/**
 * After a minute without a touch, a 20-second countdown; then the session ends (as "finish" does).
 * The countdown covers the screen (nothing of the person's shows through it) and takes the focus;
 * "I am still here" closes it on the click, not on the press, so that the tap does not land on
 * whatever is beneath once it has gone.
 */
export function IdleGuard() {
  const { t } = useTranslation("kiosk");
  useSessionWatch();
  // The countdown runs to a moment, not by ticks: a sleeping or throttled screen still ends on time.
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [left, setLeft] = useState(COUNTDOWN_S);
  const finish = useRef<HTMLFormElement>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  const isCounting = useRef(false);
  const focusedBefore = useRef<Element | null>(null);
  const idle = useRef<ReturnType<typeof setTimeout>>();
  const startIdleTimer = () => {
    clearTimeout(idle.current);
    idle.current = setTimeout(() => {
      focusedBefore.current = document.activeElement;
      isCounting.current = true;
      setEndsAt(Date.now() + COUNTDOWN_S * 1000);
    }, IDLE_MS);
  };
  const stay = () => {
    isCounting.current = false;
    setEndsAt(null);
    startIdleTimer();
    if (focusedBefore.current instanceof HTMLElement) focusedBefore.current.focus();
  };
  useEffect(() => {
    startIdleTimer();
    // A touch anywhere puts the minute back; while the countdown shows, only its own click does.
    const touched = () => {
      if (!isCounting.current) startIdleTimer();
    };
    const events = ["pointerdown", "keydown", "touchstart"] as const;
    events.forEach((name) => window.addEventListener(name, touched));
    return () => {
      clearTimeout(idle.current);
      events.forEach((name) => window.removeEventListener(name, touched));
    };
  }, []);
  useEffect(() => {
    if (endsAt === null) return;
    stayButton.current?.focus();
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
        // A tap anywhere on the cover counts as "still here", and lands on the cover, not beneath it.
        <div className="kiosk-idle" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body" onClick={stay}>
          <h2 id="idle-title">{t("idle.title")}</h2>
          <p id="idle-body">{t("idle.body", { count: left })}</p>
          <button type="button" className="kiosk-button" ref={stayButton}>
            {t("idle.stay")}
          </button>
        </div>
      ) : null}
    </>
  );
}
