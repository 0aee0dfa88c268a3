/**
 * The rules that keep a deploy whole: everything the schema accepts but the engine could not open
 * (a socket type its node's behaviour cannot run, a routing id over zeromq's 255 bytes, an IPv6
 * literal the sockets are not set up for, a transport zeromq has but the playground does not
 * open, a link that would dial another machine). Found here, before any socket opens, so a deploy
 * either applies whole or changes nothing.
 */
import type { Diagnostic } from "./diagnostics.js";
import { isLoopbackHost, parseEndpoint } from "./endpoint.js";
import { ERROR_CODES as E } from "./errors.js";
import type { GraphDoc } from "./graph.js";
import { capabilitiesOf, isOutside, ROLES, type Role } from "./roles.js";
import { ZMQ_SOCKET_TYPES, type SocketType } from "./socket-types.js";
import { phrase, type Phrase } from "./text.js";

type Finding = Omit<Diagnostic, "severity" | "message" | "phrase">;
type Report = (d: Finding, p: Phrase) => void;

/** zeromq's limit on a routing id (ZMQ_ROUTING_ID), in bytes. */
const MAX_ROUTING_ID_BYTES = 255;

/** The socket types a node of `role` can open, or null when any type is fine (an outside peer). */
function socketTypesFor(role: Role): readonly SocketType[] | null {
  const can = capabilitiesOf(role);
  if (can.outside) return null;
  if (can.anyZmqSocket) return ZMQ_SOCKET_TYPES.filter((t) => t !== "STREAM");
  return [...new Set(ROLES[role].sockets.map((s) => s.type))];
}

/** UTF-8 length, in the browser too (protocol runs in the canvas). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** True for `tcp://[...]:port` (an IPv6 literal). */
const isIpv6 = (raw: string) => /^tcp:\/\/\[/.test(raw);

export function checkRunnable(doc: GraphDoc, allowExternal: boolean, err: Report): void {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const node of doc.nodes) {
    const allowed = socketTypesFor(node.role);
    for (const s of node.sockets) {
      const where = { node: node.id, socket: s.id };
      if (allowed && !allowed.includes(s.type))
        err(
          { code: E.SOCKET_TYPE, ...where },
          phrase("diag.socketType", {
            socket: `${node.id}.${s.id}`,
            type: s.type,
            role: node.role,
            allowed: allowed.join(", "),
          }),
        );
      const id = s.options?.routingId;
      if (id !== undefined && utf8Bytes(id) > MAX_ROUTING_ID_BYTES)
        err(
          { code: E.ROUTING_ID, ...where },
          phrase("diag.routingIdBytes", {
            socket: `${node.id}.${s.id}`,
            bytes: utf8Bytes(id),
            limit: MAX_ROUTING_ID_BYTES,
          }),
        );
      for (const raw of s.bind)
        if (isIpv6(raw) && parseEndpoint(raw).ok)
          err(
            { code: E.IPV6, ...where },
            phrase("diag.ipv6", { socket: `${node.id}.${s.id}`, endpoint: raw }),
          );
    }
  }
  for (const link of doc.links) {
    if (link.endpoint !== undefined && isIpv6(link.endpoint))
      err(
        { code: E.IPV6, link: link.id },
        phrase("diag.ipv6", { socket: `link ${link.id}`, endpoint: link.endpoint }),
      );
    // An outside node's address is dialled by the playground: the loopback rule for binds
    // holds for it too, or a graph could make the gateway write to any host and port.
    const to = nodes.get(link.to.node);
    if (allowExternal || !to || !isOutside(to)) continue;
    const sock = to.sockets.find((s) => s.id === link.to.socket);
    for (const raw of link.endpoint !== undefined ? [link.endpoint] : (sock?.bind ?? [])) {
      const p = parseEndpoint(raw);
      if (p.ok && p.endpoint.transport === "tcp" && !isLoopbackHost(p.endpoint.host))
        err(
          { code: E.EXTERNAL_DIAL, link: link.id, node: to.id },
          phrase("diag.externalDial", { link: link.id, endpoint: raw }),
        );
    }
  }
}
