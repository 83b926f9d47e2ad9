import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { deriveExchangeKeys, parseAgencyPublicKeys, sha256, signBody, verifyBody } from "./signing.server";

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
    expect(keys.agency("kcb").publicKey.export({ format: "der", type: "spki" })).not.toEqual(
      keys.agency("moj").publicKey.export({ format: "der", type: "spki" }),
    );
  });

  it("hash bodies for the message log", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("trust a real agency's published key instead of the derived one", () => {
    const real = crypto.generateKeyPairSync("ed25519");
    const der = real.publicKey.export({ format: "der", type: "spki" }).toString("base64");
    const configured = deriveExchangeKeys("a root secret long enough for the tests", parseAgencyPublicKeys(`kcb=${der}`));
    const trusted = configured.agencyPublicKey("kcb");
    const body = "answer";
    const signature = `${trusted.keyId}:${crypto.sign(null, Buffer.from(body), real.privateKey).toString("base64url")}`;
    expect(verifyBody(signature, body, new Map([[trusted.keyId, trusted.publicKey]])).ok).toBe(true);
    expect(verifyBody(signBody(configured.agency("kcb"), body), body, new Map([[trusted.keyId, trusted.publicKey]])).ok).toBe(false);
    expect(() => parseAgencyPublicKeys("kcb=bm90IGEga2V5")).toThrow('AGENCY_PUBLIC_KEYS: the key of "kcb"');
  });
});
