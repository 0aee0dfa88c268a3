/**
 * The runtime slice: what the gateway says is happening. Filled from the welcome snapshot, then
 * from event batches; never recorded in undo history.
 */
import type {
  Diagnostic,
  LinkCounters,
  NodeCounters,
  NodeStatus,
  RuntimeEvent,
  RuntimeSnapshot,
} from "@zmqp/protocol";
import type { StateCreator } from "zustand";
import { advanceRates, NO_RATES, type RateBase, type Rates } from "./rates.js";
import type { AppState } from "./types.js";

/** How many events the event log keeps (oldest dropped first). */
export const LOG_CAPACITY = 500;

export type Connection = "connecting" | "open" | "closed";

/** A logged event with a page-local sequence number (stable React key, selection id). */
export type LogEntry = RuntimeEvent & { seq: number };

export interface RuntimeSlice {
  connection: Connection;
  /** True once a welcome arrived; the disconnect banner shows only after that. */
  everConnected: boolean;
  run: {
    state: "idle" | "running";
    deployId: number;
    stepMode: boolean;
    speed: number;
    cutLinks: string[];
  };
  status: Record<string, NodeStatus>;
  counters: { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> };
  /** Messages a second from the counters (rates.ts); the compact canvas shows them. */
  rates: Rates;
  rateBase: RateBase | null;
  log: LogEntry[];
  logSeq: number;
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
  applySnapshot(s: RuntimeSnapshot): void;
  applyBatch(events: RuntimeEvent[], sampled: number): void;
  setDeployDiagnostics(d: Diagnostic[]): void;
  selectMessage(seq: number | null): void;
  clearLog(): void;
  /** Optimistic updates for what the page asked (step mode, speed, cut links). */
  patchRun(patch: Partial<RuntimeSlice["run"]>): void;
}

/** Events worth a line in the log; counters and status are shown on the nodes, wire in its table. */
function logged(e: RuntimeEvent): boolean {
  // `observed` (attach's whole graph) is drawn on the canvas, not written in the log.
  return e.type !== "counters" && e.type !== "status" && e.type !== "wire" && e.type !== "observed";
}

export const createRuntimeSlice: StateCreator<AppState, [], [], RuntimeSlice> = (set, get) => ({
  connection: "connecting",
  everConnected: false,
  run: { state: "idle", deployId: 0, stepMode: false, speed: 1, cutLinks: [] },
  status: {},
  counters: { nodes: {}, links: {} },
  rates: NO_RATES,
  rateBase: null,
  log: [],
  logSeq: 0,
  sampled: 0,
  selectedMessage: null,
  deployDiagnostics: [],
  refusedBy: null,
  setConnection(connection, refusedBy) {
    set(refusedBy === undefined ? { connection } : { connection, refusedBy });
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
      },
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
      } else if (e.type === "runtime") {
        run = { ...run, state: e.state === "running" ? "running" : "idle", deployId: e.deployId };
        if (e.state === "running" && e.deployId !== st.run.deployId) {
          counters = { nodes: {}, links: {} };
          rated = { base: null, rates: NO_RATES };
        }
      } else if (
        e.type === "timeline" &&
        (e.step.action === "cut" || e.step.action === "restore")
      ) {
        const link = e.step.link;
        if (link) {
          const cut = run.cutLinks.filter((l) => l !== link);
          if (e.step.action === "cut") cut.push(link);
          run = { ...run, cutLinks: cut };
        }
      }
      if (logged(e)) fresh.push({ ...e, seq: ++seq });
    }
    const log = fresh.length === 0 ? st.log : [...st.log, ...fresh].slice(-LOG_CAPACITY);
    set({
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
  patchRun(patch) {
    set({ run: { ...get().run, ...patch } });
  },
});
