import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./common";

export const agencies = pgTable(
  "agencies",
  {
    id: text("id").primaryKey(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    websiteUrl: text("website_url"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [check("agencies_id_format", sql`${t.id} ~ '^[a-z][a-z0-9-]*$'`)],
);

/** Whom the portal's operators call at an agency, and for what (its exchange, its registry, its clerks). */
export const agencyContacts = pgTable(
  "agency_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    responsibility: text("responsibility").notNull(),
    email: text("email"),
    phone: text("phone"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    // Serves the agency page's list of its contacts.
    index("agency_contacts_agency_idx").on(t.agencyId, t.createdAt),
    check("agency_contacts_reachable", sql`${t.email} is not null or ${t.phone} is not null`),
  ],
);

/**
 * The Ed25519 public keys an agency signs its answers with, as it published them. An answer is
 * trusted when its key id names a key valid at that moment; a rotation adds the new key and gives
 * the old ones an end, so both verify during the overlap. An agency with no key here is trusted
 * with the key the portal derives for its simulated endpoint (or one set by AGENCY_PUBLIC_KEYS).
 */
export const agencyKeys = pgTable(
  "agency_keys",
  {
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    keyId: text("key_id").notNull(),
    /** The key as base64 SPKI DER. */
    publicKey: text("public_key").notNull(),
    /** SHA-256 of the DER, in hex: what an operator compares with the agency's published fingerprint. */
    fingerprint: text("fingerprint").notNull(),
    validFrom: timestamptz("valid_from").notNull().defaultNow(),
    validUntil: timestamptz("valid_until"),
    addedByAccountId: uuid("added_by_account_id"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.keyId] }),
    // The same key may not be registered twice, under two ids or for two agencies.
    uniqueIndex("agency_keys_fingerprint_unique").on(t.fingerprint),
    check("agency_keys_id_format", sql`${t.keyId} ~ '^[A-Za-z0-9._-]{3,64}$'`),
    check("agency_keys_validity", sql`${t.validUntil} is null or ${t.validUntil} > ${t.validFrom}`),
  ],
);

export type Agency = typeof agencies.$inferSelect;
export type AgencyContact = typeof agencyContacts.$inferSelect;
export type AgencyKey = typeof agencyKeys.$inferSelect;
