/**
 * ZeroMQ socket types and which pairs may talk (ZMTP RFC 37, verified on libzmq 4.3.5:
 * an incompatible pair neither errors nor retries, it just disconnects, so we refuse it up front).
 */
export const ZMQ_SOCKET_TYPES = [
  "REQ",
  "REP",
  "DEALER",
  "ROUTER",
  "PUB",
  "SUB",
  "XPUB",
  "XSUB",
  "PUSH",
  "PULL",
  "PAIR",
  "STREAM",
] as const;

/** `TCP` is not a ZeroMQ socket: it is a plain TCP client (Node's `net`), for the wire lessons. */
export const SOCKET_TYPES = [...ZMQ_SOCKET_TYPES, "TCP"] as const;
export type SocketType = (typeof SOCKET_TYPES)[number];

const PEERS: Record<SocketType, readonly SocketType[]> = {
  REQ: ["REP", "ROUTER"],
  REP: ["REQ", "DEALER"],
  DEALER: ["REP", "DEALER", "ROUTER"],
  ROUTER: ["REQ", "DEALER", "ROUTER"],
  PUB: ["SUB", "XSUB"],
  XPUB: ["SUB", "XSUB"],
  SUB: ["PUB", "XPUB"],
  XSUB: ["PUB", "XPUB"],
  PUSH: ["PULL"],
  PULL: ["PUSH"],
  PAIR: ["PAIR"],
  // STREAM speaks raw TCP, so its only sensible peer is a raw TCP client.
  STREAM: ["TCP"],
  // A raw TCP client may dial anything: dialling a ZMTP socket is how you see the greeting bytes.
  TCP: ["STREAM", ...ZMQ_SOCKET_TYPES.filter((t) => t !== "STREAM")],
};

/** True when a socket of type `a` can exchange messages with one of type `b` (symmetric). */
export function compatible(a: SocketType, b: SocketType): boolean {
  // `?.`: an observed socket whose type is unknown (`?`, see observed.ts) is compatible with nothing.
  return PEERS[a]?.includes(b) ?? false;
}

/** The types a socket of type `t` may be linked to, for palettes and error messages. */
export function peersOf(t: SocketType): readonly SocketType[] {
  return PEERS[t] ?? [];
}

/** Socket types whose receive loop gets messages (PUB and PUSH never receive). */
export function canReceive(t: SocketType): boolean {
  return t !== "PUB" && t !== "PUSH";
}

/** Socket types that can send (SUB and PULL never send data). */
export function canSend(t: SocketType): boolean {
  return t !== "SUB" && t !== "PULL";
}
