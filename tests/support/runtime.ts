import path from "node:path";
import { createCatalogue } from "../../app/catalogue/registry";
import { Pki } from "../../app/certificates/pki.server";
import { certificateSigningKey } from "../../app/certificates/token.server";
import { parseEnv } from "../../app/env.server";
import { deriveExchangeKeys } from "../../app/exchange/signing.server";
import { installRuntime, type Runtime } from "../../app/runtime.server";
import type { TestDatabase } from "../setup/database";

/**
 * Installs the runtime that route loaders and actions read (getDb, getRuntime) over a test
 * database, with its data dir at `dataDir`: no scanner, no kiosk cards, no drills, an empty
 * catalogue unless one is given. `overrides` replace what a test needs.
 */
export function installTestRuntime(t: TestDatabase, dataDir: string, overrides: Partial<Runtime> = {}) {
  installRuntime({
    env: parseEnv({ DATA_DIR: dataDir }),
    database: t.handle,
    secrets: t.secrets,
    exchangeKeys: deriveExchangeKeys("x".repeat(40)),
    catalogue: createCatalogue([], {}),
    certificateKey: certificateSigningKey("test runtime root secret, long enough"),
    pki: new Pki(path.join(dataDir, "pki"), "p"),
    scanner: null,
    simulatedCards: [],
    drill: null,
    ...overrides,
  });
}
