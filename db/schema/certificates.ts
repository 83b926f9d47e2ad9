import { index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { timestamptz } from "./common";
import { people } from "./people";

export const certificateStatuses = ["valid", "revoked"] as const;
export const certificateStatusEnum = pgEnum("certificate_status", certificateStatuses);

/** A certificate issued at the end of an application: its number, its verification code and what it says. */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .unique()
      .references(() => applications.id, { onDelete: "restrict" }),
    serviceId: text("service_id").notNull(),
    /** FSL-2026-000123: per service prefix and year, gap-free. */
    number: text("number").notNull().unique(),
    /** Unguessable, for the public verify page. */
    verificationCode: text("verification_code").notNull().unique(),
    holderPersonId: uuid("holder_person_id")
      .notNull()
      .references(() => people.id),
    signingAgencyId: text("signing_agency_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    status: certificateStatusEnum("status").notNull().default("valid"),
    issuedAt: timestamptz("issued_at").notNull(),
    expiresAt: timestamptz("expires_at"),
    revokedAt: timestamptz("revoked_at"),
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("certificates_holder_idx").on(t.holderPersonId, t.issuedAt)],
);

export type Certificate = typeof certificates.$inferSelect;
