import type { Channel } from "../../db/schema";

/** What the audit log and throttling need to know about the request behind an action. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  channel: Channel;
}

export function requestMeta(request: Request, context: { requestId?: string; ip?: string } | undefined, channel: Channel = "web"): RequestMeta {
  return {
    requestId: (context?.requestId ?? request.headers.get("x-request-id") ?? "unknown").slice(0, 100),
    // An address is at most 45 characters (IPv6 with IPv4 inside); anything longer is not one.
    ip: context?.ip ? context.ip.slice(0, 64) : null,
    userAgent: request.headers.get("user-agent")?.slice(0, 500) ?? null,
    channel,
  };
}

/** What an audit event records of the request behind it. */
export function auditFields(meta: RequestMeta) {
  return { channel: meta.channel, requestId: meta.requestId, ip: meta.ip };
}
