/**
 * When the run began and ended, for the live timeline: seen by this page (a run from nothing
 * starts now, a stop ends it), or read from the run's recording when the page opened mid-run.
 * A new run also drops what was fetched of the one before and returns to live.
 */
import { appStore, type AppState } from "../store/index.js";
import { markOf, MAX_MARKS, type Mark } from "./marks.js";
import { currentSource, setSource } from "./source.js";
import { goLive } from "./control.js";

/** A node that became killed, paused or failed is a fault on the live strip (status is no log row). */
function noteFaults(now: AppState["status"], before: AppState["status"]): void {
  const added: Mark[] = [];
  for (const [node, status] of Object.entries(now)) {
    if (before[node]?.state === status.state) continue;
    const m = markOf({ type: "status", t: Date.now(), node, status }, 0);
    if (m) added.push(m);
  }
  const st = appStore.getState();
  if (added.length && st.liveFaults.length < MAX_MARKS)
    st.setLiveFaults([...st.liveFaults, ...added]);
}

export function installRunSpan(): () => void {
  return appStore.subscribe((s, prev) => {
    if (s.status !== prev.status) noteFaults(s.status, prev.status);
    if (s.run.epoch !== prev.run.epoch) {
      // A new run: what was fetched of the last one is not its past.
      if (currentSource()?.kind === "run") {
        setSource(null);
        goLive();
      }
      s.setRunSpan({ start: Date.now(), end: null });
      s.setLiveFaults([]);
    } else if (s.run.state !== prev.run.state) {
      // Stopped: the run's recording is whole now; what was fetched before is only its start.
      if (currentSource()?.kind === "run" && !s.replay) setSource(null);
      const { start } = s.runSpan;
      if (s.run.state === "idle" && start !== null) s.setRunSpan({ start, end: Date.now() });
      else if (s.run.state === "running") s.setRunSpan({ start, end: null });
    }
  });
}

/**
 * Another document was opened while nothing runs: the strip (and what was fetched of the run) was
 * that run's past, drawn on a graph that no longer is on the canvas.
 */
export function forgetRunSpan(): void {
  const st = appStore.getState();
  if (currentSource()?.kind === "run") {
    setSource(null);
    goLive();
  }
  st.setRunSpan({ start: null, end: null });
  st.setLiveFaults([]);
}
