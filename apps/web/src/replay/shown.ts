/**
 * What the canvas and the log draw: the live runtime, or the moment of a recording on the timeline.
 * Every component that shows node states, counters, rates, queues or log rows reads through here,
 * so a moment of the past is shown whole, never half live.
 */
import type { AppState } from "../store/types.js";
import type { ShownRuntime } from "./view.js";

export const shown = (s: AppState): ShownRuntime => s.replayView ?? s;

/** The timeline is shown once a run has started (this page saw it, or it runs), or a recording is open. */
export const timelineShown = (s: AppState): boolean =>
  s.replay !== null || s.runSpan.start !== null || s.run.state === "running";

const NO_CUTS: string[] = [];

/** The moment shown (epoch ms): now, or the moment of the recording on the timeline. */
export const shownNow = (s: AppState): number => (s.replay ? s.replay.t : Date.now());

/** Whether the run shown was running (at the moment shown, in the past). */
export const shownRunning = (s: AppState): boolean =>
  s.replay ? s.replay.running : s.run.state === "running";

/** The links cut in the run shown (at the moment shown, in the past). */
export const shownCuts = (s: AppState): string[] =>
  s.replay ? s.replay.cutLinks : (s.run.cutLinks ?? NO_CUTS);
