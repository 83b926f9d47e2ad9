import { useEffect } from "react";

const EVERY_MS = 30_000;

/**
 * The kiosk's browser says it is alive every 30 seconds (its device agent adds the printer and
 * paper). A kiosk that has been revoked is told so at once, and leaves for the enrolment page.
 */
export function KioskHeartbeat() {
  useEffect(() => {
    const beat = async () => {
      try {
        const answer = await fetch("/kiosk/heartbeat", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
        if (answer.status === 401) window.location.replace("/kiosk/enrol");
      } catch {
        // Offline for a moment: the next beat tries again, and the administrators see it as silent meanwhile.
      }
    };
    void beat();
    const timer = setInterval(beat, EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  return null;
}
