import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { people, type Person } from "../../db/schema";

export interface PersonInput {
  civilId: string;
  nameAr: string;
  nameEn: string;
  nationality?: string;
  phone?: string | null;
  email?: string | null;
  preferredLanguage?: "ar" | "en";
}

/** The person with this civil ID, recorded as given the first time they are met (a kiosk card, the seed). */
export async function ensurePerson(db: Database, input: PersonInput): Promise<Person> {
  await db
    .insert(people)
    .values({ nationality: "KWT", ...input })
    .onConflictDoNothing({ target: people.civilId });
  const [person] = await db.select().from(people).where(eq(people.civilId, input.civilId));
  return person!;
}
