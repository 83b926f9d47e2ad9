import { and, asc, count, eq, gte, lt } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { kffInspectionBookings, kffInspectionSlots } from "../../../db/schema/registries/kff";
import { addDays } from "../../i18n/dates";

// Kuwait Fire Force's register of inspection slots, as its own staff manage them: the slots
// offered in each governorate, which applicants book over the exchange.

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

export const isSlotTime = (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}:00+03:00`));

/** The id of an inspection slot: governorate, date and time, e.g. `hawalli-2026-11-24-0900`. */
export function inspectionSlotId(governorate: string, startsAt: string): string {
  return `${governorate}-${startsAt.slice(0, 10)}-${startsAt.slice(11, 16).replace(":", "")}`;
}
