/**
 * The one store (zustand vanilla + a React hook), made of one slice per concern (graph, runtime,
 * ui, wire, attach). Undo/redo (zundo) records only the graph document: runtime events and
 * selection never enter history.
 */
import { temporal } from "zundo";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { createGraphSlice } from "./graphSlice.js";
import { createQueuesSlice } from "./queuesSlice.js";
import { createRuntimeSlice } from "./runtimeSlice.js";
import type { AppState } from "./types.js";
import { createUiSlice } from "./uiSlice.js";
import { createWireSlice } from "../wire/wireSlice.js";
import { createAttachSlice } from "../attach/attachSlice.js";
import { createReplaySlice } from "../replay/replaySlice.js";

export type { AppState } from "./types.js";

/** Steps of undo history kept. */
const HISTORY_LIMIT = 100;

export function createAppStore() {
  return createStore<AppState>()(
    temporal(
      (...a) => ({
        ...createGraphSlice(...a),
        ...createRuntimeSlice(...a),
        ...createUiSlice(...a),
        ...createWireSlice(...a),
        ...createAttachSlice(...a),
        ...createQueuesSlice(...a),
        ...createReplaySlice(...a),
      }),
      {
        partialize: (s) => ({ doc: s.doc }),
        // Only a new document object is a new history step.
        equality: (a, b) => a.doc === b.doc,
        limit: HISTORY_LIMIT,
      },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export const appStore = createAppStore();

/** Reads the store through a narrow selector. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

export function undo() {
  appStore.temporal.getState().undo();
}

export function redo() {
  appStore.temporal.getState().redo();
}

/** Whether undo and redo have anything to do (two primitive selectors: no new object per render). */
export function useHistory() {
  const canUndo = useStore(appStore.temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(appStore.temporal, (t) => t.futureStates.length > 0);
  return { canUndo, canRedo };
}
