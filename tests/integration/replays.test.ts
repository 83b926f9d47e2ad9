import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogue } from "../../app/catalogue/services";
import { REQUEST_WINDOW_MS, type RequestEnvelope } from "../../app/exchange/simulator.server";
import { SIGNATURE_HEADER, signBody } from "../../app/exchange/signing.server";
import { bridgeKeyOf, bridgeSignature, checkBridgeMessage } from "../../app/kiosk/bridge.server";
import { enrolKiosk, registerKiosk, reissueEnrolment } from "../../app/kiosk/kiosks.server";
import { exchangeAnsweredRequests, kiosks } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createEngineHarness, type EngineHarness } from "../support/engine";
import { addPaciPerson } from "../support/registries";

// Messages captured on the wire and sent again, or sent late, or by a caller with no grant: the
// agencies' endpoints and the card-reader bridge refuse them all.

let t: TestDatabase;
let h: EngineHarness;
beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t, catalogue);
  await addPaciPerson(t.db, { civilId: "288020122596", nameAr: "أحمد", nameEn: "Ahmad" });
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});

describe("an agency's endpoint", () => {
  const envelope = (overrides: Partial<RequestEnvelope> = {}): RequestEnvelope => ({
    requestId: crypto.randomUUID(),
    operation: "paci.person",
    service: "social-loan",
    applicationId: null,
    onBehalfOf: "288020122596",
    purpose: "Confirm the applicant's nationality and age",
    issuedAt: new Date().toISOString(),
    payload: { civilId: "288020122596" },
    ...overrides,
  });
  /** Sends a request signed with the portal's real key, as the portal (or someone who captured its traffic) would. */
  const send = (body: string) =>
    fetch(`${h.agencies.baseUrl}/paci`, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(h.deps.exchange.keys.portal, body) },
      body,
    });

  it("answers a fresh, granted request once, and refuses the same request sent again", async () => {
    const body = JSON.stringify(envelope());
    const first = await send(body);
    expect(first.status).toBe(200);
    expect(first.headers.get(SIGNATURE_HEADER)).toBeTruthy();
    const replay = await send(body);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({ error: "replayed-request" });
  });

  it("refuses ten copies of one request sent at once, but one", async () => {
    const body = JSON.stringify(envelope());
    const statuses = await Promise.all(Array.from({ length: 10 }, () => send(body).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  });

  it("refuses a request issued outside its window, in the past or the future", async () => {
    for (const offset of [-(REQUEST_WINDOW_MS + 60_000), REQUEST_WINDOW_MS + 60_000]) {
      const late = await send(JSON.stringify(envelope({ issuedAt: new Date(Date.now() + offset).toISOString() })));
      expect(late.status).toBe(401);
      expect(await late.json()).toEqual({ error: "stale-request" });
    }
  });

  it("refuses an operation the calling service has no grant for, even signed by the portal", async () => {
    // The fire-safety renewal has no business reading the civil registry.
    const ungranted = await send(JSON.stringify(envelope({ service: "fire-safety-renewal" })));
    expect(ungranted.status).toBe(403);
    expect(await ungranted.json()).toEqual({ error: "not-granted" });
    const unknownService = await send(JSON.stringify(envelope({ service: "someone-else" })));
    expect(unknownService.status).toBe(403);
  });

  it("keeps the ids it answered, so the purge can drop them after the window", async () => {
    const rows = await t.db.select().from(exchangeAnsweredRequests).where(eq(exchangeAnsweredRequests.agencyId, "paci"));
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});

describe("the card-reader bridge", () => {
  async function enrolledKiosk() {
    const { code } = await registerKiosk(t.db, {
      nameAr: "جهاز الجسر",
      nameEn: `Bridge ${crypto.randomUUID().slice(0, 6)}`,
      governorate: "capital",
      locationAr: "الصالة",
      locationEn: "Hall",
    });
    return (await enrolKiosk(t.db, code))!.kiosk;
  }
  const message = (kioskId: string, key: string, sequence: number, body = '{"event":"removed"}', time = String(Date.now())) => ({
    kioskId,
    time,
    sequence: String(sequence),
    body,
    signature: bridgeSignature(key, { time, sequence: String(sequence), body }),
  });

  it("takes each message once, and only with a higher sequence number than the last", async () => {
    const kiosk = await enrolledKiosk();
    const key = bridgeKeyOf(t.secrets.kioskBridgeKey, kiosk);
    const first = message(kiosk.id, key, 1_000);
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, first)).toMatchObject({ ok: true });
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, first)).toEqual({ ok: false, reason: "replayed" });
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, message(kiosk.id, key, 999))).toEqual({ ok: false, reason: "replayed" });
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, message(kiosk.id, key, 1_001))).toMatchObject({ ok: true });
  });

  it("starts the numbering again when the kiosk is enrolled again (a replaced device, a new key)", async () => {
    const kiosk = await enrolledKiosk();
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, message(kiosk.id, bridgeKeyOf(t.secrets.kioskBridgeKey, kiosk), 9_000_000))).toMatchObject({
      ok: true,
    });
    const code = await reissueEnrolment(t.db, kiosk.id);
    const { kiosk: replaced } = (await enrolKiosk(t.db, code!))!;
    const newKey = bridgeKeyOf(t.secrets.kioskBridgeKey, replaced);
    expect(newKey).not.toBe(bridgeKeyOf(t.secrets.kioskBridgeKey, kiosk));
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, message(replaced.id, newKey, 1))).toMatchObject({ ok: true });
  });

  it("takes one of ten copies of a message sent at once", async () => {
    const kiosk = await enrolledKiosk();
    const copy = message(kiosk.id, bridgeKeyOf(t.secrets.kioskBridgeKey, kiosk), 5);
    const results = await Promise.all(Array.from({ length: 10 }, () => checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, copy)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("is not fooled by a key made from what the database holds", async () => {
    const kiosk = await enrolledKiosk();
    const [row] = await t.db.select().from(kiosks).where(eq(kiosks.id, kiosk.id));
    // The old key was the credential's SHA-256, which is the very column a database copy has.
    for (const forged of [row!.credentialHash!, crypto.createHmac("sha256", row!.credentialHash!).update(kiosk.id).digest("base64url")]) {
      expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, message(kiosk.id, forged, 1))).toEqual({ ok: false, reason: "bad-signature" });
    }
    // Another portal's root secret makes another key.
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, message(kiosk.id, bridgeKeyOf(Buffer.alloc(32, 1), kiosk), 1))).toEqual({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("refuses a message sent more than a minute ago, and a kiosk that is not enrolled", async () => {
    const kiosk = await enrolledKiosk();
    const key = bridgeKeyOf(t.secrets.kioskBridgeKey, kiosk);
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, message(kiosk.id, key, 1, '{"event":"removed"}', String(Date.now() - 120_000)))).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await checkBridgeMessage(t.db, t.secrets.kioskBridgeKey, message(crypto.randomUUID(), key, 1))).toEqual({ ok: false, reason: "unknown-kiosk" });
  });
});
