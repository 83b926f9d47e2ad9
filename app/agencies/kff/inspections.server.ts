import { and, asc, count, eq, gte, like, lt } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { applications, kffInspectionBookings, kffInspectionSlots, stepInstances } from "../../../db/schema";
import { inspectionSlotId } from "../../../db/seed/registry-factories";
import { addDays } from "../../i18n/dates";

// Kuwait Fire Force's inspections, as its own staff manage them: the slots offered in each
// governorate (KFF's register, which applicants book over the exchange), and an inspector's day.

/** The slots of a governorate from a day on, with how many are booked (kff_slot_governorate_idx). */
export function listSlots(db: Database, governorate: string, fromDay: string, days = 14) {
  const until = addDays(fromDay, days);
  return db
    .select({
      id: kffInspectionSlots.id,
      startsAt: kffInspectionSlots.startsAt,
      capacity: kffInspectionSlots.capacity,
      booked: count(kffInspectionBookings.applicationReference),
    })
    .from(kffInspectionSlots)
    .leftJoin(kffInspectionBookings, eq(kffInspectionBookings.slotId, kffInspectionSlots.id))
    .where(and(eq(kffInspectionSlots.governorate, governorate), gte(kffInspectionSlots.startsAt, fromDay), lt(kffInspectionSlots.startsAt, until)))
    .groupBy(kffInspectionSlots.id)
    .orderBy(asc(kffInspectionSlots.startsAt));
}

export type SlotChange = { ok: true } | { ok: false; reason: "exists" | "in-the-past" | "booked" | "not-found" };

/** Offers a new slot (a Kuwait local time like 2026-12-03T09:00) with room for some inspections. */
export async function addSlot(db: Database, input: { governorate: string; startsAt: string; capacity: number; today: string }): Promise<SlotChange> {
  if (input.startsAt.slice(0, 10) < input.today) return { ok: false, reason: "in-the-past" };
  const inserted = await db
    .insert(kffInspectionSlots)
    .values({ id: inspectionSlotId(input.governorate, input.startsAt), governorate: input.governorate, startsAt: input.startsAt, capacity: input.capacity })
    .onConflictDoNothing()
    .returning({ id: kffInspectionSlots.id });
  return inserted.length ? { ok: true } : { ok: false, reason: "exists" };
}

/** Withdraws a slot nobody has booked. */
export async function removeSlot(db: Database, slotId: string): Promise<SlotChange> {
  return db.transaction(async (tx) => {
    const [slot] = await tx.select().from(kffInspectionSlots).where(eq(kffInspectionSlots.id, slotId)).for("update");
    if (!slot) return { ok: false, reason: "not-found" } as const;
    const [bookings] = await tx.select({ n: count() }).from(kffInspectionBookings).where(eq(kffInspectionBookings.slotId, slotId));
    if ((bookings?.n ?? 0) > 0) return { ok: false, reason: "booked" } as const;
    await tx.delete(kffInspectionSlots).where(eq(kffInspectionSlots.id, slotId));
    return { ok: true } as const;
  });
}

/**
 * The inspections booked on a day: the open inspection steps of KFF whose application booked a slot
 * that day (the booking is KFF's, keyed by the application's reference), earliest first.
 */
export function inspectionsOn(db: Database, day: string) {
  return db
    .select({
      stepInstanceId: stepInstances.id,
      assignedAccountId: stepInstances.assignedAccountId,
      reference: applications.reference,
      serviceId: applications.serviceId,
      serviceVersion: applications.serviceVersion,
      answers: applications.answers,
      startsAt: kffInspectionSlots.startsAt,
      governorate: kffInspectionSlots.governorate,
    })
    .from(stepInstances)
    .innerJoin(applications, eq(applications.id, stepInstances.applicationId))
    .innerJoin(kffInspectionBookings, eq(kffInspectionBookings.applicationReference, applications.reference))
    .innerJoin(kffInspectionSlots, eq(kffInspectionSlots.id, kffInspectionBookings.slotId))
    .where(
      and(
        eq(stepInstances.agencyId, "kff"),
        eq(stepInstances.position, "inspector"),
        eq(stepInstances.state, "active"),
        eq(stepInstances.kind, "task"),
        like(kffInspectionSlots.startsAt, `${day}%`),
      ),
    )
    .orderBy(asc(kffInspectionSlots.startsAt), asc(applications.reference));
}

export const isSlotTime = (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}:00+03:00`));
