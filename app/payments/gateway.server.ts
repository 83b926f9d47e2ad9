import crypto from "node:crypto";

// The payment gateway as the portal sees it: where to send the payer, and how to read (and
// trust) what the gateway sends back. The embedded default has a simulated KNET gateway with
// its own pages (/gateway/knet); a deployment plugs in the bank's.

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
  /** The address the payer is sent to, to pay this amount for this payment. */
  checkoutUrl(payment: { id: string; amountFils: number }): string;
  /** Reads the gateway's answer from the callback's parameters; null when it is not signed by the gateway. */
  readAnswer(params: URLSearchParams): GatewayAnswer | null;
}

const OUTCOMES: GatewayOutcome[] = ["paid", "declined", "cancelled"];

const sign = (key: Buffer, fields: string[]) => crypto.createHmac("sha256", key).update(fields.join("\n")).digest("base64url");
const isSame = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The simulated KNET gateway: the portal and the gateway share an HMAC key. The checkout link
 * carries the amount signed by the portal (so the gateway's page cannot be made to show another),
 * and the answer comes back signed by the gateway.
 */
export function simulatedKnet(key: Buffer): PaymentGateway & {
  /** The gateway's side: checks a checkout link, and signs its answer as a callback address. */
  readCheckout(paymentId: string, params: URLSearchParams): { paymentId: string; amountFils: number } | null;
  answerUrl(answer: GatewayAnswer): string;
} {
  const checkoutFields = (paymentId: string, amountFils: number) => ["checkout", paymentId, String(amountFils)];
  const answerFields = (answer: GatewayAnswer) => ["answer", answer.paymentId, answer.outcome, String(answer.amountFils), answer.gatewayReference];
  return {
    id: "knet",
    checkoutUrl(payment) {
      const params = new URLSearchParams({ amount: String(payment.amountFils), sig: sign(key, checkoutFields(payment.id, payment.amountFils)) });
      return `/gateway/knet/${payment.id}?${params}`;
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
      return `/payments/knet/callback?${params}`;
    },
    readAnswer(params) {
      const outcome = params.get("result") as GatewayOutcome;
      const answer: GatewayAnswer = { paymentId: params.get("payment") ?? "", outcome, amountFils: Number(params.get("amount")), gatewayReference: params.get("ref") ?? "" };
      if (!OUTCOMES.includes(outcome) || !Number.isSafeInteger(answer.amountFils) || !answer.gatewayReference) return null;
      return isSame(params.get("sig") ?? "", sign(key, answerFields(answer))) ? answer : null;
    },
  };
}
