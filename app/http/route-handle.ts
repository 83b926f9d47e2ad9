import type { Namespace } from "../i18n/config";

// What a route module declares about itself in `export const handle`: how the page is dressed
// (read by the root layout in the browser), and what the HTTP layer must know before the route
// runs (read by the server on the route that matched, never on the raw path).

/**
 * What a request body to a route may be. `form` (the default): a form post of up to 64 KB,
 * urlencoded or multipart. `uploads`: a form page whose files may add up to what the catalogue's
 * largest page allows. `json`: a JSON body from a machine (an agency, a kiosk's device agent).
 */
export type BodyPolicyName = "form" | "uploads" | "json";

/**
 * How a route's mutations are proven not to be forged by another site, when it is not by the
 * browser's Origin: the exchange's Ed25519 signature, a kiosk agent's bearer credential, or the
 * card-reader bridge's HMAC, an operator's bearer token. The route itself checks the proof; this only lets the request reach it.
 */
export type CsrfProof = "exchange-signature" | "kiosk-bearer" | "kiosk-signature" | "operator-bearer";

export interface RouteHandle {
  chrome?: "kiosk";
  /**
   * The translation namespaces the route's page uses beyond the layout's: only these (in the page's
   * language) are sent to the browser with it. tests/unit/i18n-namespaces.test.ts reads the route's
   * code and fails when it uses one not listed here, or lists one it does not use.
   */
  i18n?: readonly Namespace[];
  /** A person's own screen at a kiosk: it ends by itself when nobody touches it. */
  isPersonal?: boolean;
  isEnrolment?: boolean;
  body?: BodyPolicyName;
  csrf?: CsrfProof;
  /**
   * The route's action still runs in read-only mode: signing in and out, the language, the
   * administrators' switch, the agencies' endpoints, a kiosk's heartbeat, and the gateway's answer
   * for a payment already under way (money taken is always recorded).
   */
  isOpenWhenReadOnly?: true;
}
