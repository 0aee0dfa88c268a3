/**
 * When the run began and ended, for the live timeline: seen by this page (a run from nothing
 * starts now, a stop ends it), or read from the run's recording when the page opened mid-run.
 * A new run also drops what was fetched of the one before and returns to live.
 */
import { appStore } from "../store/index.js";
import { currentSource, setSource } from "./source.js";
import { goLive } from "./control.js";

export function installRunSpan(): () => void {
  return appStore.subscribe((s, prev) => {
    if (s.run.epoch !== prev.run.epoch) {
      // A new run: what was fetched of the last one is not its past.
      if (currentSource()?.kind === "run") {
        setSource(null);
        goLive();
      }
      s.setRunSpan({ start: Date.now(), end: null });
    } else if (s.run.state !== prev.run.state) {
      const { start } = s.runSpan;
      if (s.run.state === "idle" && start !== null) s.setRunSpan({ start, end: Date.now() });
      else if (s.run.state === "running") s.setRunSpan({ start, end: null });
    }
  });
}
