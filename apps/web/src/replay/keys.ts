/** `,` and `.` step one event back and forward on the timeline (as Back and Forward do). */
import { typing } from "../shortcuts.js";
import { appStore } from "../store/index.js";
import { step } from "./control.js";

export function installTimelineKeys(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (e.key !== "," && e.key !== ".") return;
    const st = appStore.getState();
    // Only where the timeline is shown: a run started, or a recording open.
    if (!st.replay && st.runSpan.start === null && st.run.state !== "running") return;
    e.preventDefault();
    void step(e.key === "," ? -1 : 1);
  };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}
