import { useFetcher, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { livePollUrl } from "./live-poll";

const POLL_EVERY_MS = 5_000;
// After two minutes on the page it looks less often: an agency that answers in days need not be asked every 5 s.
const SLOW_POLL_AFTER_MS = 2 * 60_000;
const SLOW_POLL_EVERY_MS = 20_000;

/**
 * A page's data, kept current while the newest copy `isMovingWhen`: the page loads itself again in the background
 * (a fetcher, so a poll is neither a navigation nor the person's activity: `?live=1`) every few
 * seconds while its tab is visible, and at once when the tab comes back into view. The newer of
 * what was loaded and what was polled is shown (`observedAt`, the server's clock).
 */
export function useLiveData<T extends { observedAt: number }>(loaded: T, isMovingWhen: (newest: T) => boolean): T {
  const fetcher = useFetcher();
  const polled = fetcher.data as T | undefined;
  const newest = polled && polled.observedAt > loaded.observedAt ? polled : loaded;
  const isMoving = isMovingWhen(newest);
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const busy = useRef(false);
  busy.current = fetcher.state !== "idle" || navigation.state !== "idle";
  const load = useRef(fetcher.load);
  load.current = fetcher.load;

  useEffect(() => {
    if (!isMoving) return;
    const startedAt = Date.now();
    let lastPollAt = 0;
    const poll = () => {
      if (document.visibilityState !== "visible" || busy.current) return;
      lastPollAt = Date.now();
      load.current(livePollUrl(pathname));
    };
    const timer = setInterval(() => {
      const every = Date.now() - startedAt > SLOW_POLL_AFTER_MS ? SLOW_POLL_EVERY_MS : POLL_EVERY_MS;
      if (Date.now() - lastPollAt >= every) poll();
    }, POLL_EVERY_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") poll();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [isMoving, pathname]);

  return newest;
}

/**
 * Tells screen readers, politely, what changed since the page was opened: `signature` sums up the
 * state, and when it changes the `message` of the new state is read out. Says on screen that the
 * page keeps itself current (without JavaScript, that a reload shows the latest).
 */
export function LiveUpdates({ signature, message, isMoving }: { signature: string; message: string; isMoving: boolean }) {
  const { t } = useTranslation();
  const first = useRef(signature);
  const latest = useRef(message);
  latest.current = message;
  const [announced, setAnnounced] = useState("");
  // Until the page's script runs (and without JavaScript, always) only a reload shows what is new.
  const [isFollowing, setFollowing] = useState(false);
  useEffect(() => setFollowing(true), []);
  // Once per change of state, not per render.
  useEffect(() => {
    if (signature !== first.current) setAnnounced(latest.current);
  }, [signature]);
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-announcement">
        {announced}
      </p>
      {isMoving ? (
        <p className="muted" data-testid="live-note">
          {isFollowing ? t("live.updating") : t("live.reload")}
        </p>
      ) : null}
    </>
  );
}
