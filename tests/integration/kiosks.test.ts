import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrolKiosk, formatCode, kioskOfCredential, kioskState, listKiosks, recordHeartbeat, registerKiosk, reissueEnrolment, revokeKiosk } from "../../app/kiosk/kiosks.server";
import { createTestDatabase, type TestDatabase } from "../setup/database";

// Kiosk terminals: registered with a one-time enrolment code, enrolled once into a device
// credential, flagged when silent, and stopped at once when revoked.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.close());

describe("kiosks", () => {
  it("enrol once with their code, within a day, typed with or without its dash", async () => {
    const { kiosk, code } = await registerKiosk(t.db, { name: "Hawalli Service Centre 1", governorate: "hawalli", location: "Ground floor hall" });
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(kioskState(kiosk)).toBe("awaiting-enrolment");
    expect(await enrolKiosk(t.db, "WRONGCODE1")).toBeNull();
    // A day and a bit later, the code has expired.
    expect(await enrolKiosk(t.db, code, new Date(Date.now() + 25 * 3600_000))).toBeNull();
    const enrolled = await enrolKiosk(t.db, formatCode(code).toLowerCase());
    expect(enrolled?.kiosk.id).toBe(kiosk.id);
    expect(await enrolKiosk(t.db, code)).toBeNull();
    expect((await kioskOfCredential(t.db, enrolled!.credential))?.id).toBe(kiosk.id);
    expect(await kioskOfCredential(t.db, "forged")).toBeNull();
    // The table keeps neither the code nor the credential.
    const [row] = (await listKiosks(t.db)).filter((candidate) => candidate.id === kiosk.id);
    expect(JSON.stringify(row)).not.toContain(enrolled!.credential);
    expect(row!.enrolmentCodeHash).toBeNull();
  });

  it("are online while they beat, flagged after two silent minutes, and stop at once when revoked", async () => {
    const { kiosk, code } = await registerKiosk(t.db, { name: "Jahra Service Centre", governorate: "jahra", location: "Entrance" });
    const { credential } = (await enrolKiosk(t.db, code))!;
    const now = new Date();
    await recordHeartbeat(t.db, kiosk.id, { printer: "ready", paper: "low" }, now);
    const [beating] = (await listKiosks(t.db)).filter((row) => row.id === kiosk.id);
    expect(beating).toMatchObject({ printerStatus: "ready", paperStatus: "low" });
    expect(kioskState(beating!, new Date(now.getTime() + 60_000))).toBe("online");
    expect(kioskState(beating!, new Date(now.getTime() + 121_000))).toBe("silent");

    expect(await revokeKiosk(t.db, kiosk.id)).toBe(true);
    expect(await kioskOfCredential(t.db, credential)).toBeNull();
    expect(await revokeKiosk(t.db, kiosk.id)).toBe(false);
    // A replaced device gets a new code; the revoked credential stays dead.
    const fresh = await reissueEnrolment(t.db, kiosk.id);
    const again = await enrolKiosk(t.db, fresh!);
    expect(again?.credential).not.toBe(credential);
    expect(await kioskOfCredential(t.db, credential)).toBeNull();
    expect((await kioskOfCredential(t.db, again!.credential))?.id).toBe(kiosk.id);
  });
});
