import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { paciPeople } from "../../../db/schema/registries/paci";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import { verifyPassword } from "../../auth/password.server";
import { cardPinOperation, personOperation } from "./contracts";

/** PACI's simulated endpoint: answers from the demo civil registry. */
export const paciEndpoint: AgencyEndpoint = {
  agency: "paci",
  operations: {
    [personOperation.name]: async (db: Database, request) => {
      const { civilId } = personOperation.request.parse(request);
      const [person] = await db.select().from(paciPeople).where(eq(paciPeople.civilId, civilId));
      if (!person) return { status: "not-found" };
      const { governorate, area, block, street, building } = person;
      return {
        status: "ok",
        payload: {
          civilId: person.civilId,
          nameAr: person.nameAr,
          nameEn: person.nameEn,
          nationality: person.nationality,
          birthDate: person.birthDate,
          sex: person.sex,
          address: { governorate, area, block, street, building },
          phone: person.phone,
          email: person.email,
        },
      };
    },
    [cardPinOperation.name]: async (db: Database, request) => {
      const { civilId, pin } = cardPinOperation.request.parse(request);
      const [person] = await db.select({ cardPinHash: paciPeople.cardPinHash }).from(paciPeople).where(eq(paciPeople.civilId, civilId));
      if (!person?.cardPinHash) return { status: "not-found" };
      return { status: "ok", payload: { isMatch: await verifyPassword(person.cardPinHash, pin) } };
    },
  },
};
