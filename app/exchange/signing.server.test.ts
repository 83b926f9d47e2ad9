import { describe, expect, it } from "vitest";
import { deriveExchangeKeys, sha256, signBody, verifyBody } from "./signing.server";

const keys = deriveExchangeKeys("a root secret long enough for the tests");
const trustPortal = new Map([[keys.portal.keyId, keys.portal.publicKey]]);

describe("exchange signatures", () => {
  it("verify a body signed by a trusted key", () => {
    const body = JSON.stringify({ operation: "paci.person", payload: { civilId: "288020122596" } });
    expect(verifyBody(signBody(keys.portal, body), body, trustPortal)).toEqual({ ok: true, keyId: "portal-v1" });
  });

  it("refuse a changed body, another key, no signature and a malformed one", () => {
    const body = '{"a":1}';
    const signature = signBody(keys.portal, body);
    expect(verifyBody(signature, '{"a":2}', trustPortal)).toEqual({ ok: false });
    expect(verifyBody(signBody(keys.agency("kcb"), body), body, trustPortal)).toEqual({ ok: false });
    expect(verifyBody(null, body, trustPortal)).toEqual({ ok: false });
    expect(verifyBody("portal-v1:not-base64!!", body, trustPortal)).toEqual({ ok: false });
    expect(verifyBody(`kcb-v1:${signature.split(":")[1]}`, body, trustPortal)).toEqual({ ok: false });
  });

  it("derive the same keys from the same secret, and different keys per agency", () => {
    const again = deriveExchangeKeys("a root secret long enough for the tests");
    const body = "x";
    expect(verifyBody(signBody(again.agency("kcb"), body), body, new Map([[keys.agency("kcb").keyId, keys.agency("kcb").publicKey]])).ok).toBe(true);
    expect(keys.agency("kcb").publicKey.export({ format: "der", type: "spki" })).not.toEqual(keys.agency("moj").publicKey.export({ format: "der", type: "spki" }));
  });

  it("hash bodies for the message log", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
