import { and, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { applications, serviceRatings } from "../../db/schema";
import { toWesternDigits } from "../i18n/digits";

// Applicants rate the service they used, once per application (rating again changes it): 1 to 5,
// with a comment if they wish. Only the applicant of a submitted application may rate it.

export const MAX_COMMENT = 1000;

export type RatingProblem = "rating.required" | "comment.too-long";
export type ReadRating =
  { ok: true; rating: number; comment: string | null } | { ok: false; problems: Partial<Record<"rating" | "comment", RatingProblem>>; comment: string };

/** The form's rating and comment, or what is wrong with them (the comment kept, to show back). */
export function readRating(form: FormData): ReadRating {
  const rating = Number(toWesternDigits(String(form.get("rating") ?? "")));
  const comment = String(form.get("comment") ?? "")
    .replace(/\r\n/g, "\n")
    .trim();
  const problems: Partial<Record<"rating" | "comment", RatingProblem>> = {};
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) problems.rating = "rating.required";
  if ([...comment].length > MAX_COMMENT) problems.comment = "comment.too-long";
  if (Object.keys(problems).length) return { ok: false, problems, comment };
  return { ok: true, rating, comment: comment || null };
}

/** Records the applicant's rating of their own submitted application; false when it is not theirs or not submitted. */
export async function rateApplication(
  db: Database,
  input: { applicationId: string; personId: string; rating: number; comment: string | null; now?: Date },
): Promise<boolean> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [application] = await tx
      .select({ serviceId: applications.serviceId })
      .from(applications)
      .where(and(eq(applications.id, input.applicationId), eq(applications.applicantPersonId, input.personId), sql`${applications.status} <> 'draft'`));
    if (!application) return false;
    await tx
      .insert(serviceRatings)
      .values({ applicationId: input.applicationId, serviceId: application.serviceId, rating: input.rating, comment: input.comment, ratedAt: now })
      .onConflictDoUpdate({ target: serviceRatings.applicationId, set: { rating: input.rating, comment: input.comment, ratedAt: now } });
    return true;
  });
}

export async function ratingOf(db: Database, applicationId: string) {
  const [row] = await db
    .select({ rating: serviceRatings.rating, comment: serviceRatings.comment })
    .from(serviceRatings)
    .where(eq(serviceRatings.applicationId, applicationId));
  return row ?? null;
}

/** Per service, since a moment: how many ratings, their average, and how many were 4 or 5 (service_ratings_service_idx). */
export async function ratingsOf(db: Database, serviceIds: readonly string[], since: Date) {
  if (serviceIds.length === 0) return new Map<string, { count: number; average: number; satisfied: number }>();
  const rows = await db
    .select({
      serviceId: serviceRatings.serviceId,
      count: sql<number>`count(*)`.mapWith(Number),
      average: sql<number>`avg(${serviceRatings.rating})`.mapWith(Number),
      satisfied: sql<number>`count(*) filter (where ${serviceRatings.rating} >= 4)`.mapWith(Number),
    })
    .from(serviceRatings)
    .where(and(inArray(serviceRatings.serviceId, [...serviceIds]), gte(serviceRatings.ratedAt, since)))
    .groupBy(serviceRatings.serviceId);
  return new Map(rows.map((row) => [row.serviceId, { count: row.count, average: row.average, satisfied: row.satisfied }]));
}

/** The latest comments on these services in a range, newest first, without who wrote them (service_ratings_service_idx). */
export function latestComments(db: Database, serviceIds: readonly string[], range: { start: Date; end: Date }, limit = 20) {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      applicationId: serviceRatings.applicationId,
      serviceId: serviceRatings.serviceId,
      rating: serviceRatings.rating,
      comment: serviceRatings.comment,
      ratedAt: serviceRatings.ratedAt,
    })
    .from(serviceRatings)
    .where(
      and(
        inArray(serviceRatings.serviceId, [...serviceIds]),
        gte(serviceRatings.ratedAt, range.start),
        lt(serviceRatings.ratedAt, range.end),
        isNotNull(serviceRatings.comment),
      ),
    )
    .orderBy(desc(serviceRatings.ratedAt))
    .limit(limit);
}
