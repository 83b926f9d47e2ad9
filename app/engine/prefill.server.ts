import type { Database } from "../../db/client";
import type { ServiceDefinition } from "../catalogue/types";
import { callAgency, type ExchangeConfig } from "../exchange/client.server";

function valueAt(data: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), data);
}

/**
 * What the government already knows, for the fields a service prefills: one call per agency
 * operation, on the applicant's behalf, logged like any other. Fields whose agency cannot answer
 * now are listed as unavailable (the form says so; the applicant is not asked to type them).
 */
export async function prefillAnswers(
  db: Database,
  exchange: ExchangeConfig,
  service: ServiceDefinition,
  applicant: { personId: string; civilId: string },
): Promise<{ values: Record<string, unknown>; unavailable: string[] }> {
  const fields = service.pages.flatMap((page) => page.fields).filter((field) => field.prefill);
  const operations = [...new Set(fields.map((field) => field.prefill!.operation))];
  const values: Record<string, unknown> = {};
  const unavailable: string[] = [];
  await Promise.all(
    operations.map(async (operation) => {
      const mine = fields.filter((field) => field.prefill!.operation === operation);
      try {
        const answer = await callAgency(db, exchange, {
          operation,
          payload: { civilId: applicant.civilId },
          callerServiceId: service.id,
          purpose: "Prefill the application form",
          applicationId: null,
          stepInstanceId: null,
          onBehalfOfPersonId: applicant.personId,
          onBehalfOfCivilId: applicant.civilId,
          attempt: 1,
        });
        for (const field of mine) {
          const value = answer.found ? valueAt(answer.data, field.prefill!.path) : undefined;
          if (value === undefined || value === null) unavailable.push(field.id);
          else values[field.id] = value;
        }
      } catch {
        unavailable.push(...mine.map((field) => field.id));
      }
    }),
  );
  return { values, unavailable };
}
