import type { Database } from "../../db/client";
import { runRule } from "../catalogue/rules";
import type { ServiceDefinition } from "../catalogue/types";
import { callAgency, type ExchangeConfig } from "../exchange/client.server";
import { kuwaitToday } from "../i18n/dates";

export interface LookupOutcome {
  /** By lookup id, in the shape exchange steps leave: `{ found: true, …data }` or `{ found: false }`. */
  lookups: Record<string, unknown>;
  /** Lookups whose agency could not answer now (the form says so; nothing is asked instead). */
  unavailable: string[];
}

/**
 * What the government already knows, before the form: the service's lookups, in order, each one
 * call on the applicant's behalf, logged like any other exchange call. A lookup whose agency is
 * down, or that needs one that failed, is listed as unavailable.
 */
export async function runLookups(
  db: Database,
  exchange: ExchangeConfig,
  service: ServiceDefinition,
  applicant: { personId: string; civilId: string },
  now = new Date(),
): Promise<LookupOutcome> {
  const lookups: Record<string, unknown> = {};
  const unavailable: string[] = [];
  for (const lookup of service.lookups ?? []) {
    try {
      const payload = runRule(lookup.request, { answers: {}, lookups, results: {}, applicant, reference: "", today: kuwaitToday(now) });
      const answer = await callAgency(db, exchange, {
        operation: lookup.operation,
        payload,
        callerServiceId: service.id,
        purpose: lookup.purpose.en,
        applicationId: null,
        stepInstanceId: null,
        onBehalfOfPersonId: applicant.personId,
        onBehalfOfCivilId: applicant.civilId,
        attempt: 1,
      });
      lookups[lookup.id] = answer.found ? { found: true, ...answer.data } : { found: false };
    } catch {
      unavailable.push(lookup.id);
    }
  }
  return { lookups, unavailable };
}
