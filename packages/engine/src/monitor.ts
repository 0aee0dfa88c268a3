/**
 * zeromq monitor events (socket.events) into `monitor` events and SocketStatus. Consumed with
 * for-await only (mixing it with `.on` breaks the observer); the loop ends when the socket closes.
 */
import type { NodeStatus, SocketStatus } from "@zmqp/protocol";
import type { SocketEntry } from "./sockets/registry.js";

export interface MonitorEvent {
  event: string;
  address?: string;
  detail?: string;
}

/**
 * Applies one monitor event to a socket's status; returns true when the status changed. `bound`
 * and `connecting` are kept by the runner (it knows the document's addresses, the monitor shows
 * resolved ones).
 */
export function applyMonitor(status: SocketStatus, ev: MonitorEvent): boolean {
  const before = JSON.stringify(status);
  status.lastEvent = ev.event;
  switch (ev.event) {
    case "handshake":
      status.peers++;
      break;
    case "disconnect":
      status.peers = Math.max(0, status.peers - 1);
      break;
  }
  return JSON.stringify(status) !== before;
}

function describe(ev: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  if (typeof ev.interval === "number") parts.push(`retry in ${ev.interval} ms`);
  const err = ev.error as { message?: string; code?: string } | undefined;
  if (err?.message) parts.push(err.code ? `${err.code}: ${err.message}` : err.message);
  return parts.length ? parts.join("; ") : undefined;
}

/**
 * Reports a socket's monitor events until the observer ends. That is after the socket closed:
 * its listeners' `close` come then (the runner waits for them), and on `end` the observer closes
 * itself; an observer left unread would keep two zeromq sockets open until a GC.
 */
export async function watchSocket(entry: SocketEntry, on: (ev: MonitorEvent) => void) {
  try {
    for await (const raw of entry.sock.events) {
      const ev = raw as unknown as Record<string, unknown>;
      const m: MonitorEvent = { event: String(ev.type) };
      if (typeof ev.address === "string") m.address = ev.address;
      const detail = describe(ev);
      if (detail) m.detail = detail;
      on(m);
    }
  } catch {
    // The socket closed while we read its events (ENOTSOCK / EAGAIN): a normal end.
  }
}

/** A copy of a node status, by hand: structuredClone costs microseconds on every REQ round trip. */
export function cloneStatus(s: NodeStatus): NodeStatus {
  const sockets: NodeStatus["sockets"] = {};
  for (const id in s.sockets) {
    const x = s.sockets[id]!;
    const c: SocketStatus = {
      type: x.type,
      bound: x.bound.slice(),
      connecting: x.connecting.slice(),
      peers: x.peers,
    };
    if (x.lastEvent !== undefined) c.lastEvent = x.lastEvent;
    if (x.error) c.error = { ...x.error };
    sockets[id] = c;
  }
  const out: NodeStatus = { state: s.state, sockets };
  if (s.activity !== undefined) out.activity = s.activity;
  if (s.detail !== undefined) out.detail = s.detail;
  return out;
}
