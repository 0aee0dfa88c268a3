/** What the Attach panel does: ask the gateway, start and stop watching, promote. */
import { parseGraph, promoteObserved, type PromoteNote } from "@zmqp/protocol";
import { openDoc } from "../actions.js";
import { i18n } from "../i18n/index.js";
import { appStore } from "../store/index.js";
import { AttachError, attachApi } from "./api.js";
import { EDITOR_URL, PROMOTED_KEY } from "./mode.js";

function failed(e: unknown) {
  const err =
    e instanceof AttachError
      ? { code: e.code, message: e.message }
      : { code: "network", message: String(e) };
  appStore.getState().setAttach({ error: err, busy: false });
}

/** At boot: is capturing allowed on this gateway, is a session running, on which ports. */
export async function loadAttachState(): Promise<void> {
  try {
    const s = await attachApi.state();
    appStore.getState().setAttach({ allowed: s.allowed, ports: s.ports, error: null });
  } catch (e) {
    failed(e);
  }
}

export async function startAttach(ports: string): Promise<void> {
  const st = appStore.getState();
  st.setAttach({ busy: true, error: null });
  try {
    const s = await attachApi.start(ports);
    appStore.getState().setAttach({ allowed: s.allowed, ports: s.ports, busy: false });
  } catch (e) {
    failed(e);
  }
}

export async function stopAttach(): Promise<void> {
  appStore.getState().setAttach({ busy: true, error: null });
  try {
    await attachApi.stop();
    appStore.getState().setAttach({ ports: null, busy: false });
  } catch (e) {
    failed(e);
  }
}

/**
 * Promote: the observed system becomes an editable graph in the editor (same tab), its bound
 * ports moved by `portOffset` so the copy can run beside the original.
 */
export function promote(portOffset: number): boolean {
  const graph = appStore.getState().attach.graph;
  if (!graph) return false;
  const { doc, notes } = promoteObserved(graph, { portOffset });
  sessionStorage.setItem(PROMOTED_KEY, JSON.stringify({ doc, notes }));
  window.location.assign(EDITOR_URL);
  return true;
}

/** In the editor at boot: opens a promoted document handed over by Attach mode, once. */
export function takePromoted(storage: Pick<Storage, "getItem" | "removeItem">): void {
  const raw = storage.getItem(PROMOTED_KEY);
  if (!raw) return;
  storage.removeItem(PROMOTED_KEY);
  try {
    const { doc, notes } = JSON.parse(raw) as { doc: unknown; notes: PromoteNote[] };
    const parsed = parseGraph(doc);
    if (!parsed.doc) return;
    openDoc(parsed.doc);
    const st = appStore.getState();
    st.toast("info", i18n.t("attach.promoted", { count: parsed.doc.nodes.length }));
    for (const n of notes.slice(0, 2)) st.toast("info", i18n.t(`attach.notes.${n.code}`, { ...n }));
  } catch {
    // A damaged hand-over is dropped: the editor keeps the person's graph.
  }
}
