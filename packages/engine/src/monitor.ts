/**
 * zeromq monitor events (socket.events) into `monitor` events and SocketStatus. Consumed with
 * for-await only (mixing it with `.on` breaks the observer); the loop ends when the socket closes.
 */
import { english, phrase, type NodeStatus, type Phrase, type SocketStatus } from "@zmqp/protocol";
import type { SocketEntry } from "./sockets/registry.js";

export interface MonitorEvent {
  event: string;
  address?: string;
  detail?: string;
  detailPhrase?: Phrase;
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

/** The extra words of a monitor event: a retry interval (ours) or zeromq's error (verbatim). */
function describe(ev: Record<string, unknown>): Pick<MonitorEvent, "detail" | "detailPhrase"> {
  const err = ev.error as { message?: string; code?: string } | undefined;
  const zmq = err?.message ? (err.code ? `${err.code}: ${err.message}` : err.message) : undefined;
  if (typeof ev.interval !== "number") return zmq ? { detail: zmq } : {};
  const retry = phrase("monitor.retryIn", { ms: ev.interval });
  // Both: zeromq's words stay verbatim after ours.
  if (zmq) return { detail: `${english(retry)}; ${zmq}` };
  return { detail: english(retry), detailPhrase: retry };
}

/**
 * A STREAM socket's peer is plain TCP: when it closes its end, libzmq reports a failed "handshake"
 * (EPIPE or ECONNRESET) before the disconnect. That is the peer leaving, and the detail says so
 * (zeromq's own words kept after ours).
 */
function peerClosed(
  ev: Record<string, unknown>,
): Pick<MonitorEvent, "detail" | "detailPhrase"> | null {
  const err = ev.error as { message?: string; code?: string } | undefined;
  if (ev.type !== "handshake:error:other" || (err?.code !== "EPIPE" && err?.code !== "ECONNRESET"))
    return null;
  const said = phrase("monitor.peerClosed", { error: `${err.code}: ${err.message ?? ""}` });
  return { detail: english(said), detailPhrase: said };
}

/**
 * Reports a socket's monitor events until the observer ends. That is after the socket closed:
 * its listeners' `close` come then (the runner waits for them), and on `end` the observer closes
 * itself; an observer left unread would keep two zeromq sockets open until a GC.
 */
export async function watchSocket(
  entry: SocketEntry,
  on: (ev: MonitorEvent, errorCode?: string) => void,
) {
  try {
    for await (const raw of entry.sock.events) {
      const ev = raw as unknown as Record<string, unknown>;
      const m: MonitorEvent = { event: String(ev.type) };
      if (typeof ev.address === "string") m.address = ev.address;
      Object.assign(m, entry.type === "STREAM" ? (peerClosed(ev) ?? describe(ev)) : describe(ev));
      on(m, (ev.error as { code?: string } | undefined)?.code);
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
  if (s.detailPhrase !== undefined) out.detailPhrase = s.detailPhrase;
  return out;
}
