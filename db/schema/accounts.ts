import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { timestamptz } from "./common";
import { people } from "./people";

export const accountKinds = ["citizen", "staff", "kiosk"] as const;
export type AccountKind = (typeof accountKinds)[number];
export const accountKindEnum = pgEnum("account_kind", accountKinds);

/**
 * A clerk decides the tasks of their position; a supervisor oversees their agency; an agency
 * administrator manages their agency's staff; a portal administrator runs the portal.
 */
export const staffRoles = ["clerk", "supervisor", "admin", "agency-admin"] as const;
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

/**
 * An invitation to join the staff: the person (found at PACI when invited), the role it grants
 * and where. Only the HMAC of its one-time token is kept; accepting it creates the account, once.
 * A newer invitation for the same person replaces an open one.
 */
export const staffInvitations = pgTable(
  "staff_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    role: staffRoleEnum("role").notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "restrict" }),
    position: text("position"),
    invitedByAccountId: uuid("invited_by_account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "restrict" }),
    expiresAt: timestamptz("expires_at").notNull(),
    acceptedAt: timestamptz("accepted_at"),
    acceptedAccountId: uuid("accepted_account_id").references(() => accounts.id, { onDelete: "restrict" }),
    revokedAt: timestamptz("revoked_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    // One open invitation per person; serves "is this person already invited".
    uniqueIndex("staff_invitations_open_person_unique")
      .on(t.personId)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    // Serves the invitations list of an agency, newest first.
    index("staff_invitations_agency_idx").on(t.agencyId, t.createdAt),
    check("staff_invitations_agency_required", sql`${t.role} = 'admin' or ${t.agencyId} is not null`),
    check("staff_invitations_clerk_position", sql`(${t.role} = 'clerk') = (${t.position} is not null)`),
    check("staff_invitations_accepted_shape", sql`(${t.acceptedAt} is null) = (${t.acceptedAccountId} is null)`),
  ],
);

export type StaffInvitation = typeof staffInvitations.$inferSelect;
