import { z } from "zod";

/** A name a registry holds in both languages (an area, a street, a unit), as the exchange carries it. */
export const bilingual = z.object({ ar: z.string().min(1), en: z.string().min(1) });

/**
 * A premises as the fire force and the municipality both record it: its PACI automated address
 * number (الرقم الآلي للعنوان), by which they agree on a place, and its address in both languages.
 */
export const premisesShape = {
  premisesNumber: z.string().regex(/^\d{8}$/),
  governorate: z.string(),
  area: bilingual,
  block: z.string(),
  street: bilingual,
  building: z.string(),
  unit: bilingual,
};

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
