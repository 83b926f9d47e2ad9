import { exchangeGrants } from "../../exchange/grants";
import { createCatalogue } from "../registry";
import type { ServiceDefinition } from "../types";
import { fireSafetyLicence } from "./fire-safety-licence/definition";
import { fireSafetyRenewal } from "./fire-safety-renewal/definition";
import { municipalLicenceRenewal } from "./municipal-licence-renewal/definition";
import { socialLoan } from "./social-loan/definition";

/** Every integrated service, registered once here. Adding one never changes the engine. */
export const integratedServices: ServiceDefinition[] = [socialLoan, fireSafetyLicence, fireSafetyRenewal, municipalLicenceRenewal];

export const catalogue = createCatalogue(integratedServices, exchangeGrants);
