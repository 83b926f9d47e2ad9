import { and, asc, eq, like } from "drizzle-orm";
import type { Database } from "../../db/client";
import { applications, kffInspectionBookings, kffInspectionSlots, stepInstances } from "../../db/schema";

// An inspector's day at the fire force: the portal's open inspection steps joined with the
// bookings in KFF's register of slots.

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
