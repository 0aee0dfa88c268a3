/**
 * The loopback-narrowed run: a document that binds other machines could reach (`tcp://*:5555`),
 * run on a gateway without `--allow-external`, with each such bind narrowed to this machine only
 * (`tcp://127.0.0.1:5555`). The document itself is never changed; the page deploys the narrowed
 * copy and says so on the nodes it narrowed.
 */
import { isLoopbackHost, parseEndpoint } from "./endpoint.js";
import type { GraphDoc } from "./graph.js";
import { isOutside } from "./roles.js";

export interface Narrowed {
  doc: GraphDoc;
  /** Node id → the binds narrowed, as `from → to`. */
  nodes: Record<string, { from: string; to: string }[]>;
}

/** The loopback address that stands for a host: IPv6 hosts narrow to ::1, the rest to 127.0.0.1. */
function loopbackFor(host: string): string {
  return host.startsWith("[") || host === "::" ? "[::1]" : "127.0.0.1";
}

/** The endpoint narrowed to loopback, or null when it already is loopback (or is not tcp). */
export function narrowBind(raw: string): string | null {
  const p = parseEndpoint(raw);
  if (!p.ok || p.endpoint.transport !== "tcp" || isLoopbackHost(p.endpoint.host)) return null;
  return `tcp://${loopbackFor(p.endpoint.host)}:${p.endpoint.port}`;
}

/** The document with every non-loopback tcp bind of a playground node narrowed to loopback. */
export function narrowToLoopback(doc: GraphDoc): Narrowed {
  const nodes: Narrowed["nodes"] = {};
  const out: GraphDoc = {
    ...doc,
    nodes: doc.nodes.map((node) => {
      // An outside peer's endpoint is someone else's address: the playground binds nothing there.
      if (isOutside(node)) return node;
      let changed = false;
      const sockets = node.sockets.map((s) => {
        const bind = s.bind.map((raw) => {
          const to = narrowBind(raw);
          if (to === null) return raw;
          changed = true;
          (nodes[node.id] ??= []).push({ from: raw, to });
          return to;
        });
        return bind.some((b, i) => b !== s.bind[i]) ? { ...s, bind } : s;
      });
      return changed ? { ...node, sockets } : node;
    }),
  };
  if (!Object.keys(nodes).length) return { doc, nodes };
  // A link that names the bind it dials must name the narrowed one.
  out.links = doc.links.map((l) => {
    const to = l.endpoint === undefined ? null : narrowBind(l.endpoint);
    return to === null ? l : { ...l, endpoint: to };
  });
  return { doc: out, nodes };
}
