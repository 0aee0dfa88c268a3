/**
 * Run, "Apply changes" or "Run again": what pressing it does depends on whether the canvas still
 * matches what the gateway runs, and the button says which before it is pressed.
 */
import { useTranslation } from "react-i18next";
import { run } from "../actions.js";
import { useApp } from "../store/index.js";
import { pendingChanges } from "../store/runDiff.js";

type RunMode = "run" | "apply" | "again";

export function RunButton() {
  const { t } = useTranslation();
  const running = useApp((s) => s.run.state === "running");
  // Joined as one string: the selector returns a primitive, so counters batches do not re-render.
  const changed = useApp((s) =>
    s.run.state === "running" ? pendingChanges(s.doc, s.run.doc).changed.join(", ") : "",
  );
  // An opened recording's sockets are not running: nothing to run until it is closed.
  const replaying = useApp((s) => s.replay?.source === "file");
  const mode: RunMode = !running ? "run" : changed ? "apply" : "again";
  const hint =
    mode === "apply"
      ? t("toolbar.applyHint", { nodes: changed })
      : mode === "again"
        ? t("toolbar.againHint")
        : t("toolbar.runHint");
  return (
    <button
      type="button"
      className={`btn run ${mode === "apply" ? "apply" : ""}`}
      onClick={() => run({ fresh: mode === "again" })}
      data-testid="toolbar.run"
      data-mode={mode}
      title={replaying ? t("replay.noActions") : hint}
      disabled={replaying}
    >
      {mode === "again" ? "↻" : "▶"} {t(`toolbar.${mode === "run" ? "run" : mode}`)}
    </button>
  );
}
