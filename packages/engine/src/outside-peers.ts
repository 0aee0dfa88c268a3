/**
 * Who is on the other end of a bound tcp socket. zeromq's monitor names only the local endpoint on
 * `accept` and `disconnect`, so the engine reads the kernel's connection table (Linux
 * /proc/net/tcp and tcp6) and keeps the peers that are not sockets of this process: programs
 * outside the playground, in another language or on another host. Without /proc it finds nothing.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { english, phrase, type GraphSocket, type NodeStatus } from "@zmqp/protocol";
import type { Core } from "./core.js";
import type { MonitorEvent } from "./monitor.js";

interface Conn {
  local: string;
  remote: string;
  inode: string;
}

/** "0100007F:15B3" → "127.0.0.1:5555"; tcp6 words are little-endian 32-bit groups. */
export function parseProcAddress(hex: string): string {
  const [addr = "", port = "0"] = hex.split(":");
  const p = parseInt(port, 16);
  const bytes: number[] = [];
  for (let w = 0; w < addr.length; w += 8)
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(addr.slice(w + b, w + b + 2), 16));
  if (bytes.length === 4) return `${bytes.join(".")}:${p}`;
  const mapped = bytes.slice(0, 10).every((x) => x === 0) && bytes[10] === 255 && bytes[11] === 255;
  if (mapped) return `${bytes.slice(12).join(".")}:${p}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `[${groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::")}]:${p}`;
}

function established(): Conn[] {
  const out: Conn[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(file, "latin1");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // st 01 = ESTABLISHED; field 9 is the socket's inode.
      if (f.length < 10 || f[3] !== "01") continue;
      out.push({ local: parseProcAddress(f[1]!), remote: parseProcAddress(f[2]!), inode: f[9]! });
    }
  }
  return out;
}

function ownSocketInodes(): Set<string> {
  const own = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync("/proc/self/fd");
  } catch {
    return own;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) own.add(m[1]!);
    } catch {
      // closed while we looked
    }
  }
  return own;
}

const portOf = (hostPort: string) => Number(hostPort.slice(hostPort.lastIndexOf(":") + 1));

/** Remote "host:port" of this process's connections on local `port` whose peer is not ours. */
export function outsidePeers(port: number): Set<string> {
  const conns = established();
  const own = ownSocketInodes();
  // The local ends of our own sockets: a connection coming from one of them is the playground's.
  const ours = new Set(conns.filter((c) => own.has(c.inode)).map((c) => c.local));
  const peers = new Set<string>();
  for (const c of conns)
    if (portOf(c.local) === port && own.has(c.inode) && !ours.has(c.remote)) peers.add(c.remote);
  return peers;
}

/** Tracks the outside peers of one bound port between monitor events. */
export class OutsideWatch {
  private known = new Set<string>();
  constructor(readonly port: number) {}

  /** Peers that arrived and left since the last call (call it on accept and disconnect). */
  update(): { arrived: string[]; left: string[] } {
    const now = outsidePeers(this.port);
    const arrived = [...now].filter((p) => !this.known.has(p));
    const left = [...this.known].filter((p) => !now.has(p));
    this.known = now;
    return { arrived, left };
  }
}

/** The part of a node runner the outside reports touch (kept narrow so runners stay small). */
export interface OutsideTarget {
  readonly id: string;
  readonly status: NodeStatus;
  emitStatus(): void;
}

/** Shows an outside connection on an external node: a monitor event, and its peer count. */
export function applyOutside(core: Core, target: OutsideTarget, socket: string, ev: MonitorEvent) {
  core.emit({ type: "monitor", t: core.now(), node: target.id, socket, ...ev });
  const st = target.status.sockets[socket];
  if (!st) return;
  st.lastEvent = ev.event;
  if (ev.event === "accept" || ev.event === "handshake") st.peers++;
  if (ev.event === "disconnect") st.peers = Math.max(0, st.peers - 1);
  target.emitStatus();
}

/** Monitor events of a connecting socket worth showing on the external node it dials. */
const MIRRORED = new Set(["handshake", "disconnect"]);

/**
 * For one playground socket: a function to call with each of its monitor events, which reports
 * the outside side of them, or null when nothing outside is involved.
 * - A bound tcp socket: peers that are not playground sockets are looked up on accept and
 *   disconnect, and shown on the external node linked to it (on the socket itself otherwise).
 * - A socket linked to an external node's bound address: its handshakes and disconnects are
 *   mirrored on that external node.
 */
export function outsideReporter(core: Core, node: string, s: GraphSocket) {
  const doc = core.doc;
  if (!doc) return null;
  const external = (id: string) => doc.nodes.find((n) => n.id === id)?.role === "external";
  const inbound = doc.links.find(
    (l) => l.to.node === node && l.to.socket === s.id && external(l.from.node),
  );
  const outbound = doc.links.find(
    (l) => l.from.node === node && l.from.socket === s.id && external(l.to.node),
  );
  const port = s.bind
    .map((b) => /^tcp:\/\/.+:(\d+)$/.exec(b)?.[1])
    .find((p): p is string => p !== undefined);
  const watch = port ? new OutsideWatch(Number(port)) : null;
  if (!watch && !outbound) return null;
  return (ev: MonitorEvent) => {
    if (watch && (ev.event === "accept" || ev.event === "disconnect")) {
      const { arrived, left } = watch.update();
      const detailPhrase = phrase("monitor.outsidePeerOf", { socket: `${node}.${s.id}` });
      const detail = english(detailPhrase);
      const report = (event: string, a: string) => {
        const e = { event, address: `tcp://${a}`, detail, detailPhrase };
        if (inbound) core.outside(inbound.from.node, inbound.from.socket, e);
        // No external node drawn for it: the bound socket itself names the outside peer.
        else core.emit({ type: "monitor", t: core.now(), node, socket: s.id, ...e });
      };
      for (const a of arrived) report("accept", a);
      for (const a of left) report("disconnect", a);
    } else if (outbound && MIRRORED.has(ev.event)) {
      const detailPhrase = phrase("monitor.from", { socket: `${node}.${s.id}` });
      core.outside(outbound.to.node, outbound.to.socket, {
        ...ev,
        detail: english(detailPhrase),
        detailPhrase,
      });
    }
  };
}
