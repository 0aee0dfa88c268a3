/**
 * What `zmqp attach` saw: a ZeroMQ system the playground did not start, discovered from captured
 * ZMTP traffic. One node per process (or per address when the process is unknown: a remote peer,
 * a pcap file), one socket per local endpoint, one link per TCP connection. Everything here was
 * read off the wire or out of /proc; what could not be read (a CURVE peer's socket type) is null,
 * never guessed. `observedDoc` turns it into a document the canvas can draw (read-only).
 */
import type { SocketType } from "./socket-types.js";

export interface ObservedProcess {
  pid: number;
  /** The command line, arguments joined by spaces (at most 256 characters). */
  command: string;
}

export interface ObservedSocket {
  /** Unique within its node: `bind-5555` (the listening port) or `conn-48213` (the local port). */
  id: string;
  /** READY's Socket-Type (INITIATE's for a PLAIN client); null until seen or when encrypted (CURVE). */
  type: SocketType | null;
  /** `bind`: it listened (took the SYN); `connect`: it sent the SYN. */
  side: "bind" | "connect";
  /** Its own address: the listening one for a bind socket, the local port for a connect socket. */
  endpoint: string;
  /** READY's Identity (the routing id this socket announced), when it set one. */
  identity?: string;
  /** Security mechanism from the greeting: NULL, PLAIN, CURVE. */
  mechanism?: string;
  /** Topics this socket subscribed to on the wire (SUB/XSUB), in order, without repeats. */
  subscriptions: string[];
  /** TCP connections of this socket open now. */
  open: number;
}

export interface ObservedNode {
  /** `p1234` for a process, `a127.0.0.1-5555` for an address whose process is unknown. */
  id: string;
  /** Short name: the program (`python3 hello_rep.py`) or the address. */
  label: string;
  /** Resolved through /proc for a local peer; absent for a remote peer or a pcap file. */
  process?: ObservedProcess;
  /** The host the node's sockets use (`127.0.0.1`, `::1`, `10.0.0.5`). */
  host: string;
  sockets: ObservedSocket[];
}

export interface ObservedLink {
  /** One per TCP connection: `l48213-5555` (connecting port, listening port). */
  id: string;
  /** The connecting socket (sent the SYN). */
  from: { node: string; socket: string };
  /** The binding socket (listened). */
  to: { node: string; socket: string };
  /** The address dialled, `tcp://127.0.0.1:5555`. */
  endpoint: string;
  state: "open" | "closed";
  mechanism?: string;
  /** CURVE: message bodies are encrypted; counts are of encrypted frames, not messages. */
  encrypted: boolean;
  /** Epoch ms of the SYN (or the first packet seen) and of the FIN/RST. */
  opened: number;
  closed?: number;
}

export interface ObservedGraph {
  /** Where the traffic came from. */
  source: { kind: "live"; iface: string } | { kind: "pcap"; file: string };
  nodes: ObservedNode[];
  links: ObservedLink[];
}

/** Per-link counts of an attach session (messages, or frames on an encrypted link). */
export interface ObservedLinkCount {
  forward: number;
  backward: number;
  unit: "messages" | "frames";
}

/** The one line `zmqp attach` ends with. */
export interface AttachSummary {
  type: "summary";
  graph: ObservedGraph;
  links: Record<string, ObservedLinkCount>;
  /** TCP connections seen that were not ZMTP (no ZMTP greeting), ignored. */
  ignoredConnections: number;
  packets: number;
  durationMs: number;
}

/** Shown for a socket whose type is not known (yet, or because CURVE encrypts READY). */
export const UNKNOWN_SOCKET_TYPE = "?";

/** The socket type to show: the observed one, or `?`. */
export function shownType(s: ObservedSocket): string {
  return s.type ?? UNKNOWN_SOCKET_TYPE;
}
