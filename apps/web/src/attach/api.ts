/** The gateway's attach routes (token as a bearer header, JSON both ways). */
import type { AttachSummary, ObservedGraph } from "@zmqp/protocol";
import { getToken } from "../gateway/token.js";

export interface AttachState {
  allowed: boolean;
  active: boolean;
  ports: string | null;
  graph: ObservedGraph | null;
}

/** A refusal from the gateway: its stable code and sentence. */
export class AttachError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const token = getToken();
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (method === "POST") headers["content-type"] = "application/json";
  const res = await fetch(path, {
    method,
    headers,
    ...(method === "POST" ? { body: JSON.stringify(body ?? {}) } : {}),
  });
  const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok)
    throw new AttachError(json.code ?? `HTTP ${res.status}`, json.message ?? res.statusText);
  return json as T;
}

export const attachApi = {
  state: () => call<AttachState>("GET", "/api/attach"),
  start: (ports: string) => call<AttachState>("POST", "/api/attach", { ports }),
  stop: () => call<{ summary: AttachSummary | null }>("POST", "/api/attach/stop"),
};
