/**
 * Whether the timeline's Back and Forward would move the view, as `step` (control.ts) moves it:
 * a button that is enabled and does nothing when pressed tells the person there is something to
 * step to when there is not (a filter no row passes, the end of a run that has stopped).
 */
import { filtering, matches, type LogFilter } from "../store/logFilter.js";
import { logged, type LogEntry } from "../store/runtimeSlice.js";
import { filteredTarget } from "./filteredStep.js";
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
  const { position, length } = s.viewing;
  const target = (direction: -1 | 1) =>
    filteredTarget(s.recording!, position, direction, s.filter) ?? position + direction;
  const back = position > 0 && target(-1) !== "none";
  const next = target(1);
  const forward = (next !== "none" && next <= length) || (s.viewing.source === "run" && s.running);
  return { back, forward };
}
