/** Parsing and classifying ZeroMQ endpoints (`tcp://host:port`, `ipc://name`, `inproc://name`). */
import { english, phrase, type Phrase } from "./text.js";

export type Transport = "tcp" | "ipc" | "inproc";

export type ParsedEndpoint =
  | { transport: "tcp"; host: string; port: number; raw: string }
  | { transport: "ipc"; path: string; raw: string }
  | { transport: "inproc"; name: string; raw: string };

export type EndpointParse =
  | { ok: true; endpoint: ParsedEndpoint }
  /** `reason` is `phrase` in English. */
  | { ok: false; reason: string; phrase: Phrase };

function refuse(p: Phrase): EndpointParse {
  return { ok: false, reason: english(p), phrase: p };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Parses an endpoint string; the reason on failure is one line a person can act on. */
export function parseEndpoint(raw: string): EndpointParse {
  const m = /^([a-z]+):\/\/(.*)$/.exec(raw);
  if (!m) return refuse(phrase("endpoint.notEndpoint", { raw }));
  const [, scheme, rest = ""] = m;
  if (scheme === "tcp") {
    const t = /^(\[[0-9a-fA-F:]+\]|[^:/\s]+):(\d{1,6})$/.exec(rest);
    if (!t) return refuse(phrase("endpoint.needsHostPort", { raw }));
    const port = Number(t[2]);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      return refuse(phrase("endpoint.portRange", { port: t[2]! }));
    return { ok: true, endpoint: { transport: "tcp", host: t[1]!, port, raw } };
  }
  if (scheme === "ipc") {
    // ipc names live in the gateway's sandbox folder: no paths, so `..` and absolute paths cannot escape it.
    if (!NAME.test(rest) || rest.includes(".."))
      return refuse(phrase("endpoint.ipcName", { name: rest }));
    return { ok: true, endpoint: { transport: "ipc", path: rest, raw } };
  }
  if (scheme === "inproc") {
    if (!NAME.test(rest)) return refuse(phrase("endpoint.inprocName", { name: rest }));
    return { ok: true, endpoint: { transport: "inproc", name: rest, raw } };
  }
  return refuse(phrase("endpoint.transport", { scheme: scheme! }));
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** True for hosts that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The key two binds collide on: `*` and `0.0.0.0` take the port on every interface. */
export function bindKey(ep: ParsedEndpoint): string {
  if (ep.transport === "tcp") return `tcp:${ep.port}`;
  if (ep.transport === "ipc") return `ipc:${ep.path}`;
  return `inproc:${ep.name}`;
}

/** Whether two tcp binds collide (same port and overlapping interface). */
export function bindsCollide(a: ParsedEndpoint, b: ParsedEndpoint): boolean {
  if (a.transport !== b.transport) return false;
  if (a.transport === "tcp" && b.transport === "tcp") {
    if (a.port !== b.port) return false;
    const wild = (h: string) => h === "*" || h === "0.0.0.0";
    return wild(a.host) || wild(b.host) || normHost(a.host) === normHost(b.host);
  }
  return bindKey(a) === bindKey(b);
}

function normHost(h: string): string {
  return h === "localhost" ? "127.0.0.1" : h;
}

/** The address a connecting socket dials for a bound endpoint (`*` becomes loopback). */
export function connectAddressFor(bound: string): string {
  return bound
    .replace("tcp://*:", "tcp://127.0.0.1:")
    .replace("tcp://0.0.0.0:", "tcp://127.0.0.1:");
}
