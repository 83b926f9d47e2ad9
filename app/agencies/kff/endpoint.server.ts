import { and, asc, count, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { kffInspectionBookings, kffInspectionSlots, kffLicences } from "../../../db/schema/registries/kff";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import {
  bookSlotOperation,
  companyFireLicencesOperation,
  fireLicenceOperation,
  openSlotsOperation,
  premisesFireLicencesOperation,
  recordFireLicenceOperation,
  renewFireLicenceOperation,
} from "./contracts";

const SLOTS_OFFERED = 12;

/** KFF's simulated endpoint: fire-safety licences and inspection slots. */
export const kffEndpoint: AgencyEndpoint = {
  agency: "kff",
  operations: {
    [companyFireLicencesOperation.name]: async (db: Database, request) => {
      const { crNumbers } = companyFireLicencesOperation.request.parse(request);
      const licences = crNumbers.length
        ? await db.select().from(kffLicences).where(inArray(kffLicences.crNumber, crNumbers)).orderBy(asc(kffLicences.licenceNumber))
        : [];
      return { status: "ok", payload: { licences } };
    },
    [fireLicenceOperation.name]: async (db: Database, request) => {
      const { licenceNumber } = fireLicenceOperation.request.parse(request);
      const [licence] = await db.select().from(kffLicences).where(eq(kffLicences.licenceNumber, licenceNumber));
      return licence ? { status: "ok", payload: licence } : { status: "not-found" };
    },
    [premisesFireLicencesOperation.name]: async (db: Database, request) => {
      const { premisesNumber } = premisesFireLicencesOperation.request.parse(request);
      const licences = await db.select().from(kffLicences).where(eq(kffLicences.premisesNumber, premisesNumber)).orderBy(asc(kffLicences.expiresOn));
      return { status: "ok", payload: { licences } };
    },
    [openSlotsOperation.name]: async (db: Database, request) => {
      const { governorate, from } = openSlotsOperation.request.parse(request);
      const booked = count(kffInspectionBookings.applicationReference);
      const rows = await db
        .select({
          id: kffInspectionSlots.id,
          startsAt: kffInspectionSlots.startsAt,
          remaining: sql<number>`${kffInspectionSlots.capacity} - ${booked}`.mapWith(Number),
        })
        .from(kffInspectionSlots)
        .leftJoin(kffInspectionBookings, eq(kffInspectionBookings.slotId, kffInspectionSlots.id))
        .where(and(eq(kffInspectionSlots.governorate, governorate), gte(kffInspectionSlots.startsAt, from)))
        .groupBy(kffInspectionSlots.id)
        .having(sql`${kffInspectionSlots.capacity} > ${booked}`)
        .orderBy(asc(kffInspectionSlots.startsAt))
        .limit(SLOTS_OFFERED);
      return { status: "ok", payload: { slots: rows } };
    },
    // One booking per application: booking again moves it. The slot row is locked so two
    // bookings of its last place cannot both succeed.
    [bookSlotOperation.name]: async (db: Database, request) => {
      const { slotId, applicationReference } = bookSlotOperation.request.parse(request);
      return db.transaction(async (tx) => {
        const [slot] = await tx.select().from(kffInspectionSlots).where(eq(kffInspectionSlots.id, slotId)).for("update");
        if (!slot) return { status: "ok", payload: { isBooked: false, startsAt: null } };
        const [others] = await tx
          .select({ n: count() })
          .from(kffInspectionBookings)
          .where(and(eq(kffInspectionBookings.slotId, slotId), ne(kffInspectionBookings.applicationReference, applicationReference)));
        if ((others?.n ?? 0) >= slot.capacity) return { status: "ok", payload: { isBooked: false, startsAt: null } };
        await tx
          .insert(kffInspectionBookings)
          .values({ slotId, applicationReference })
          .onConflictDoUpdate({ target: kffInspectionBookings.applicationReference, set: { slotId } });
        return { status: "ok", payload: { isBooked: true, startsAt: slot.startsAt } };
      });
    },
    [recordFireLicenceOperation.name]: async (db: Database, request) => {
      const licence = recordFireLicenceOperation.request.parse(request);
      await db.insert(kffLicences).values(licence).onConflictDoNothing({ target: kffLicences.licenceNumber });
      const [row] = await db.select().from(kffLicences).where(eq(kffLicences.licenceNumber, licence.licenceNumber));
      return { status: "ok", payload: row };
    },
    [renewFireLicenceOperation.name]: async (db: Database, request) => {
      const { licenceNumber, expiresOn } = renewFireLicenceOperation.request.parse(request);
      const [row] = await db.update(kffLicences).set({ expiresOn }).where(eq(kffLicences.licenceNumber, licenceNumber)).returning();
      return row ? { status: "ok", payload: row } : { status: "not-found" };
    },
  },
};
