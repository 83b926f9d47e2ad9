import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { timestamptz } from "./common";
import { people } from "./people";

export const accountKinds = ["citizen", "staff", "kiosk"] as const;
export type AccountKind = (typeof accountKinds)[number];
export const accountKindEnum = pgEnum("account_kind", accountKinds);

export const staffRoles = ["clerk", "supervisor", "admin"] as const;
export type StaffRole = (typeof staffRoles)[number];
export const staffRoleEnum = pgEnum("staff_role", staffRoles);

/**
 * A way to sign in. Citizens and residents sign in by their person's civil ID, staff by
 * username, kiosks by device code (kept in `username`). The checks make the other shapes
 * impossible: a staff account without a person, a kiosk with one, a citizen with a username.
 */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: accountKindEnum("kind").notNull(),
    personId: uuid("person_id").references(() => people.id, { onDelete: "restrict" }),
    username: text("username").unique(),
    passwordHash: text("password_hash").notNull(),
    /** TOTP secret, encrypted with the portal's data key (AES-256-GCM). */
    totpSecretSealed: text("totp_secret_sealed"),
    totpEnrolledAt: timestamptz("totp_enrolled_at"),
    /** The last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    disabledAt: timestamptz("disabled_at"),
    lastSignInAt: timestamptz("last_sign_in_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_person_kind_unique").on(t.personId, t.kind),
    check(
      "accounts_kind_shape",
      sql`(${t.kind} = 'citizen' and ${t.personId} is not null and ${t.username} is null)
       or (${t.kind} = 'staff' and ${t.personId} is not null and ${t.username} is not null)
       or (${t.kind} = 'kiosk' and ${t.personId} is null and ${t.username} is not null)`,
    ),
    check("accounts_totp_enrolled_has_secret", sql`${t.totpEnrolledAt} is null or ${t.totpSecretSealed} is not null`),
  ],
);

/** What a staff account may do, and for which agency. A clerk also names a position (e.g. loan-officer). */
export const accountRoles = pgTable(
  "account_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    role: staffRoleEnum("role").notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "restrict" }),
    position: text("position"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("account_roles_unique").on(t.accountId, t.role, sql`coalesce(${t.agencyId}, '')`, sql`coalesce(${t.position}, '')`),
    index("account_roles_agency_role_idx").on(t.agencyId, t.role),
    check("account_roles_agency_required", sql`${t.role} = 'admin' or ${t.agencyId} is not null`),
    check("account_roles_clerk_position", sql`(${t.role} = 'clerk') = (${t.position} is not null)`),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type AccountRole = typeof accountRoles.$inferSelect;

export const oneTimeCodePurposes = ["register", "reset-password"] as const;
export type OneTimeCodePurpose = (typeof oneTimeCodePurposes)[number];

/**
 * A code sent by SMS to the phone PACI holds for a civil ID, to register or to reset a password.
 * Only its HMAC is kept. `person` is what PACI said, for the account a registration creates.
 */
export const oneTimeCodes = pgTable(
  "one_time_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: text("purpose").$type<OneTimeCodePurpose>().notNull(),
    civilId: text("civil_id").notNull(),
    codeHash: text("code_hash").notNull(),
    phone: text("phone").notNull(),
    person: jsonb("person").$type<{ nameAr: string; nameEn: string; nationality: string; phone: string; email: string | null }>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("one_time_codes_civil_id_idx").on(t.civilId, t.createdAt)],
);
