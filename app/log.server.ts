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

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (rank[level] < threshold) return;
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, msg };
  const requestId = currentRequestId();
  if (requestId) line.requestId = requestId;
  if (fields) {
    for (const [key, value] of Object.entries(fields)) {
      line[key] = value instanceof Error ? describeError(value) : value;
    }
  }
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
}

/** Structured JSON logs, one object a line. */
export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
