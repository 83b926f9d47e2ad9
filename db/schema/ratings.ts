import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { timestamptz } from "./common";

/**
 * What an applicant thought of a service, once per application (changed, not added to, when they
 * rate again): 1 to 5, and a comment if they wish. The public performance page publishes only the
 * average and the count per service; comments are for the portal's staff.
 */
export const serviceRatings = pgTable(
  "service_ratings",
  {
    applicationId: uuid("application_id")
      .primaryKey()
      .references(() => applications.id, { onDelete: "cascade" }),
    /** The application's service (a copy, so that the averages read one index). */
    serviceId: text("service_id").notNull(),
    rating: integer("rating").notNull(),
    comment: text("comment"),
    ratedAt: timestamptz("rated_at").notNull().defaultNow(),
  },
  (t) => [
    index("service_ratings_service_idx").on(t.serviceId, t.ratedAt),
    check("service_ratings_rating_range", sql`${t.rating} between 1 and 5`),
    check("service_ratings_comment_length", sql`${t.comment} is null or char_length(${t.comment}) between 1 and 1000`),
  ],
);

export type ServiceRating = typeof serviceRatings.$inferSelect;
