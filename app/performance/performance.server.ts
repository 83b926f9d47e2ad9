import type { Database } from "../../db/client";
import type { ServiceDefinition } from "../catalogue/types";
import { addDays, kuwaitToday } from "../i18n/dates";
import { ratingsOf } from "../ratings/ratings.server";
import { durationsOf, volumesOf } from "../reports/queries.server";

// The public performance of each integrated service: how many applied and how many were decided
// over the last 90 days, how long a decision typically took, and what applicants thought of it
// over the last year. Only aggregates, and none over too few people to keep them unknown: a figure
// of fewer than 10 applications or 5 ratings is not published. Read at most every 10 minutes.

export const PERFORMANCE_DAYS = 90;
export const RATING_DAYS = 365;
export const MIN_APPLICATIONS = 10;
export const MIN_RATINGS = 5;
const FRESH_MS = 10 * 60_000;

export interface ServicePerformance {
  serviceId: string;
  /** Null when fewer applications than MIN_APPLICATIONS were received: too few to publish. */
  volumes: { received: number; approved: number; rejected: number; withdrawn: number } | null;
  /** Submission to decision, for those approved or refused; null when too few were decided. */
  times: { decided: number; medianSeconds: number; p90Seconds: number } | null;
  /** Null when too few ratings were given. */
  satisfaction: { count: number; average: number; satisfiedShare: number } | null;
}

export interface Performance {
  from: string;
  to: string;
  services: ServicePerformance[];
  at: Date;
}

export async function measurePerformance(db: Database, services: readonly Pick<ServiceDefinition, "id" | "agency">[], now = new Date()): Promise<Performance> {
  const to = kuwaitToday(now);
  const from = addDays(to, -(PERFORMANCE_DAYS - 1));
  const scope = { services: services.map(({ id, agency }) => ({ id, agency })) };
  const filters = { from, to, service: null, bucket: "week" as const };
  const [volumes, durations, ratings] = await Promise.all([
    volumesOf(db, scope, filters),
    durationsOf(db, scope, filters),
    ratingsOf(
      db,
      services.map((service) => service.id),
      new Date(now.getTime() - RATING_DAYS * 86_400_000),
    ),
  ]);
  return {
    from,
    to,
    at: now,
    services: services.map((service) => {
      const own = volumes.filter((row) => row.serviceId === service.id);
      const sum = (key: "received" | "approved" | "rejected" | "withdrawn") => own.reduce((total, row) => total + row[key], 0);
      const received = sum("received");
      const time = durations.find((row) => row.of.kind === "service" && row.of.id === service.id);
      const rating = ratings.get(service.id);
      return {
        serviceId: service.id,
        volumes: received >= MIN_APPLICATIONS ? { received, approved: sum("approved"), rejected: sum("rejected"), withdrawn: sum("withdrawn") } : null,
        times:
          time && time.decided >= MIN_APPLICATIONS && time.medianSeconds !== null && time.p90Seconds !== null
            ? { decided: time.decided, medianSeconds: time.medianSeconds, p90Seconds: time.p90Seconds }
            : null,
        satisfaction:
          rating && rating.count >= MIN_RATINGS ? { count: rating.count, average: rating.average, satisfiedShare: rating.satisfied / rating.count } : null,
      };
    }),
  };
}

let cached: Performance | null = null;

/** The figures, measured again when the last measure is over 10 minutes old (a public page must not cost a query per visit). */
export async function currentPerformance(db: Database, services: readonly Pick<ServiceDefinition, "id" | "agency">[], now = new Date()): Promise<Performance> {
  if (!cached || now.getTime() - cached.at.getTime() > FRESH_MS) cached = await measurePerformance(db, services, now);
  return cached;
}
