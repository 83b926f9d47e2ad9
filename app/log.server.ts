import { AsyncLocalStorage } from "node:async_hooks";

type Level = "debug" | "info" | "warn" | "error";
const rank: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

interface RequestContext {
  requestId: string;
}
const requestContext = new AsyncLocalStorage<RequestContext>();

let threshold: number = rank[(process.env.LOG_LEVEL as Level | undefined) ?? "info"] ?? rank.info;

export function setLogLevel(level: Level | "silent") {
  threshold = rank[level];
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

/** No value, and no line, may be longer than these: a hostile request must not fill the disk or the log pipeline. */
export const MAX_LOG_VALUE_CHARS = 2_000;
export const MAX_LOG_LINE_CHARS = 16_000;

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
  if (rank[level] < threshold) return;
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, msg: bounded(msg) };
  const requestId = currentRequestId();
  if (requestId) line.requestId = requestId;
  if (fields) {
    for (const [key, value] of Object.entries(fields)) line[key] = bounded(value);
  }
  let text = JSON.stringify(line);
  // Still too long (many fields): the fields go, the line says how long it was.
  if (text.length > MAX_LOG_LINE_CHARS)
    text = JSON.stringify({
      time: line.time,
      level,
      msg: line.msg,
      requestId,
      droppedFields: Object.keys(fields ?? {}).slice(0, 20),
      originalLength: text.length,
    });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${text}\n`);
}

/** Structured JSON logs, one object a line. */
export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
