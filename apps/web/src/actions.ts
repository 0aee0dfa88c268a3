/** Commands shared by the toolbar, the welcome screen and keyboard shortcuts. */
import { parseGraph, type GraphDoc } from "@zmqp/protocol";
import { autoLayout } from "./canvas/layout.js";
import { loadTemplate } from "./gateway/api.js";
import { gateway } from "./gateway/session.js";
import { i18n } from "./i18n/index.js";
import { say } from "./i18n/say.js";
import { errorsOf } from "./store/diagnostics.js";
import { narrowed, pendingChanges } from "./store/runDiff.js";
import { appStore } from "./store/index.js";
import { moveNodes } from "./store/graphOps.js";
import { forgetRunSpan } from "./replay/runSpan.js";

/**
 * Opens a document; nodes without positions are placed by the layout library. While nothing runs
 * the last run's numbers, log and timeline go with the document they belonged to: left on the
 * canvas, a node of the new graph with the same id would show counts it never made. A recording
 * keeps them (`keepLastRun`): it is shown from its own events, and closing it brings the person's
 * graph back with its last run.
 */
export function openDoc(doc: GraphDoc, { keepLastRun = false } = {}) {
  const placed = doc.nodes.some((n) => !n.position) ? moveNodes(doc, autoLayout(doc)) : doc;
  const st = appStore.getState();
  if (!keepLastRun && st.run.state === "idle" && !st.replay) {
    st.forgetLastRun();
    forgetRunSpan();
  }
  st.loadDoc(placed);
  if (placed.lesson && (placed.lesson.en || placed.lesson["zh-TW"])) st.setSidePanel("lesson");
}

export async function openTemplate(name: string) {
  try {
    openDoc(await loadTemplate(name));
  } catch (err) {
    appStore
      .getState()
      .toast("error", i18n.t("toast.templateFailed", { name, reason: String(err) }));
  }
}

/**
 * Deploys the document, unless validation finds errors: then Run is refused with the list.
 * While a graph runs this applies the canvas's changes as a diff (only changed nodes restart);
 * `fresh` stops first, so every counter, the log and the particles start from zero.
 * `loopback` runs the document with its external binds narrowed to 127.0.0.1 (the document
 * itself unchanged); a later "Apply changes" of that run stays narrowed.
 */
export function run(options: { loopback?: boolean; fresh?: boolean } = {}) {
  const st = appStore.getState();
  const running = st.run.state === "running";
  const loopback =
    options.loopback ??
    (running && pendingChanges(st.doc, st.run.doc).narrowed && !st.allowExternal);
  const doc = loopback ? narrowed(st.doc).doc : st.doc;
  const errors = errorsOf(doc);
  if (errors.length) {
    st.setRunBlockers(errors);
    return;
  }
  if (doc.nodes.length === 0) {
    st.toast("info", i18n.t("toast.emptyGraph"));
    return;
  }
  st.setRunBlockers(null);
  st.setRunningNotice(null);
  const restart = options.fresh || !running;
  if (restart && running && !gateway.send({ type: "stop" })) return;
  if (gateway.send({ type: "deploy", doc }) && restart) st.clearLog();
}

export function stop() {
  gateway.send({ type: "stop" });
}

export function layout(sizes: Record<string, { width?: number; height?: number } | undefined>) {
  const st = appStore.getState();
  st.moveNodes(autoLayout(st.doc, sizes));
}

/** Saves the document as a JSON file (a download; nothing leaves the machine). */
export function saveFile() {
  const doc = appStore.getState().doc;
  const blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${doc.name ?? "zmq-playground"}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Opens a JSON file chosen by the person; schema errors are toasted, rule errors shown on nodes. */
export async function openFile(file: File) {
  const st = appStore.getState();
  try {
    const parsed = parseGraph(JSON.parse(await file.text()));
    if (!parsed.doc) {
      const first = parsed.diagnostics[0];
      st.toast("error", first ? say(first.phrase) : i18n.t("toast.badFile"));
      return;
    }
    openDoc(parsed.doc);
  } catch {
    st.toast("error", i18n.t("toast.badFile"));
  }
}
