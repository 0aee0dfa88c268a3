/**
 * The state a recording rebuilds at a moment, and the one reducer that folds entries into it. The
 * recorder runs it live (keyframes, exact counters while sampling) and the replay runs it again on
 * open: one function, so what was recorded and what is replayed cannot drift apart.
 */
import type {
  GraphDoc,
  LinkCounters,
  NodeCounters,
  NodeStatus,
  RuntimeEvent,
} from "@zmqp/protocol";
import type { RecordEntry } from "./format.js";
import { countMessage, node, socket } from "./counting.js";
import { applyTally } from "./tally.js";

export interface ReplayState {
  /** Time of the last entry applied (epoch ms); 0 before any. */
  t: number;
  running: boolean;
  /** The run stopped: the next node status belongs to a new run, whose counters start at zero. */
  ended: boolean;
  deployId: number;
  /** The document running at this moment. */
  doc: GraphDoc | null;
  nodes: Record<string, NodeStatus>;
  counters: { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> };
  /** Messages sampled away up to this moment (counted in the counters all the same). */
  sampled: number;
  /**
   * The newest event of every other type (`timeline`, `observed`, and state events added to the
   * protocol later): recorded and replayed without this package knowing them.
   */
  latest: Record<string, RuntimeEvent>;
}

/** Event types folded into named fields above; every other type lands in `latest`. */
const FOLDED = new Set([
  "runtime",
  "status",
  "counters",
  "message",
  "drop",
  "error",
  "log",
  "monitor",
  "wire",
]);

export function emptyState(): ReplayState {
  return {
    t: 0,
    running: false,
    ended: false,
    deployId: 0,
    doc: null,
    nodes: {},
    counters: { nodes: {}, links: {} },
    sampled: 0,
    latest: {},
  };
}

export function cloneCounters(c: ReplayState["counters"]): ReplayState["counters"] {
  const nodes: Record<string, NodeCounters> = {};
  for (const [id, n] of Object.entries(c.nodes)) {
    const sockets: NodeCounters["sockets"] = {};
    for (const [k, s] of Object.entries(n.sockets)) sockets[k] = { ...s };
    const peers: NodeCounters["peers"] = {};
    for (const [k, p] of Object.entries(n.peers)) peers[k] = { ...p };
    nodes[id] = { ...n, dropReasons: { ...n.dropReasons }, peers, sockets };
  }
  const links: Record<string, LinkCounters> = {};
  for (const [id, l] of Object.entries(c.links)) links[id] = { ...l };
  return { nodes, links };
}

/** A copy that shares nothing mutable (the document is never mutated, so it is shared). */
export function cloneState(s: ReplayState): ReplayState {
  return {
    ...s,
    nodes: structuredClone(s.nodes),
    counters: cloneCounters(s.counters),
    latest: { ...s.latest },
  };
}

export function applyEntry(s: ReplayState, entry: RecordEntry): void {
  switch (entry.k) {
    case "e":
      applyEvent(s, entry.e);
      return;
    case "doc":
      s.t = Math.max(s.t, entry.t);
      s.doc = entry.doc;
      return;
    case "tally":
      s.t = Math.max(s.t, entry.t);
      s.sampled += entry.n;
      applyTally(s.counters, entry.m);
      return;
    case "sync":
      s.t = Math.max(s.t, entry.t);
      s.counters = cloneCounters(entry.counters);
      return;
  }
}

function applyEvent(s: ReplayState, e: RuntimeEvent): void {
  s.t = Math.max(s.t, e.t);
  switch (e.type) {
    case "runtime":
      s.running = e.state === "running";
      s.ended = e.state === "stopped";
      s.deployId = e.deployId;
      return;
    case "status":
      // The engine zeroes its counters as a deploy from stopped begins, before any node starts.
      if (s.ended) {
        s.counters = { nodes: {}, links: {} };
        s.nodes = {};
        s.ended = false;
      }
      s.nodes[e.node] = e.status;
      return;
    case "counters":
      // The engine's own exact snapshot: it wins over anything added up since.
      s.counters = cloneCounters({ nodes: e.nodes, links: e.links });
      return;
    case "message":
      countMessage(s.counters, e, 1);
      return;
    case "drop": {
      const n = node(s.counters, e.node);
      n.dropped += e.count;
      const left = (n.dropReasons[e.reason] ?? 0) + e.count;
      if (left > 0) n.dropReasons[e.reason] = left;
      else delete n.dropReasons[e.reason];
      socket(n, e.socket).dropped += e.count;
      return;
    }
    case "error": {
      const n = node(s.counters, e.node);
      n.errors++;
      if (e.socket) socket(n, e.socket).errors++;
      return;
    }
    default:
      if (!FOLDED.has(e.type)) s.latest[e.type] = e;
  }
}
