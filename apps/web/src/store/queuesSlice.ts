/**
 * Queues you can see: per link and direction, how many messages are in flight (the engine's exact
 * count: sent − received − dropped) against the link's capacity, and per socket whether a peer's
 * pipe is full (blocked, dropping). Filled from `queues` and `pipe` events; never in undo history.
 * The gauge on a link reads only this: never what the particle layer managed to draw.
 */
import { nodeName } from "../i18n/names.js";
import type { Saying } from "../i18n/say.js";
import type {
  LinkQueue,
  PipeStatus,
  QueueEnd,
  RuntimeEvent,
  RuntimeSnapshot,
} from "@zmqp/protocol";
import type { StateCreator } from "zustand";
import type { AppState } from "./types.js";

export type { LinkQueue, QueueEnd } from "@zmqp/protocol";

/** A socket's pipe state and when it came. */
export type PipeState = PipeStatus & { t: number };

/** Which queue the "list queue" panel shows: a link and the sending end of its direction. */
interface OpenQueue {
  link: string;
  from: string;
}

export interface QueuesState {
  /** By `queueKey(link, from)`. */
  links: Record<string, LinkQueue>;
  /**
   * By link id, its directions fullest first: built once per `queues` event, so the gauges'
   * selectors (150 links, run on every batch) are lookups, not scans.
   */
  byLink: Record<string, LinkQueue[]>;
  /** By `node/socket`; only sockets whose pipe is not "ok". */
  pipes: Record<string, PipeState>;
  /** By node, blocked first: what its card shows, looked up (not scanned) on every batch. */
  byNode: Record<string, PipeState[]>;
  /**
   * When the last `queues` event was sampled (epoch ms, the engine's clock): its oldest ages were
   * measured then. The engine sends one only when a count changes, so a stuck queue's age is
   * read against the moment shown (oldestAge), not as it came.
   */
  at: number;
}

export interface QueuesSlice {
  queues: QueuesState;
  openQueue: OpenQueue | null;
  /**
   * Links above RATE_VIEW_ABOVE show their rate instead of particles (rateView.ts). Off only for
   * `bench:ui`, which measures what particles cost on a graph whose every link is that busy.
   */
  rateView: boolean;
  setRateView(on: boolean): void;
  applyQueues(events: readonly RuntimeEvent[]): void;
  applyQueuesSnapshot(s: RuntimeSnapshot): void;
  setOpenQueue(q: OpenQueue | null): void;
}

/** What the page calls a node of the document by id (its label in the reader's language). */
export function nameOf(s: Pick<AppState, "doc" | "locale">, id: string): string {
  const n = s.doc.nodes.find((x) => x.id === id);
  return n ? nodeName(n, s.locale) : id;
}

/**
 * The tcp note: the engine's (with how much the kernel was measured to hold), or ours when it
 * measured nothing yet.
 */
export function tcpNote(q: LinkQueue): Saying {
  const note = q.capacity.note;
  return note && note.params?.count !== 0 ? note : { key: "queue.tcpNote" };
}

/**
 * How long the oldest message in flight on `q` has waited at `now` (epoch ms: the live clock, or
 * the moment of a recording shown): its age when sampled, plus the time since. Null when none.
 */
export function oldestAge(q: LinkQueue, queues: QueuesState, now: number): number | null {
  if (q.oldestAgeMs === null || q.inFlight === 0) return null;
  return q.oldestAgeMs + Math.max(0, now - queues.at);
}

/** `node/socket`: how the API and the pipe states name a socket. */
export const endName = (e: QueueEnd) => `${e.node}/${e.socket}`;
const queueKey = (link: string, from: string) => `${link}\u0000${from}`;

export const EMPTY_QUEUES: QueuesState = { links: {}, byLink: {}, pipes: {}, byNode: {}, at: 0 };

/** The queues state after some events (pure, so it is unit-tested). */
export function reduceQueues(state: QueuesState, events: readonly RuntimeEvent[]): QueuesState {
  let out = state;
  for (const e of events) {
    if (e.type === "queues") {
      // Whole: a link and direction absent has nothing in flight.
      const links: Record<string, LinkQueue> = {};
      const byLink: Record<string, LinkQueue[]> = {};
      for (const q of e.links) {
        links[queueKey(q.link, endName(q.from))] = q;
        (byLink[q.link] ??= []).push(q);
      }
      for (const list of Object.values(byLink)) if (list.length > 1) list.sort(fuller);
      out = { ...out, links, byLink, at: e.t };
    } else if (e.type === "pipe") {
      const pipes = { ...out.pipes };
      const k = `${e.node}/${e.socket}`;
      if (e.state === "ok") delete pipes[k];
      else {
        const { type: _type, ...rest } = e;
        pipes[k] = rest;
      }
      out = { ...out, pipes, byNode: indexByNode(pipes) };
    } else if (e.type === "runtime" && (e.state === "stopped" || e.fresh)) {
      // Nothing waits in a stopped run's pipes; a run from nothing starts empty.
      out = EMPTY_QUEUES;
    }
  }
  return out;
}

/**
 * The page draws queue changes at most this often, ms (as often as the counters come). A graph
 * of 150 busy links changes some queue or pipe in nearly every batch (60 a second): drawn each
 * time, the gauges and cards took the page's frames (bench:ui fell to a fifth of its fps). The
 * first change after a quiet spell is drawn at once, so a pipe that fills shows the moment its
 * event comes.
 */
const QUEUES_DRAW_MS = 500;

export const createQueuesSlice: StateCreator<AppState, [], [], QueuesSlice> = (set, get) => {
  let pending: QueuesState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const commit = () => {
    timer = null;
    last = Date.now();
    if (pending) set({ queues: pending });
    pending = null;
  };
  return {
    queues: EMPTY_QUEUES,
    openQueue: null,
    rateView: true,
    setRateView(rateView) {
      set({ rateView });
    },
    applyQueues(events) {
      const base = pending ?? get().queues;
      const after = reduceQueues(base, events);
      if (after === base) return;
      pending = after;
      if (timer) return;
      const wait = last + QUEUES_DRAW_MS - Date.now();
      if (wait <= 0) commit();
      else timer = setTimeout(commit, wait);
    },
    applyQueuesSnapshot(snap) {
      const t = Date.now();
      pending = null;
      set({
        queues: reduceQueues(EMPTY_QUEUES, [
          { type: "queues", t, links: snap.queues ?? [] },
          ...(snap.pipes ?? []).map((p) => ({ type: "pipe" as const, t, ...p })),
        ]),
      });
    },
    setOpenQueue(openQueue) {
      set({ openQueue });
    },
  };
};

/** NiFi's back-pressure colours: green below 60 %, yellow below the threshold, red at or over it. */
export type GaugeTone = "ok" | "warn" | "full";

export function gaugeTone(inFlight: number, capacity: number, blocked: boolean): GaugeTone {
  if (blocked) return "full";
  if (capacity <= 0) return inFlight > 0 ? "warn" : "ok";
  const ratio = inFlight / capacity;
  return ratio >= 1 ? "full" : ratio >= 0.6 ? "warn" : "ok";
}

/** A link's directions, fullest first (the gauge shows that one; its title lists both). */
export function linkQueues(s: QueuesState, link: string): LinkQueue[] {
  return s.byLink[link] ?? NONE;
}

const NONE: LinkQueue[] = [];

function fuller(a: LinkQueue, b: LinkQueue): number {
  return fill(b) - fill(a) || a.from.node.localeCompare(b.from.node);
}

function fill(q: LinkQueue): number {
  return q.capacity.total > 0 ? q.inFlight / q.capacity.total : q.inFlight;
}

/** The pipe states of a link's two ends that are not "ok". */
export function linkPipes(s: QueuesState, q: Pick<LinkQueue, "from" | "to">): PipeState[] {
  // A state naming a peer belongs to the link to that peer only (a PUB drops for one slow SUB).
  const mine = (p: PipeState | undefined, peer: string): p is PipeState =>
    p !== undefined && (p.peer === undefined || p.peer === peer);
  const out: PipeState[] = [];
  const a = s.pipes[endName(q.from)];
  const b = s.pipes[endName(q.to)];
  if (mine(a, q.to.node)) out.push(a);
  if (mine(b, q.from.node)) out.push(b);
  return out;
}

/** A node's sockets whose pipes are blocked or dropping, blocked first. */
export function nodePipes(s: QueuesState, node: string): PipeState[] {
  return s.byNode[node] ?? NO_PIPES;
}

const NO_PIPES: PipeState[] = [];

function indexByNode(pipes: Record<string, PipeState>): Record<string, PipeState[]> {
  const out: Record<string, PipeState[]> = {};
  for (const p of Object.values(pipes)) (out[p.node] ??= []).push(p);
  for (const list of Object.values(out))
    list.sort((a, b) =>
      a.state === b.state ? a.socket.localeCompare(b.socket) : a.state === "blocked" ? -1 : 1,
    );
  return out;
}
