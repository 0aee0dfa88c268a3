/**
 * The runtime slice: what the gateway says is happening. Filled from the welcome snapshot, then
 * from event batches; never recorded in undo history.
 */
import type {
  Diagnostic,
  GraphDoc,
  HeldSendView,
  LinkCounters,
  NodeCounters,
  NodeStatus,
  RuntimeEvent,
  RuntimeSnapshot,
} from "@zmqp/protocol";
import type { StateCreator } from "zustand";
import { advanceRates, NO_RATES, type RateBase, type Rates } from "./rates.js";
import { setValidationOptions } from "./diagnostics.js";
import { coalesce } from "./logCoalesce.js";
import type { AppState } from "./types.js";

/** How many events the event log keeps (oldest dropped first). */
export const LOG_CAPACITY = 2000;

type Connection = "connecting" | "open" | "closed";

/** A logged event with a page-local sequence number (stable React key, selection id). */
export type LogEntry = RuntimeEvent & {
  seq: number;
  /** Identical socket events in a row folded into this one (logCoalesce.ts). */
  repeat?: number;
  /** When the last of the folded repeats came. */
  lastT?: number;
};

export interface RuntimeSlice {
  connection: Connection;
  /** True once a welcome arrived; the disconnect banner shows only after that. */
  everConnected: boolean;
  /** From the gateway's welcome: whether graphs may bind addresses other machines reach. */
  allowExternal: boolean;
  run: {
    state: "idle" | "running";
    deployId: number;
    stepMode: boolean;
    speed: number;
    cutLinks: string[];
    /** Link id → latency the gateway adds, ms. */
    latency: Record<string, number>;
    /** Sends step mode holds, oldest (the one Next releases) first; `heldTotal` counts all. */
    held: HeldSendView[];
    heldTotal: number;
    /** The document the gateway runs (or ran last); compared with the canvas for "Apply changes". */
    doc: GraphDoc | null;
    /** Bumped when a run starts from nothing: counters, log and particles start from zero. */
    epoch: number;
  };
  status: Record<string, NodeStatus>;
  counters: { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> };
  /** Messages a second from the counters (rates.ts); the compact canvas shows them. */
  rates: Rates;
  rateBase: RateBase | null;
  log: LogEntry[];
  logSeq: number;
  /** Log rows up to this seq belong to a run that ended: a fresh run drops them. */
  logSeqAtStop: number;
  /** Message events the gateway left out since the last deploy (sampled away at high rates). */
  sampled: number;
  /** `seq` of the message shown in the message view. */
  selectedMessage: number | null;
  /** Diagnostics of the last deploy (warnings on success, errors on rejection). */
  deployDiagnostics: Diagnostic[];
  /**
   * Why the gateway closed this tab, when it refused it (ZMQP_ERR_TOO_MANY_TABS,
   * ZMQP_ERR_TAB_BEHIND): the banner says so; null once a welcome came again.
   */
  refusedBy: string | null;
  setConnection(c: Connection, refusedBy?: string | null): void;
  setAllowExternal(allow: boolean): void;
  applySnapshot(s: RuntimeSnapshot): void;
  applyBatch(events: RuntimeEvent[], sampled: number): void;
  setDeployDiagnostics(d: Diagnostic[]): void;
  selectMessage(seq: number | null): void;
  clearLog(): void;
  /**
   * The person opened another document while nothing runs: the last run's counters, states, rates
   * and log rows described that run's graph, not this one, so the page lets go of them (the
   * gateway still holds the run's recording).
   */
  forgetLastRun(): void;
}

/** Events worth a line in the log; counters and status are shown on the nodes, wire in its table. */
export function logged(e: RuntimeEvent): boolean {
  // `observed` (attach's whole graph) is drawn on the canvas, not written in the log.
  // `control` (step mode, speed, cuts…) is drawn on the toolbar and links; the engine notes it.
  // `queues` and `pipe` (what waits on each link, full pipes) belong to the links' gauges.
  return (
    e.type !== "counters" &&
    e.type !== "status" &&
    e.type !== "wire" &&
    e.type !== "observed" &&
    e.type !== "control" &&
    // Queues and pipe states are drawn on the links and nodes (queuesSlice.ts).
    e.type !== "queues" &&
    e.type !== "pipe"
  );
}

export const createRuntimeSlice: StateCreator<AppState, [], [], RuntimeSlice> = (set, get) => ({
  connection: "connecting",
  everConnected: false,
  allowExternal: false,
  run: {
    state: "idle",
    deployId: 0,
    stepMode: false,
    speed: 1,
    cutLinks: [],
    latency: {},
    held: [],
    heldTotal: 0,
    doc: null,
    epoch: 0,
  },
  status: {},
  counters: { nodes: {}, links: {} },
  rates: NO_RATES,
  rateBase: null,
  log: [],
  logSeq: 0,
  logSeqAtStop: 0,
  sampled: 0,
  selectedMessage: null,
  deployDiagnostics: [],
  refusedBy: null,
  setConnection(connection, refusedBy) {
    set(refusedBy === undefined ? { connection } : { connection, refusedBy });
  },
  setAllowExternal(allowExternal) {
    setValidationOptions({ allowExternal });
    set({ allowExternal });
  },
  applySnapshot(s) {
    set({
      everConnected: true,
      run: {
        state: s.state,
        deployId: s.deployId,
        stepMode: s.stepMode,
        speed: s.speed,
        cutLinks: [...s.cutLinks],
        latency: { ...(s.latency ?? {}) },
        held: s.held ?? [],
        heldTotal: s.heldTotal ?? 0,
        doc: s.doc ?? get().run.doc,
        epoch: get().run.epoch,
      },
      logSeqAtStop: s.state === "idle" ? get().logSeq : get().logSeqAtStop,
      status: { ...s.nodes },
      counters: { nodes: { ...s.counters.nodes }, links: { ...s.counters.links } },
    });
  },
  applyBatch(events, sampled) {
    const st = get();
    let status = st.status;
    let counters = st.counters;
    let run = st.run;
    let rated = { base: st.rateBase, rates: st.rates };
    let seq = st.logSeq;
    let atStop = st.logSeqAtStop;
    let log = st.log;
    const fresh: LogEntry[] = [];
    for (const e of events) {
      if (e.type === "status") {
        if (status === st.status) status = { ...status };
        status[e.node] = e.status;
      } else if (e.type === "counters") {
        // Counters arrive coalesced and complete: latest value wins.
        counters = {
          nodes: { ...counters.nodes, ...e.nodes },
          links: { ...counters.links, ...e.links },
        };
        rated = advanceRates(rated.base, rated.rates, e);
      } else if (e.type === "control") {
        // The gateway's controls, whole: every tab shows the same, nothing is patched locally.
        run = {
          ...run,
          stepMode: e.stepMode,
          speed: e.speed,
          cutLinks: e.cutLinks,
          latency: e.latency,
          held: e.held,
          heldTotal: e.heldTotal,
        };
      } else if (e.type === "runtime") {
        run = { ...run, state: e.state === "running" ? "running" : "idle", deployId: e.deployId };
        if (e.state === "running" && e.doc) run.doc = e.doc;
        if (e.state === "stopped") {
          // The last run's counters stay (greyed) until the next run; its log rows until then too.
          atStop = seq;
          run.stepMode = false;
          run.cutLinks = [];
          run.latency = {};
          run.held = [];
          run.heldTotal = 0;
        } else if (e.fresh && e.deployId !== st.run.deployId) {
          // A run from nothing: the engine reset its counters; the rows of the run before go, the
          // set-up rows of this one (bind, connect…, logged before this event) stay.
          counters = { nodes: {}, links: {} };
          rated = { base: null, rates: NO_RATES };
          run.epoch++;
          const cut = atStop;
          log = log.filter((r) => r.seq > cut);
          fresh.splice(0, fresh.length, ...fresh.filter((r) => r.seq > cut));
          const ids = new Set((e.doc?.nodes ?? []).map((n) => n.id));
          if (e.doc)
            status = Object.fromEntries(Object.entries(status).filter(([k]) => ids.has(k)));
        }
      }
      if (logged(e)) fresh.push({ ...e, seq: ++seq });
    }
    if (fresh.length) {
      const rows = [...log];
      for (const r of fresh) if (!coalesce(rows, r)) rows.push(r);
      log = rows.length > LOG_CAPACITY ? rows.slice(-LOG_CAPACITY) : rows;
    }
    set({
      logSeqAtStop: atStop,
      status,
      counters,
      rates: rated.rates,
      rateBase: rated.base,
      run,
      log,
      logSeq: seq,
      sampled: st.sampled + sampled,
    });
  },
  setDeployDiagnostics(deployDiagnostics) {
    set({ deployDiagnostics });
  },
  selectMessage(selectedMessage) {
    set({ selectedMessage });
  },
  clearLog() {
    set({ log: [], sampled: 0, selectedMessage: null });
  },
  forgetLastRun() {
    set({
      run: { ...get().run, doc: null },
      status: {},
      counters: { nodes: {}, links: {} },
      rates: NO_RATES,
      rateBase: null,
      log: [],
      logSeqAtStop: get().logSeq,
      sampled: 0,
      selectedMessage: null,
      deployDiagnostics: [],
    });
  },
});
