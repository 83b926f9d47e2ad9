import { and, eq, gt, inArray, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { exchangeAgencyIds } from "../agencies";
import { agencyLinks } from "../../db/schema";

export interface AgencyLinkSetting {
  agencyId: string;
  baseUrl?: string | null;
  latencyMs?: number;
  errorRate?: number;
  isDown?: boolean;
}

/**
 * Reads `AGENCY_URLS` ("kcb=https://kcb.example/exchange;moj=…") and `AGENCY_FAULTS`
 * ("kcb:down;moj:latency=2000;pifss:errors=0.5") into one setting per agency.
 */
export function parseAgencyLinkSettings(urls: string | undefined, faults: string | undefined): AgencyLinkSetting[] {
  const settings = new Map<string, AgencyLinkSetting>();
  const known = [...exchangeAgencyIds].sort();
  const of = (agencyId: string, setting: string) => {
    if (!known.includes(agencyId)) throw new Error(`${setting}: unknown agency "${agencyId}" (the agencies on the exchange: ${known.join(", ")})`);
    return settings.get(agencyId) ?? settings.set(agencyId, { agencyId }).get(agencyId)!;
  };
  for (const entry of (urls ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [agencyId, url] = entry.split(/=(.*)/s);
    if (!agencyId || !url) throw new Error(`AGENCY_URLS: "${entry}" is not agency=url`);
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      throw new Error(`AGENCY_URLS: "${url.trim()}" is not a URL (for ${agencyId.trim()})`);
    }
    of(agencyId.trim(), "AGENCY_URLS").baseUrl = parsed.toString().replace(/\/$/, "");
  }
  for (const entry of (faults ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [agencyId, fault] = entry.split(":");
    if (!agencyId || !fault) throw new Error(`AGENCY_FAULTS: "${entry}" is not agency:fault`);
    const setting = of(agencyId.trim(), "AGENCY_FAULTS");
    const [name, value] = fault.split("=");
    if (name === "down") setting.isDown = true;
    else if (name === "latency" && Number(value) >= 0) setting.latencyMs = Number(value);
    else if (name === "errors" && Number(value) >= 0 && Number(value) <= 1) setting.errorRate = Number(value);
    else throw new Error(`AGENCY_FAULTS: unknown fault "${fault}" (down, latency=<ms>, errors=<0..1>)`);
  }
  return [...settings.values()];
}

/**
 * Writes agency link settings; what a setting leaves out goes back to its default. The injected
 * faults follow the settings: an agency no longer named in `AGENCY_FAULTS` answers normally again.
 */
export async function applyAgencyLinks(db: Database, settings: AgencyLinkSetting[]): Promise<void> {
  const named = settings.map((setting) => setting.agencyId);
  await db
    .update(agencyLinks)
    .set({ latencyMs: 0, errorRate: 0, isDown: false, updatedAt: sql`now()` })
    .where(
      and(
        or(eq(agencyLinks.isDown, true), gt(agencyLinks.latencyMs, 0), gt(agencyLinks.errorRate, 0)),
        named.length ? notInArray(agencyLinks.agencyId, named) : undefined,
      ),
    );
  for (const setting of settings) {
    const values = {
      agencyId: setting.agencyId,
      baseUrl: setting.baseUrl ?? null,
      latencyMs: setting.latencyMs ?? 0,
      errorRate: setting.errorRate ?? 0,
      isDown: setting.isDown ?? false,
      updatedAt: new Date(),
    };
    await db
      .insert(agencyLinks)
      .values(values)
      .onConflictDoUpdate({ target: agencyLinks.agencyId, set: { ...values, updatedAt: sql`now()` } });
  }
}

export type SimulatedFaults = Partial<Pick<AgencyLinkSetting, "isDown" | "latencyMs" | "errorRate">>;

/** Sets the faults injected into an agency's simulated endpoint (a drill, an operator clearing them); what is not named is left. */
export async function setSimulatedFaults(db: Database, agencyId: string, faults: SimulatedFaults): Promise<void> {
  await db
    .insert(agencyLinks)
    .values({ agencyId, ...faults })
    .onConflictDoUpdate({ target: agencyLinks.agencyId, set: { ...faults, updatedAt: sql`now()` } });
}

/** How the portal reaches an agency, as its administrators see it; defaults when it has no row. */
export async function getAgencyLink(db: Database, agencyId: string) {
  const [link] = await db
    .select({ baseUrl: agencyLinks.baseUrl, maintenanceSince: agencyLinks.maintenanceSince, maintenanceUntil: agencyLinks.maintenanceUntil })
    .from(agencyLinks)
    .where(eq(agencyLinks.agencyId, agencyId));
  return link ?? { baseUrl: null, maintenanceSince: null, maintenanceUntil: null };
}

export type AgencyLinkChange = { baseUrl: string | null } | { maintenanceSince: Date | null; maintenanceUntil: Date | null };

/**
 * Changes how the portal reaches an agency, in the caller's transaction (the row is made if the
 * agency has none); returns the link as it was, for the audit record.
 */
export async function changeAgencyLink(tx: Database, agencyId: string, change: AgencyLinkChange) {
  await tx.insert(agencyLinks).values({ agencyId }).onConflictDoNothing({ target: agencyLinks.agencyId });
  const [before] = await tx
    .select({ baseUrl: agencyLinks.baseUrl, maintenanceSince: agencyLinks.maintenanceSince, maintenanceUntil: agencyLinks.maintenanceUntil })
    .from(agencyLinks)
    .where(eq(agencyLinks.agencyId, agencyId))
    .for("update");
  await tx
    .update(agencyLinks)
    .set({ ...change, updatedAt: sql`now()` })
    .where(eq(agencyLinks.agencyId, agencyId));
  return before!;
}

/** Which of these agencies are under maintenance at `now`, with the end each was given (null when none was). */
export async function agenciesUnderMaintenance(db: Database, agencyIds: string[], now = new Date()): Promise<Map<string, Date | null>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .select({ agencyId: agencyLinks.agencyId, maintenanceSince: agencyLinks.maintenanceSince, maintenanceUntil: agencyLinks.maintenanceUntil })
    .from(agencyLinks)
    .where(inArray(agencyLinks.agencyId, agencyIds));
  return new Map(rows.filter((row) => isMaintenanceNow(row, now)).map((row) => [row.agencyId, row.maintenanceUntil]));
}

/** Under maintenance at `now`: begun, and not past the end it was given (an end passed resumes the calls by itself). */
export function isMaintenanceNow(link: { maintenanceSince: Date | null; maintenanceUntil: Date | null }, now = new Date()): boolean {
  return link.maintenanceSince !== null && link.maintenanceSince <= now && (link.maintenanceUntil === null || link.maintenanceUntil > now);
}

/** What an applicant waiting on an agency is told of its link: under maintenance (until when), or not answering. */
export interface LinkCondition {
  maintenance: { until: Date | null } | null;
  /** The link's circuit is open (or probing): the agency failed repeatedly and is not called for now. */
  isNotAnswering: boolean;
}

export async function linkConditionsOf(db: Database, agencyIds: string[], now = new Date()): Promise<Map<string, LinkCondition>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .select({
      agencyId: agencyLinks.agencyId,
      maintenanceSince: agencyLinks.maintenanceSince,
      maintenanceUntil: agencyLinks.maintenanceUntil,
      circuitState: agencyLinks.circuitState,
    })
    .from(agencyLinks)
    .where(inArray(agencyLinks.agencyId, agencyIds));
  return new Map(
    rows.map((row) => [
      row.agencyId,
      { maintenance: isMaintenanceNow(row, now) ? { until: row.maintenanceUntil } : null, isNotAnswering: row.circuitState !== "closed" },
    ]),
  );
}
