/**
 * The gateway's trust rules in one place, pure so they are easy to test: token comparison, which
 * Host and Origin headers are ours, and the cookie that carries the token after the first page load.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/** A fresh token per process: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Constant-time comparison. Both sides are hashed first so the comparison never depends on the
 * length or content of the candidate (timingSafeEqual throws on unequal lengths).
 */
export function tokenMatches(expected: string, candidate: string | undefined): boolean {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > 512)
    return false;
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(candidate).digest();
  return timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Splits `host:port` / `[v6]:port`; null when the header is not a plain authority. */
function splitAuthority(value: string): { name: string; port: string | null } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s@]+)(?::(\d{1,5}))?$/.exec(value);
  if (!m) return null;
  return { name: m[1]!.toLowerCase(), port: m[2] ?? null };
}

export interface HostPolicy {
  /**
   * The address the server listens on when it is not loopback (`--allow-external`). IP-literal Host
   * headers for it are accepted too: DNS rebinding needs a name, an IP literal cannot be rebound.
   */
  externalHost?: string;
}

/** Whether a Host header names this gateway (loopback names, or our own IP when external). */
export function hostAllowed(header: string | undefined, policy: HostPolicy = {}): boolean {
  if (!header) return false;
  const auth = splitAuthority(header);
  if (!auth) return false;
  if (LOOPBACK_NAMES.has(auth.name)) return true;
  const ext = policy.externalHost;
  if (!ext) return false;
  const bare = auth.name.replace(/^\[|\]$/g, "");
  if (isIP(bare) === 0) return false;
  if (ext === "0.0.0.0" || ext === "::") return true;
  return bare === ext.replace(/^\[|\]$/g, "");
}

/**
 * Whether an Origin header is the gateway's own: http, a name the Host check accepts, and the same
 * port as the Host the request was sent to. `extra` lists origins allowed on purpose (a dev server).
 */
export function originAllowed(
  origin: string,
  host: string | undefined,
  policy: HostPolicy = {},
  extra: readonly string[] = [],
): boolean {
  if (extra.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" || url.pathname !== "/" || url.username || url.password)
    return false;
  if (origin !== url.origin) return false;
  if (!hostAllowed(url.host, policy)) return false;
  const hostAuth = host ? splitAuthority(host) : null;
  if (!hostAuth) return false;
  const originPort = url.port || "80";
  return originPort === (hostAuth.port ?? "80");
}

/** Cookie names are shared by every port of a host, so the name carries the port. */
export function cookieName(host: string | undefined): string {
  const port = (host && splitAuthority(host)?.port) || "80";
  return `zmqp_token_${port}`;
}

/** Reads one cookie from a Cookie header without a parser dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function isLoopbackListenHost(host: string): boolean {
  return (
    host === "127.0.0.1" ||
    host === "localhost" ||
    host === "::1" ||
    host === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
