import { z } from "zod";

/**
 * A premises as the fire force and the municipality both record it: its PACI automated address
 * number (الرقم الآلي للعنوان), by which they agree on a place, and its address.
 */
export const premisesShape = {
  premisesNumber: z.string().regex(/^\d{8}$/),
  governorate: z.string(),
  area: z.string(),
  block: z.string(),
  street: z.string(),
  building: z.string(),
  unit: z.string(),
};

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
