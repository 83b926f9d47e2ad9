import crypto from "node:crypto";

// The payment gateway as the portal sees it: where to send the payer, and how to read (and
// trust) what the gateway sends back. Two methods: online (KNET, on the web) and the card
// terminal of a kiosk. The embedded default simulates both with pages of their own
// (/gateway/knet, /kiosk/terminal); a deployment plugs in the bank's.

/** How the payer pays: online through the bank's pages, or at a kiosk's card terminal. */
export type PaymentMethod = "online" | "terminal";

export type GatewayOutcome = "paid" | "declined" | "cancelled";

/** What the gateway says happened to a payment, once its signature is checked. */
export interface GatewayAnswer {
  paymentId: string;
  outcome: GatewayOutcome;
  amountFils: number;
  /** The gateway's own reference for the transaction. */
  gatewayReference: string;
}

export interface PaymentGateway {
  readonly id: string;
  readonly method: PaymentMethod;
  /** The address the payer is sent to, to pay this amount for this payment. */
  checkoutUrl(payment: { id: string; amountFils: number }): string;
  /** Reads the gateway's answer from the callback's parameters; null when it is not signed by the gateway. */
  readAnswer(params: URLSearchParams): GatewayAnswer | null;
  /**
   * Returns a payment's money to the card it came from. Idempotent by payment: asked again for
   * the same payment, the gateway answers with the same refund, and pays nothing twice.
   */
  refund(payment: { id: string; amountFils: number; gatewayReference: string }): Promise<{ refundReference: string }>;
}

const OUTCOMES: GatewayOutcome[] = ["paid", "declined", "cancelled"];

const sign = (key: Buffer, fields: string[]) => crypto.createHmac("sha256", key).update(fields.join("\n")).digest("base64url");
const isSame = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A simulated gateway: the portal and the gateway share an HMAC key. The checkout link carries
 * the amount signed by the portal (so the gateway's page cannot be made to show another), and
 * the answer comes back signed by the gateway. Every signature names the gateway, so one
 * gateway's answer is no good at another's callback.
 */
export interface SimulatedGateway extends PaymentGateway {
  /** The gateway's side: checks a checkout link, and signs its answer as a callback address. */
  readCheckout(paymentId: string, params: URLSearchParams): { paymentId: string; amountFils: number } | null;
  answerUrl(answer: GatewayAnswer): string;
}

function simulatedGateway(key: Buffer, spec: { id: string; method: PaymentMethod; checkoutPath: string; callbackPath: string }): SimulatedGateway {
  const checkoutFields = (paymentId: string, amountFils: number) => [spec.id, "checkout", paymentId, String(amountFils)];
  const answerFields = (answer: GatewayAnswer) => [spec.id, "answer", answer.paymentId, answer.outcome, String(answer.amountFils), answer.gatewayReference];
  return {
    id: spec.id,
    method: spec.method,
    checkoutUrl(payment) {
      const params = new URLSearchParams({ amount: String(payment.amountFils), sig: sign(key, checkoutFields(payment.id, payment.amountFils)) });
      return `${spec.checkoutPath}/${payment.id}?${params}`;
    },
    readCheckout(paymentId, params) {
      const amountFils = Number(params.get("amount"));
      const signature = params.get("sig") ?? "";
      if (!Number.isSafeInteger(amountFils) || amountFils <= 0) return null;
      return isSame(signature, sign(key, checkoutFields(paymentId, amountFils))) ? { paymentId, amountFils } : null;
    },
    answerUrl(answer) {
      const params = new URLSearchParams({
        payment: answer.paymentId,
        result: answer.outcome,
        amount: String(answer.amountFils),
        ref: answer.gatewayReference,
        sig: sign(key, answerFields(answer)),
      });
      return `${spec.callbackPath}?${params}`;
    },
    async refund(payment) {
      // The simulated gateway's refund reference is its signature over the transaction: the same
      // payment always gets the same refund (as a bank's refund keyed by the original transaction).
      const digest = crypto
        .createHmac("sha256", key)
        .update([spec.id, "refund", payment.id, payment.gatewayReference, String(payment.amountFils)].join("\n"))
        .digest();
      return { refundReference: `R${String(digest.readBigUInt64BE(0) % 10n ** 14n).padStart(14, "0")}` };
    },
    readAnswer(params) {
      const outcome = params.get("result") as GatewayOutcome;
      const answer: GatewayAnswer = {
        paymentId: params.get("payment") ?? "",
        outcome,
        amountFils: Number(params.get("amount")),
        gatewayReference: params.get("ref") ?? "",
      };
      if (!OUTCOMES.includes(outcome) || !Number.isSafeInteger(answer.amountFils) || !answer.gatewayReference) return null;
      return isSame(params.get("sig") ?? "", sign(key, answerFields(answer))) ? answer : null;
    },
  };
}

/** The simulated KNET gateway, for paying on the web. */
export const simulatedKnet = (key: Buffer) =>
  simulatedGateway(key, { id: "knet", method: "online", checkoutPath: "/gateway/knet", callbackPath: "/payments/knet/callback" });

/** The simulated card terminal of a kiosk: the kiosk's screen stands in for the terminal's answer. */
export const simulatedTerminal = (key: Buffer) =>
  simulatedGateway(key, { id: "terminal", method: "terminal", checkoutPath: "/kiosk/terminal", callbackPath: "/kiosk/payments/callback" });

/**
 * What a simulated gateway's own page does when the payer chooses: the signed callback address
 * with the outcome, or null for a checkout link the portal did not sign.
 */
export function answerCheckout(gateway: SimulatedGateway, paymentId: string, params: URLSearchParams, outcome: GatewayOutcome): string | null {
  const checkout = gateway.readCheckout(paymentId, params);
  if (!checkout) return null;
  // A transaction reference as a bank's switch gives one: 15 digits, unique per transaction.
  const gatewayReference = `${crypto.randomInt(100_000, 1_000_000)}${String(crypto.randomInt(0, 1_000_000_000)).padStart(9, "0")}`;
  return gateway.answerUrl({ paymentId: checkout.paymentId, outcome, amountFils: checkout.amountFils, gatewayReference });
}
