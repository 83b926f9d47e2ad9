import { grantChecker, type Grants } from "../exchange/grants";
import type { ServiceDefinition, Text } from "./types";

export interface Catalogue {
  readonly services: readonly ServiceDefinition[];
  /** The definition an application was made under (exact version), or the latest. */
  get(serviceId: string, version?: number): ServiceDefinition | undefined;
  readonly grants: Grants;
  isGranted(serviceId: string, operation: string): boolean;
  /** A service's title in a language; for an application of a service the portal no longer defines, words that say so. */
  titleOf(serviceId: string, language: keyof Text, version?: number): string;
}

const NO_LONGER_DEFINED: Text = { ar: "خدمة لم تعد تقدمها البوابة", en: "A service the portal no longer offers" };

export function createCatalogue(services: readonly ServiceDefinition[], grants: Grants): Catalogue {
  const byKey = new Map(services.map((service) => [`${service.id}@${service.version}`, service]));
  const latest = new Map<string, ServiceDefinition>();
  for (const service of services) {
    const current = latest.get(service.id);
    if (!current || current.version < service.version) latest.set(service.id, service);
  }
  const get = (serviceId: string, version?: number) => (version === undefined ? latest.get(serviceId) : byKey.get(`${serviceId}@${version}`));
  return {
    services,
    get,
    grants,
    isGranted: grantChecker(grants),
    titleOf: (serviceId, language, version) => (get(serviceId, version) ?? get(serviceId))?.title[language] ?? NO_LONGER_DEFINED[language],
  };
}
