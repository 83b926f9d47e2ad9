import { describe, expect, it } from "vitest";
import { simulatedKnet } from "./gateway.server";

const knet = simulatedKnet(Buffer.alloc(32, 7));
const paymentId = "0b8e7c1e-5f0e-4a59-9a7e-1d2b3c4d5e6f";

describe("the simulated KNET gateway", () => {
  it("shows only the amount the portal signed", () => {
    const url = new URL(knet.checkoutUrl({ id: paymentId, amountFils: 14_000 }), "http://x");
    expect(url.pathname).toBe(`/gateway/knet/${paymentId}`);
    expect(knet.readCheckout(paymentId, url.searchParams)).toEqual({ paymentId, amountFils: 14_000 });
    url.searchParams.set("amount", "1");
    expect(knet.readCheckout(paymentId, url.searchParams)).toBeNull();
    expect(knet.readCheckout("another", new URL(knet.checkoutUrl({ id: paymentId, amountFils: 14_000 }), "http://x").searchParams)).toBeNull();
  });

  it("signs its answer, and any change to it (or another key) makes it unreadable", () => {
    const answer = { paymentId, outcome: "paid" as const, amountFils: 14_000, gatewayReference: "123456789012345" };
    const url = new URL(knet.answerUrl(answer), "http://x");
    expect(url.pathname).toBe("/payments/knet/callback");
    expect(knet.readAnswer(url.searchParams)).toEqual(answer);
    for (const [name, value] of [
      ["result", "declined"],
      ["amount", "1"],
      ["ref", "999"],
      ["payment", "x"],
      ["sig", "forged"],
    ]) {
      const changed = new URLSearchParams(url.searchParams);
      changed.set(name!, value!);
      expect(knet.readAnswer(changed)).toBeNull();
    }
    expect(simulatedKnet(Buffer.alloc(32, 8)).readAnswer(url.searchParams)).toBeNull();
  });
});
