import { exchangeGrants } from "../../exchange/grants";
import { createCatalogue } from "../registry";
import type { ServiceDefinition } from "../types";

/** Every integrated service, registered once here. Adding one never changes the engine. */
export const integratedServices: ServiceDefinition[] = [];

export const catalogue = createCatalogue(integratedServices, exchangeGrants);
