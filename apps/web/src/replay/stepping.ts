/**
 * Whether the timeline's Back and Forward would move the view, by the rule `step` (control.ts)
 * follows (stepTarget): a button that is enabled and does nothing when pressed tells the person
 * there is something to step to when there is not (a filter no row passes, the end of a stopped
 * run).
 */
import { filtering, matches, type LogFilter } from "../store/logFilter.js";
import { logged, type LogEntry } from "../store/runtimeSlice.js";
import { stepTarget } from "./filteredStep.js";
import type { ReplayInfo } from "./replaySlice.js";
import type { PageReplay } from "./view.js";

export interface Steps {
  back: boolean;
  forward: boolean;
}

export interface SteppingState {
  /** The moment shown, null when live. */
  viewing: ReplayInfo | null;
  /** The recording being stepped through (null before one was fetched). */
  recording: PageReplay | null;
  filter: LogFilter;
  /** A run is going on: Forward past what was fetched fetches more, or goes live. */
  running: boolean;
  /** The live log (what Back from live steps into when the log is filtered). */
  liveLog: readonly LogEntry[];
}

export function steppable(s: SteppingState): Steps {
  const filtered = filtering(s.filter);
  if (!s.viewing || !s.recording) {
    // Live: Back goes to the newest event of the run, or with a filter to the newest row the
    // filtered log shows; Forward has nothing after now.
    return {
      back: filtered ? s.liveLog.some((e) => logged(e) && matches(e, s.filter)) : true,
      forward: false,
    };
  }
  const { position } = s.viewing;
  return {
    back: stepTarget(s.recording, position, -1, s.filter) !== null,
    forward:
      stepTarget(s.recording, position, 1, s.filter) !== null ||
      (s.viewing.source === "run" && s.running),
  };
}
