import { grantChecker, type Grants } from "../exchange/grants";
import type { ServiceDefinition } from "./types";

export interface Catalogue {
  readonly services: readonly ServiceDefinition[];
  /** The definition an application was made under (exact version), or the latest. */
  get(serviceId: string, version?: number): ServiceDefinition | undefined;
  readonly grants: Grants;
  isGranted(serviceId: string, operation: string): boolean;
}

export function createCatalogue(services: readonly ServiceDefinition[], grants: Grants): Catalogue {
  const byKey = new Map(services.map((service) => [`${service.id}@${service.version}`, service]));
  const latest = new Map<string, ServiceDefinition>();
  for (const service of services) {
    const current = latest.get(service.id);
    if (!current || current.version < service.version) latest.set(service.id, service);
  }
  return {
    services,
    get: (serviceId, version) => (version === undefined ? latest.get(serviceId) : byKey.get(`${serviceId}@${version}`)),
    grants,
    isGranted: grantChecker(grants),
  };
}
