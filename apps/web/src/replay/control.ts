/**
 * Moving along the timeline. During a run the past comes from the gateway's exact recording (the
 * page's own stream is sampled): it is fetched when the person first scrubs or steps, and again
 * when they move past what was fetched while the run goes on. An opened file is moved through as is.
 */
import { decodeRecording } from "@zmqp/recording";
import { i18n } from "../i18n/index.js";
import { appStore } from "../store/index.js";
import { fetchRunRecording } from "./fetchRun.js";
import { stepTarget } from "./filteredStep.js";
import { currentSource, setSource, showPosition } from "./source.js";
import { PageReplay } from "./view.js";

let fetching: Promise<boolean> | null = null;

/** Fetches the run's recording as it is now; false (and a toast) when it cannot be had. */
function refetch(): Promise<boolean> {
  fetching ??= (async () => {
    const st = appStore.getState();
    st.setReplayLoading(true);
    try {
      const read = decodeRecording(await fetchRunRecording());
      if (!read.ok) throw new Error(read.error.message);
      const replay = new PageReplay(read.data);
      setSource({ replay, kind: "run", origin: null });
      // The recording knows when the run began, even when this page opened after it did.
      const span = st.runSpan;
      st.setRunSpan({ start: replay.replay.startTime, end: span.end });
      return true;
    } catch (err) {
      st.toast("error", i18n.t("replay.fetchFailed", { reason: (err as Error).message }));
      return false;
    } finally {
      st.setReplayLoading(false);
      fetching = null;
    }
  })();
  return fetching;
}

/** The recording to move through, fetched first when the run's is missing or ends before `t`. */
async function ready(t?: number): Promise<boolean> {
  const src = currentSource();
  if (src?.kind === "file") return true;
  const running = appStore.getState().run.state === "running";
  if (src && (t === undefined || t <= src.replay.replay.endTime || !running)) return true;
  return refetch();
}

/** Shows the moment `t` (epoch ms): the state after every event recorded at or before it. */
export async function seekTime(t: number): Promise<void> {
  if (!(await ready(t))) return;
  showPosition(currentSource()!.replay.replay.positionAt(t));
}

/**
 * One event back or forward, in step with the log; with the log filtered, one of its rows
 * (filteredStep.ts). From live, Back shows the newest but one.
 */
export async function step(direction: -1 | 1): Promise<void> {
  const st = appStore.getState();
  const viewing = st.replay;
  if (!viewing) {
    if (direction === 1) return;
    if (!(await refetch())) return;
    const src = currentSource()!;
    return showFrom(src.replay.length, -1);
  }
  const beyond =
    stepTarget(currentSource()!.replay, viewing.position, direction, st.logFilter) === null;
  if (direction === 1 && beyond && viewing.source === "run") {
    // Forward past what was fetched: the run went on; fetch what came since.
    if (st.run.state !== "running" || !(await refetch())) return;
    return showFrom(viewing.position, 1, goLive);
  }
  showFrom(viewing.position, direction);
}

/** Shows the position one step (event, or filtered row) from `position`; `past` when there is none. */
function showFrom(position: number, direction: -1 | 1, past?: () => void): void {
  const next = stepTarget(
    currentSource()!.replay,
    position,
    direction,
    appStore.getState().logFilter,
  );
  if (next === null) return past?.();
  showPosition(next);
}

/**
 * Back to now: the live canvas and log. What was fetched of the run is kept for the next scrub
 * (fetched again only past its end). An opened file stays open: it has no "now".
 */
export function goLive(): void {
  if (currentSource()?.kind === "file") return;
  appStore.getState().setReplay(null, null);
}

/** Whether the page shows the past of the run going on (actions that change it go live first). */
export const viewingRunPast = (): boolean => appStore.getState().replay?.source === "run";

/** Opened mid-run, the page learns when the run began from its recording (shown live all the same). */
export async function learnRunStart(): Promise<void> {
  const st = appStore.getState();
  if (st.runSpan.start !== null || st.run.state !== "running") return;
  await refetch();
}
