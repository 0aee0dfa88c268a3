/**
 * The replay slice: what the timeline shows. `replay` is set while a moment of the past is on
 * screen (the run's own recording, fetched from the gateway, or an opened file); `replayView` then
 * holds that moment's node states, counters, queues and log, which the canvas and the log read
 * instead of the live ones (shown.ts). The Replay object itself stays outside the store (source.ts).
 */
import type { Manifest } from "@zmqp/recording";
import type { StateCreator } from "zustand";
import type { AppState } from "../store/types.js";
import type { Mark } from "./marks.js";
import type { ShownRuntime, StillParticle } from "./view.js";

export interface RecordingOrigin {
  kind: "file" | "url" | "link";
  name: string;
}

export interface ReplayInfo {
  /** `run`: the run going on (or the last one), viewed in the past; `file`: an opened recording. */
  source: "run" | "file";
  origin: RecordingOrigin | null;
  manifest: Manifest;
  /** Epoch ms of the first and last entry. */
  start: number;
  end: number;
  length: number;
  /** Entries applied: the moment shown is just after entry `position - 1`. */
  position: number;
  /** The moment shown (epoch ms). */
  t: number;
  marks: Mark[];
  /** Log seq of the row of that moment (the newest row at or before it), null when none. */
  highlight: number | null;
  /** Whether the recorded run was running then, and which links were cut. */
  running: boolean;
  cutLinks: string[];
  /** Messages on their way at that moment, drawn still. */
  inFlight: StillParticle[];
}

export interface ReplaySlice {
  replay: ReplayInfo | null;
  replayView: ShownRuntime | null;
  /** A fetch of the run's recording is going on (the timeline says so instead of jumping). */
  replayLoading: boolean;
  /** When the run going on (or the last one) began and ended, epoch ms: the live strip's span. */
  runSpan: { start: number | null; end: number | null };
  setRunSpan(span: { start: number | null; end: number | null }): void;
  /** Faults of the run going on seen live (a node killed, paused, failed): marks before any fetch. */
  liveFaults: Mark[];
  setLiveFaults(marks: Mark[]): void;
  setReplay(info: ReplayInfo | null, view: ShownRuntime | null): void;
  setReplayLoading(loading: boolean): void;
}

export const createReplaySlice: StateCreator<AppState, [], [], ReplaySlice> = (set, get) => ({
  replay: null,
  replayView: null,
  replayLoading: false,
  runSpan: { start: null, end: null },
  liveFaults: [],
  setLiveFaults(liveFaults) {
    set({ liveFaults });
  },
  setRunSpan(runSpan) {
    set({ runSpan });
  },
  setReplay(replay, replayView) {
    // A selected message is a row of the log shown: live and replayed rows are numbered apart.
    if ((replay === null) !== (get().replay === null)) set({ selectedMessage: null });
    set({ replay, replayView });
  },
  setReplayLoading(replayLoading) {
    set({ replayLoading });
  },
});
