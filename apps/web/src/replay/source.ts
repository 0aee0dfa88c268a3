/**
 * The recording the timeline moves through (kept out of the store: it is large and not plain
 * data), and the one function that shows a position of it.
 */
import { appStore } from "../store/index.js";
import type { RecordingOrigin } from "./replaySlice.js";
import type { PageReplay } from "./view.js";

interface Source {
  replay: PageReplay;
  kind: "run" | "file";
  origin: RecordingOrigin | null;
}

let current: Source | null = null;

export function currentSource(): Source | null {
  return current;
}

export function setSource(source: Source | null): void {
  current = source;
}

/** Shows `position` of the current recording: the canvas, the log and the timeline follow. */
export function showPosition(position: number): void {
  if (!current) return;
  const { replay } = current;
  const m = replay.at(position);
  appStore.getState().setReplay(
    {
      source: current.kind,
      origin: current.origin,
      manifest: replay.data.manifest,
      start: replay.replay.startTime,
      end: replay.replay.endTime,
      length: replay.length,
      position: m.position,
      t: m.t,
      marks: replay.marks,
      highlight: m.highlight,
      running: m.running,
      cutLinks: m.cutLinks,
      inFlight: m.inFlight,
    },
    m.view,
  );
}
