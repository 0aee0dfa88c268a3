/** The ui slice: selection, panels, locale, toasts. Never recorded in undo history. */
import type { Diagnostic } from "@zmqp/protocol";
import type { StateCreator } from "zustand";
import type { LogFilter } from "./logFilter.js";
import type { AppState } from "./types.js";

export type Locale = "en" | "zh-TW";
type SidePanel = "inspector" | "lesson";

interface Toast {
  id: number;
  kind: "error" | "info";
  text: string;
}

export interface UiSlice {
  selection: { nodes: string[]; links: string[] };
  sidePanel: SidePanel;
  /** The side panel opened (true) or folded (false) by the person; null: open when it has something to show. */
  sidePinned: boolean | null;
  bottomOpen: boolean;
  locale: Locale;
  toasts: Toast[];
  /** Set when Run was refused: the errors to fix, listed in a dialog. */
  runBlockers: Diagnostic[] | null;
  logFilter: LogFilter;
  /** Whether particles are drawn (the UI benchmark turns them off to compare). */
  animate: boolean;
  /** Bumped when a whole document is opened, so the canvas frames it. */
  viewEpoch: number;
  /**
   * Set when this page opened while the gateway ran a graph: the canvas's own (`same`) or another
   * (`differs`, the page offers to view it). Cleared when dismissed or when a run ends.
   */
  runningNotice: "same" | "differs" | null;
  setRunningNotice(n: "same" | "differs" | null): void;
  select(sel: { nodes: string[]; links: string[] }): void;
  setSidePanel(p: SidePanel): void;
  setSidePinned(open: boolean | null): void;
  setBottomOpen(open: boolean): void;
  setLocale(l: Locale): void;
  toast(kind: Toast["kind"], text: string): void;
  dismissToast(id: number): void;
  setRunBlockers(d: Diagnostic[] | null): void;
  setLogFilter(f: Partial<UiSlice["logFilter"]>): void;
  setAnimate(on: boolean): void;
}

let toastId = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  selection: { nodes: [], links: [] },
  sidePanel: "inspector",
  sidePinned: null,
  bottomOpen: true,
  locale: "en",
  toasts: [],
  runBlockers: null,
  logFilter: { type: "all", node: "all" },
  animate: true,
  viewEpoch: 0,
  runningNotice: null,
  setRunningNotice(runningNotice) {
    set({ runningNotice });
  },
  select(selection) {
    const cur = get().selection;
    const same = (a: string[], b: string[]) =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    if (same(cur.nodes, selection.nodes) && same(cur.links, selection.links)) return;
    set({ selection });
  },
  setSidePanel(sidePanel) {
    set({ sidePanel });
  },
  setSidePinned(sidePinned) {
    set({ sidePinned });
  },
  setBottomOpen(bottomOpen) {
    set({ bottomOpen });
  },
  setLocale(locale) {
    set({ locale });
  },
  toast(kind, text) {
    const id = ++toastId;
    // Keep the three newest: a burst of refusals should not cover the canvas.
    set({ toasts: [...get().toasts, { id, kind, text }].slice(-3) });
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  setRunBlockers(runBlockers) {
    set({ runBlockers });
  },
  setLogFilter(f) {
    set({ logFilter: { ...get().logFilter, ...f } });
  },
  setAnimate(animate) {
    set({ animate });
  },
});
