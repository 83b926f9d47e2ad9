/**
 * The governance registry: which service may call which agency operation. A service's exchange
 * steps may use only what is granted here (the catalogue check refuses the rest), and the
 * exchange refuses an ungranted call at run time.
 */
export type Grants = Readonly<Record<string, readonly string[]>>;

export const exchangeGrants: Grants = {
  // The portal itself: registration and password reset find the person and their phone at PACI.
  "portal-accounts": ["paci.person"],
  // Staff administration: a member of staff is invited by civil ID, found at PACI.
  "portal-staff": ["paci.person"],
  // Kiosks: the person of the card inserted, and whether the PIN typed is the card's.
  "portal-kiosk": ["paci.person", "paci.verify-card-pin"],
  "social-loan": ["paci.person", "moj.marriage-contract", "moj.property-deed", "pifss.employment", "kcb.loans", "kcb.record-loan"],
  "fire-safety-licence": ["moci.signatory-companies", "moci.company", "kff.open-slots", "kff.book-slot", "kff.record-licence"],
  "fire-safety-renewal": ["moci.signatory-companies", "moci.company", "kff.company-licences", "kff.licence", "kff.renew-licence"],
  "municipal-licence-renewal": ["moci.signatory-companies", "moci.company", "km.company-licences", "km.licence", "kff.premises-licences", "km.renew-licence"],
};

export function grantChecker(grants: Grants) {
  return (serviceId: string, operation: string) => grants[serviceId]?.includes(operation) ?? false;
}
