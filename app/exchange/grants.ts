/**
 * The governance registry: which service may call which agency operation. A service's exchange
 * steps may use only what is granted here (the catalogue check refuses the rest), and the
 * exchange refuses an ungranted call at run time.
 */
export type Grants = Readonly<Record<string, readonly string[]>>;

export const exchangeGrants: Grants = {};

export function grantChecker(grants: Grants) {
  return (serviceId: string, operation: string) => grants[serviceId]?.includes(operation) ?? false;
}
