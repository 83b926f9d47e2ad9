import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { deriveExchangeKeys, parseAgencyPublicKeys, readPublicKey, sha256, signBody, verifyBody } from "./signing.server";

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

describe("reading a public key as an agency publishes it", () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
  const der = publicKey.export({ format: "der", type: "spki" });

  it("accepts Ed25519 as PEM or as base64 DER, with the same fingerprint", () => {
    const fromPem = readPublicKey(publicKey.export({ format: "pem", type: "spki" }).toString());
    const fromDer = readPublicKey(`  ${der.toString("base64").replace(/(.{20})/g, "$1\n")}  `);
    const fingerprint = crypto.createHash("sha256").update(der).digest("hex");
    expect(fromPem).toMatchObject({ ok: true, der: der.toString("base64"), fingerprint });
    expect(fromDer).toMatchObject({ ok: true, fingerprint });
  });

  it("refuses another kind of key, a private key (which it could derive a public one from), and what is not a key", () => {
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(readPublicKey(rsa)).toEqual({ ok: false, problem: "not-ed25519" });
    expect(readPublicKey(privateKey.export({ format: "pem", type: "pkcs8" }).toString())).toEqual({ ok: false, problem: "private-key" });
    for (const junk of ["", "hello", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "A".repeat(5000), "\u0000\uFFFF"]) {
      expect(readPublicKey(junk)).toEqual({ ok: false, problem: "not-a-key" });
    }
  });
});
