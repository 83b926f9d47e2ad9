import { boolean, date, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { placeName } from "../common";

// The demo register of the Ministry of Justice, read only by its simulated endpoint (app/agencies/moj/).

/** MOJ: registered marriage contracts. */
export const mojMarriageContracts = pgTable(
  "registry_moj_marriage_contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractNumber: text("contract_number").notNull(),
    husbandCivilId: text("husband_civil_id").notNull(),
    wifeCivilId: text("wife_civil_id").notNull(),
    contractDate: date("contract_date", { mode: "string" }).notNull(),
    isFirstMarriageOfHusband: boolean("is_first_marriage_of_husband").notNull(),
  },
  (t) => [uniqueIndex("moj_contract_number").on(t.contractNumber), index("moj_husband_idx").on(t.husbandCivilId)],
);

/** MOJ: real-estate ownership deeds. */
export const mojPropertyDeeds = pgTable(
  "registry_moj_property_deeds",
  {
    deedNumber: text("deed_number").primaryKey(),
    ownerCivilId: text("owner_civil_id").notNull(),
    governorate: text("governorate").notNull(),
    area: placeName("area"),
    block: text("block").notNull(),
    plot: text("plot").notNull(),
    registeredOn: date("registered_on", { mode: "string" }).notNull(),
  },
  (t) => [index("moj_deed_owner_idx").on(t.ownerCivilId)],
);
