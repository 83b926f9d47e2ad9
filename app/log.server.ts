import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

// Structured JSON logs, one object a line, through pino: every line inside a request carries its
// request id; secrets, tokens, passwords, codes and civil IDs are redacted wherever they appear in
// a line's fields; and no value, nor any line, grows past a bound (a hostile request must not fill
// the disk or the log pipeline). Warnings and errors go to stderr, the rest to stdout.

type Level = "debug" | "info" | "warn" | "error";

interface RequestContext {
  requestId: string;
}
const requestContext = new AsyncLocalStorage<RequestContext>();

/** No value, and no line, may be longer than these. */
export const MAX_LOG_VALUE_CHARS = 2_000;
export const MAX_LOG_LINE_CHARS = 16_000;

/** Field names whose values never reach a log line, at the top or one level down. */
const SECRET_FIELDS = ["password", "pin", "code", "secret", "token", "cookie", "authorization", "civilId", "iban", "sealed"];
const REDACTED = "[redacted]";

const destination = pino.multistream(
  [
    { level: "debug", stream: process.stdout },
    { level: "warn", stream: process.stderr },
  ],
  { dedupe: true },
);

const logger = pino(
  {
    level: (process.env.LOG_LEVEL as Level | "silent" | undefined) ?? "info",
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: REDACTED },
    mixin: () => {
      const requestId = requestContext.getStore()?.requestId;
      return requestId ? { requestId } : {};
    },
  },
  destination,
);

export function setLogLevel(level: Level | "silent") {
  logger.level = level;
}

/** Runs `fn` with a request id that every log line written inside it carries. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

function describeError(error: Error): Record<string, unknown> {
  const described: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  // Driver errors wrap the database's own message (e.g. drizzle's "Failed query") in `cause`.
  if (error.cause instanceof Error) described.cause = describeError(error.cause);
  else if (error.cause !== undefined) described.cause = String(error.cause);
  return described;
}

/** The value with every string cut to size, at any depth (arrays and objects to a bounded breadth too). */
function bounded(value: unknown, depth = 0): unknown {
  if (typeof value === "string")
    return value.length > MAX_LOG_VALUE_CHARS ? `${value.slice(0, MAX_LOG_VALUE_CHARS)}…[${value.length - MAX_LOG_VALUE_CHARS} more characters]` : value;
  if (value instanceof Error) return bounded(describeError(value), depth);
  if (depth > 5 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => bounded(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .slice(0, 50)
      .map(([key, item]) => [key.slice(0, 100), bounded(item, depth + 1)]),
  );
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (!logger.isLevelEnabled(level)) return;
  let line = fields ? (bounded(fields) as Record<string, unknown>) : {};
  // Still too long (many fields): the fields go, the line says how long they were.
  const length = JSON.stringify(line).length;
  if (length > MAX_LOG_LINE_CHARS) line = { droppedFields: Object.keys(fields ?? {}).slice(0, 20), originalLength: length };
  logger[level](line, bounded(msg) as string);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
