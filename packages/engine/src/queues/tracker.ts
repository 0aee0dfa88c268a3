/**
 * The queue gauges' source: samples every link's in-flight count a few times a second while a
 * graph runs, and emits `queues` when a count changed (coalesced to one event per QUEUES_EVENT_MS,
 * at once when a queue empties or crosses a colour threshold), `pipe` when a socket's pipe fills
 * or drains, and answers list queue. Sampling reads the correlator's lists: nothing is added to
 * the send or receive path but the ROUTER check (pipes.ts).
 */
import {
  type GraphDoc,
  QUEUE_LIST_MAX,
  QUEUES_EVENT_MS,
  type LinkQueue,
  type PipeStatus,
  type QueueListing,
  type SocketType,
} from "@zmqp/protocol";
import type { Core } from "../core.js";
import { frameViews } from "../frames.js";
import type { PendingSend } from "../pending-send.js";
import type { SocketEntry } from "../sockets/registry.js";
import { lanesOf, sampleLanes, type Lane } from "./inflight.js";
import { PipeStates } from "./pipes.js";

/** How often the links are sampled, ms (the pipe states are checked as often). */
const POLL_MS = 100;

/** The gauge's colour bands (NiFi's): a crossing is told at once. */
function band(q: LinkQueue): number {
  const total = q.capacity.total;
  if (q.inFlight === 0) return 0;
  if (total <= 0) return 1;
  const f = q.inFlight / total;
  return f >= 1 ? 4 : f >= 0.8 ? 3 : f >= 0.5 ? 2 : 1;
}

const laneKey = (q: LinkQueue) => `${q.link}:${q.direction}`;

export class QueueTracker {
  readonly pipes: PipeStates;
  /** The last `queues` event's links. */
  last: LinkQueue[] = [];
  private timer: unknown;
  private lastEmit = 0;
  private lastDoc: unknown = null;
  private running = false;

  constructor(private readonly core: Core) {
    this.pipes = new PipeStates(core);
  }

  /** A graph is running: sampling starts (idempotent). */
  start() {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  /** The graph stopped: states back to `ok`, an empty `queues` event, no more sampling. */
  stop() {
    if (!this.running) return;
    this.running = false;
    this.core.state.clock.clearTimeout(this.timer);
    this.pipes.reset();
    this.last = [];
    this.lastDoc = null;
    this.core.state.emit({ type: "queues", t: this.core.state.now(), links: [] });
  }

  private tick() {
    this.sample();
    this.timer = this.core.state.clock.setTimeout(() => {
      if (this.running) this.tick();
    }, POLL_MS);
  }

  private lanes(): Lane[] {
    const doc = this.core.state.topology.doc;
    if (!doc) return [];
    const lanes = lanesOf(this.core, doc);
    sampleLanes(this.core, lanes);
    const seen = new Map<string, number>();
    for (const lane of lanes) {
      const idle = this.idle(lane.toKey, seen);
      if (fanout(this.core, lane)) lostAtHwm(lane, idle);
    }
    this.receives = seen;
    return lanes;
  }

  /** Receives each receiver had got at the previous sample. */
  private receives = new Map<string, number>();

  /**
   * A receiver waiting in zeromq that got nothing since the previous sample (100 ms ago): its
   * pipe is empty, and nothing sent to it is in transit any more, even over tcp on loopback.
   */
  private idle(key: string, seen: Map<string, number>): boolean {
    const entry = this.core.registry.get(key);
    if (!entry) return false;
    seen.set(key, entry.receives);
    return entry.receiving && this.receives.get(key) === entry.receives;
  }

  /** One sampling tick: pipe states first, so a blocked state is told with the queue that shows it. */
  sample() {
    const lanes = this.lanes();
    this.pipes.check(lanes);
    const now = this.core.state.now();
    const queues = lanes.map((l) => l.queue);
    const before = new Map(this.last.map((q) => [laneKey(q), q]));
    let changed = this.core.state.topology.doc !== this.lastDoc;
    let urgent = changed;
    for (const q of queues) {
      const b = before.get(laneKey(q));
      const was = b?.inFlight ?? -1;
      if (
        was === q.inFlight &&
        (b?.lost ?? 0) === (q.lost ?? 0) &&
        b?.capacity.total === q.capacity.total
      )
        continue;
      changed = true;
      if (!b || band(b) !== band(q)) urgent = true;
    }
    if (!changed || (!urgent && now - this.lastEmit < QUEUES_EVENT_MS)) return;
    this.last = queues;
    this.lastDoc = this.core.state.topology.doc;
    this.lastEmit = now;
    this.core.state.emit({ type: "queues", t: now, links: queues });
  }

  /** Sockets whose pipe is not `ok` now. */
  pipeStates(): PipeStatus[] {
    return [...this.pipes.current.values()];
  }

  /**
   * List queue: the oldest messages in flight on one link from one of its ends (`node/socket`),
   * at most QUEUE_LIST_MAX. Null when the link or the end is not in the running graph.
   */
  listing(link: string, from: string): QueueListing | null {
    const doc = this.core.state.topology.doc;
    if (!doc) return null;
    const all = lanesOf(this.core, doc).filter((l) => l.fromKey === from);
    const lane = all.find((l) => l.queue.link === link);
    if (!lane) return null;
    sampleLanes(this.core, all, new Set([lane]), QUEUE_LIST_MAX);
    const now = this.core.state.now();
    const end = lane.queue.from;
    const type = (this.core.state.topology.socket(end.node, end.socket)?.type ??
      "PAIR") as SocketType;
    return {
      t: now,
      link,
      from: lane.queue.from,
      to: lane.queue.to,
      inFlight: lane.queue.inFlight,
      messages: (lane.sends ?? []).map((p) => view(p, type, now)),
    };
  }

  // Hooks from the send and receive paths (core.ts, send-failures.ts).

  routed(entry: SocketEntry, id: Buffer | undefined, pending: PendingSend) {
    this.pipes.routed(entry, id, pending);
  }

  heardFrom(entry: SocketEntry, id: Buffer) {
    this.pipes.heardFrom(entry, id);
  }

  sendTimedOut(entry: SocketEntry, ms: number) {
    this.pipes.sendTimedOut(entry, ms);
  }

  /** Messages a fan-out's high-water mark dropped on `link`, found at a receive. */
  hwmDropped(from: { node: string; socket: string }, link?: string) {
    const key = `${from.node}/${from.socket}`;
    const lane = this.shapes().find((l) => l.fromKey === key && l.queue.link === link);
    this.pipes.hwmDrop(from, lane);
  }

  /**
   * The running graph's lanes as built, for what depends on the graph only (ends, capacity): made
   * once per deploy, not on every receive that finds an HWM drop. Never sampled into.
   */
  private shapes(): Lane[] {
    const doc = this.core.state.topology.doc;
    if (this.shaped?.doc !== doc) this.shaped = { doc, lanes: doc ? lanesOf(this.core, doc) : [] };
    return this.shaped.lanes;
  }

  private shaped: { doc: GraphDoc | null; lanes: Lane[] } | undefined;
}

const fanout = (c: Core, lane: Lane) => c.correlator.listOf(lane.fromKey)?.fanout === true;

/**
 * A PUB drops at the high-water mark, and which sends it dropped shows only at the subscriber's
 * next receive. Two cases are certain before that: over inproc the pipe holds exactly both
 * high-water marks, so what is owed beyond them is lost; and a subscriber idle in zeromq has
 * nothing left on its way, so all it is owed is lost.
 */
function lostAtHwm(lane: Lane, idle: boolean) {
  const q = lane.queue;
  if (q.inFlight === 0) return;
  if (idle) {
    q.lost = q.inFlight;
    q.inFlight = 0;
    q.oldestAgeMs = null;
  } else if (q.transport === "inproc" && q.capacity.total > 0 && q.inFlight > q.capacity.total) {
    q.lost = q.inFlight - q.capacity.total;
    q.inFlight = q.capacity.total;
  }
}

function view(p: PendingSend, type: SocketType, now: number) {
  return {
    sendId: p.id,
    t: p.t,
    ageMs: Math.max(0, now - p.t),
    kind: p.kind,
    frames: frameViews(type, p.topic ? [p.topic, p.body] : [p.body]),
  };
}
