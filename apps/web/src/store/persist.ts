/** Autosave: the document goes to localStorage a moment after each edit and comes back on load. */
import { parseGraph, type GraphDoc } from "@zmqp/protocol";
import type { AppStore } from "./index.js";

export const AUTOSAVE_KEY = "zmqp.graph.v1";
const DELAY_MS = 300;

/** The saved document, when there is one the schema accepts (rule errors are kept: they are work in progress). */
export function loadSaved(storage: Pick<Storage, "getItem">): GraphDoc | null {
  try {
    const raw = storage.getItem(AUTOSAVE_KEY);
    if (!raw) return null;
    return parseGraph(JSON.parse(raw)).doc ?? null;
  } catch {
    return null;
  }
}

/**
 * Saves the document after each change (debounced); returns the unsubscribe function. Nothing is
 * saved while `paused()` (a shared graph shown over the person's own, until they choose).
 */
export function autosave(
  store: AppStore,
  storage: Pick<Storage, "setItem">,
  paused: () => boolean = () => false,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsub = store.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (paused()) return;
      try {
        storage.setItem(AUTOSAVE_KEY, JSON.stringify(store.getState().doc));
      } catch {
        // Storage full or disabled: autosave is a convenience, the page keeps working.
      }
    }, DELAY_MS);
  });
  return () => {
    clearTimeout(timer);
    unsub();
  };
}
