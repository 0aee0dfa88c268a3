/**
 * A recording made ready for the page: the package's Replay (states at any position), plus what
 * only the page draws: queue gauges, log rows as the page's log lists them, and the messages in
 * flight placed on their links. Built once per fetched or opened recording.
 */
import type { EventOf, GraphDoc, RuntimeEvent } from "@zmqp/protocol";
import { KEYFRAME_EVERY, Replay, type RecordingData } from "@zmqp/recording";
import { coalesce } from "../store/logCoalesce.js";
import { EMPTY_QUEUES, reduceQueues, type QueuesState } from "../store/queuesSlice.js";
import { NO_RATES } from "../store/rates.js";
import { logged, LOG_CAPACITY, type LogEntry } from "../store/runtimeSlice.js";
import type { AppState } from "../store/types.js";
import { marksOf, type Mark } from "./marks.js";

/** The runtime fields the canvas and the log read (live, or at a moment of a recording). */
export type ShownRuntime = Pick<AppState, "status" | "counters" | "rates" | "queues" | "log">;

/** A message on its way at a moment: its link, direction and how far along (0..1). */
export interface StillParticle {
  id: number;
  link: string;
  backward: boolean;
  kind: EventOf<"message">["kind"];
  along: number;
}

/** One moment of a recording, as the page shows it. */
export interface Moment {
  position: number;
  t: number;
  running: boolean;
  cutLinks: string[];
  view: ShownRuntime;
  highlight: number | null;
  inFlight: StillParticle[];
}

/** How long a send not yet received is drawn as taking to cross its link, ms (as live dots do). */
const UNARRIVED_SPAN_MS = 700;

/** The one link a socket sends on (a link runs from its connecting socket to its binding one). */
function onlyLink(
  doc: GraphDoc | null,
  node: string,
  socket: string,
): { link: string; backward: boolean } | null {
  const links = (doc?.links ?? []).filter(
    (l) =>
      (l.from.node === node && l.from.socket === socket) ||
      (l.to.node === node && l.to.socket === socket),
  );
  if (links.length !== 1) return null;
  return { link: links[0]!.id, backward: links[0]!.to.node === node };
}

export class PageReplay {
  readonly replay: Replay;
  readonly marks: Mark[];
  /** Queue states after every KEYFRAME_EVERY entries (immutable, so kept by reference). */
  private readonly queueFrames: QueuesState[] = [];
  /** For a send id, the receive that named it first (its link, direction and time). */
  private readonly arrivals = new Map<number, EventOf<"message">>();

  constructor(readonly data: RecordingData) {
    this.replay = new Replay(data);
    this.marks = marksOf(data.entries);
    let queues = EMPTY_QUEUES;
    data.entries.forEach((entry, i) => {
      if (i % KEYFRAME_EVERY === 0) this.queueFrames.push(queues);
      if (entry.k !== "e") return;
      const e = entry.e;
      if (e.type === "queues" || e.type === "pipe" || e.type === "runtime")
        queues = reduceQueues(queues, [e]);
      if (e.type === "message" && e.sendId !== undefined && !this.arrivals.has(e.sendId))
        this.arrivals.set(e.sendId, e);
    });
    if (data.entries.length % KEYFRAME_EVERY === 0) this.queueFrames.push(queues);
  }

  get length(): number {
    return this.replay.length;
  }

  /** What the canvas and the log show at `position`. */
  at(position: number): Moment {
    const p = Math.max(0, Math.min(this.length, position));
    const state = this.replay.stateAt(p);
    const log = this.logAt(p);
    return {
      position: p,
      t: p === 0 ? this.replay.startTime : state.t,
      running: state.running,
      cutLinks: (state.latest.control as { cutLinks?: string[] } | undefined)?.cutLinks ?? [],
      inFlight: this.inFlightAt(p, state.t, state.doc ?? this.data.document),
      view: {
        status: state.nodes,
        counters: state.counters,
        // A rate is a live figure; a still moment shows counts, never a stale speed.
        rates: NO_RATES,
        queues: this.queuesAt(p),
        log,
      },
      highlight: log.at(-1)?.seq ?? null,
    };
  }

  private queuesAt(p: number): QueuesState {
    const k = Math.floor(p / KEYFRAME_EVERY);
    let q = this.queueFrames[k]!;
    const events: RuntimeEvent[] = [];
    for (let i = k * KEYFRAME_EVERY; i < p; i++) {
      const entry = this.data.entries[i]!;
      if (entry.k === "e") events.push(entry.e);
    }
    q = reduceQueues(q, events);
    return q;
  }

  /**
   * The page log's rows among the first `p` entries (its own filter and folding of repeats); a
   * row's seq is its entry's position, so the row of a moment is found by position.
   */
  private logAt(p: number): LogEntry[] {
    const picked: LogEntry[] = [];
    for (let i = p - 1; i >= 0 && picked.length < LOG_CAPACITY; i--) {
      const entry = this.data.entries[i]!;
      if (entry.k === "e" && logged(entry.e)) picked.push({ ...entry.e, seq: i + 1 });
    }
    const rows: LogEntry[] = [];
    for (let i = picked.length - 1; i >= 0; i--)
      if (!coalesce(rows, picked[i]!)) rows.push(picked[i]!);
    return rows;
  }

  /** Sends on their way at `p`, on the link their receive crossed, placed by elapsed time. */
  private inFlightAt(p: number, now: number, doc: GraphDoc | null): StillParticle[] {
    if (p <= 0) return [];
    const out: StillParticle[] = [];
    for (const send of this.replay.inFlightAt(p)) {
      const arrival = this.arrivals.get(send.id);
      // Not arrived within the recording (yet): the sender's one link, if it has only one.
      const way = arrival?.link
        ? { link: arrival.link, backward: arrival.linkDirection === "backward" }
        : onlyLink(doc, send.node, send.socket);
      if (!way) continue;
      const span = arrival ? Math.max(1, arrival.t - send.t) : UNARRIVED_SPAN_MS;
      out.push({
        id: send.id,
        ...way,
        kind: send.kind,
        along: Math.min(0.95, Math.max(0.05, (now - send.t) / span)),
      });
    }
    return out;
  }
}
