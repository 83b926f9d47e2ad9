import { z } from "zod";
import { parseAddressRanges } from "./ops/address-ranges";

const booleanString = z.enum(["true", "false"]).transform((value) => value === "true");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    PUBLIC_ORIGIN: z
      .string()
      .url()
      .transform((value) => new URL(value).origin)
      .optional(),
    DEMO_DATA: booleanString.optional(),
    /**
     * The demo (its phone page, simulated KNET and card terminal, accounts with a published
     * password) is refused in production on a real database; only this lets a demo deployment run.
     */
    NAFITHA_ALLOW_DEMO_IN_PRODUCTION: booleanString.default(false),
    RUN_WORKER: booleanString.default(true),
    // How long a worker holds a job it claimed: one that died holding it gives it up after this.
    JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(120),
    // Holds the portal in read-only (maintenance) mode, whatever an administrator switches.
    READ_ONLY: booleanString.default(false),
    // Behind a reverse proxy, trust its X-Forwarded-For and X-Forwarded-Proto.
    TRUST_PROXY: booleanString.default(false),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    NAFITHA_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Nafitha <no-reply@nafitha.example>"),
    /** Where the simulated agencies answer; by default this same server. */
    EXCHANGE_BASE_URL: z.string().url().optional(),
    EXCHANGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** An agency link's circuit breaker: outages in a row that open it, the first wait before a probe, its cap, and the drain rate after. */
    EXCHANGE_CIRCUIT_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    EXCHANGE_CIRCUIT_PROBE_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
    EXCHANGE_CIRCUIT_MAX_PROBE_MS: z.coerce.number().int().min(100).max(3_600_000).default(300_000),
    EXCHANGE_DRAIN_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(10),
    AGENCY_URLS: z.string().optional(),
    AGENCY_FAULTS: z.string().optional(),
    AGENCY_PUBLIC_KEYS: z.string().optional(),
    /** Where the root CA and agency signing certificates live (default DATA_DIR/pki). */
    PKI_DIR: z.string().min(1).optional(),
    /** ClamAV's daemon, which scans every upload: tcp://host:port or unix:/path/to/clamd.ctl. Unset: uploads are not scanned (said at start-up and to administrators). */
    CLAMAV_URL: z
      .string()
      .regex(/^(tcp:\/\/[^/:]+:\d+\/?|unix:.+)$/, "must be tcp://host:port or unix:/path/to/clamd.ctl")
      .optional(),
    // Who may read /metrics: a bearer token, and/or clients in these address ranges (CIDR, comma-separated).
    METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
    METRICS_ALLOW: z
      .string()
      .refine((value) => parseAddressRanges(value) !== null, "must be address ranges such as 10.0.0.0/8,127.0.0.1/32,::1/128")
      .optional(),
    // Operators' drills (npm run drill) on a demo deployment: the bearer token /ops/drill asks for.
    OPERATOR_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
    // The standalone worker's own /metrics listener (the servers answer /metrics on PORT).
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
    SESSION_IDLE_MINUTES_CITIZEN: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_IDLE_MINUTES_STAFF: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
  })
  .transform((env) => ({
    ...env,
    // The embedded database is the demo; a real server gets demo data only when asked.
    DEMO_DATA: env.DEMO_DATA ?? env.DATABASE_URL === undefined,
  }));

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Nafitha cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses the environment once, at start-up. A bad setting stops the process with its name. */
export function parseEnv(environment: Record<string, string | undefined> = process.env): Env {
  // An empty setting (`DATABASE_URL=` in a shell or .env) means "not set".
  const source = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ""));
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const given = source[name];
        return `${name}: ${issue.message}${given === undefined ? "" : ` (got "${given}")`}`;
      }),
    );
  }
  if (result.data.NODE_ENV === "production" && result.data.DATABASE_URL && !result.data.NAFITHA_SECRET) {
    throw new EnvError(["NAFITHA_SECRET: required in production with DATABASE_URL (the key that seals TOTP secrets)"]);
  }
  if (isProductionDeployment(result.data) && result.data.DEMO_DATA && !result.data.NAFITHA_ALLOW_DEMO_IN_PRODUCTION) {
    throw new EnvError([
      "DEMO_DATA: the demo cannot run in production on a real database: it brings a demo phone page that shows every text message, simulated KNET and card-terminal payments that take no money, and demo accounts whose password is published. Unset DEMO_DATA; or, for a demonstration deployment only, set NAFITHA_ALLOW_DEMO_IN_PRODUCTION=true",
    ]);
  }
  return result.data;
}

/** Production on a real database: where nothing of the demo may run unless explicitly allowed. */
export function isProductionDeployment(env: Pick<Env, "NODE_ENV" | "DATABASE_URL">): boolean {
  return env.NODE_ENV === "production" && Boolean(env.DATABASE_URL);
}
