/**
 * The rules for one link, in one place: `validateGraph` applies them to every link of a document
 * and the canvas to the link a person is drawing (`linkRefusal`), so what can be drawn is exactly
 * what a document may hold. Each finding is a stable code and a reason phrase that does not name
 * the link (a drawn link has no name yet); the document's diagnostic wraps it in `diag.link`.
 */
import type { Diagnostic } from "./diagnostics.js";
import { ERROR_CODES as E, type ErrorCode } from "./errors.js";
import type { GraphDoc, GraphNode } from "./graph.js";
import { compatible, peersOf } from "./socket-types.js";
import { phrase, type Phrase } from "./text.js";

export interface SocketRef {
  node: string;
  socket: string;
}

/** What a link joins: a connecting socket (`from`), a binding one (`to`), maybe one of its addresses. */
export interface LinkEnds {
  from: SocketRef;
  to: SocketRef;
  endpoint?: string;
}

export interface LinkFinding {
  code: ErrorCode;
  /** Errors make a document undeployable; warnings only flag it. The canvas refuses either. */
  severity: Diagnostic["severity"];
  reason: Phrase;
  /** The node the finding is shown on. */
  node?: string;
}

type NodeIndex = ReadonlyMap<string, GraphNode>;

/** A key for the pair of sockets a link joins (two links joining one pair are one too many). */
export function pairKey(link: LinkEnds): string {
  return JSON.stringify([link.from.node, link.from.socket, link.to.node, link.to.socket]);
}

/**
 * Every rule `link` breaks, in the order a person should hear them. `linked` holds the `pairKey`s
 * of the links already in the document before this one.
 */
export function checkLink(
  link: LinkEnds,
  nodes: NodeIndex,
  linked: ReadonlySet<string>,
): LinkFinding[] {
  const from = nodes.get(link.from.node);
  const to = nodes.get(link.to.node);
  if (!from || !to) {
    const node = !from ? link.from.node : link.to.node;
    return [error(E.UNKNOWN_NODE, phrase("link.unknownNode", { node }))];
  }
  const fs = from.sockets.find((s) => s.id === link.from.socket);
  const ts = to.sockets.find((s) => s.id === link.to.socket);
  if (!fs || !ts) {
    const [node, socket] = !fs ? [from.id, link.from.socket] : [to.id, link.to.socket];
    return [error(E.UNKNOWN_SOCKET, phrase("link.unknownSocket", { node, socket }))];
  }
  // A node stands for one program: its sockets talk to other programs, not to each other.
  if (from.id === to.id)
    return [error(E.SELF_LINK, phrase("link.self", { node: from.id }), from.id)];
  const out: LinkFinding[] = [];
  if (!compatible(fs.type, ts.type))
    out.push(
      error(
        E.INCOMPATIBLE,
        phrase("link.incompatible", {
          from: fs.type,
          to: ts.type,
          peers: peersOf(fs.type).join(", "),
        }),
        from.id,
      ),
    );
  const target = `${to.id}.${ts.id}`;
  if (ts.bind.length === 0)
    out.push(
      error(
        E.CONNECT_TO_NOTHING,
        phrase("link.bindsNothing", { socket: target, type: ts.type }),
        to.id,
      ),
    );
  else if (link.endpoint !== undefined && !ts.bind.includes(link.endpoint))
    out.push(
      error(
        E.CONNECT_TO_NOTHING,
        phrase("link.endpointNotBound", { endpoint: link.endpoint, socket: target }),
      ),
    );
  // zeromq lets a socket bind and dial, but the canvas draws a socket as one or the other, so a
  // link from a binding socket would hang off the wrong side: said, not refused.
  if (fs.bind.length > 0)
    out.push({
      code: E.BINDING_DIALS,
      severity: "warning",
      reason: phrase("link.bindsAddress", { socket: `${from.id}.${fs.id}`, type: fs.type }),
      node: from.id,
    });
  if (linked.has(pairKey(link)))
    out.push({ code: E.DUPLICATE_LINK, severity: "warning", reason: phrase("link.already") });
  return out;
}

/**
 * Why the canvas will not draw a link from `from` (connecting) to `to` (binding) in `doc`, or null
 * when it may: the first rule of `checkLink` the new link would break, error or warning.
 */
export function linkRefusal(
  doc: Pick<GraphDoc, "nodes" | "links">,
  from: SocketRef,
  to: SocketRef,
): LinkFinding | null {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const linked = new Set(doc.links.map(pairKey));
  return checkLink({ from, to }, nodes, linked)[0] ?? null;
}

function error(code: ErrorCode, reason: Phrase, node?: string): LinkFinding {
  return node === undefined
    ? { code, severity: "error", reason }
    : { code, severity: "error", reason, node };
}
