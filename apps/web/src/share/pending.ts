/**
 * A graph opened from a share link while the person has a graph of their own: the shared one is
 * shown, theirs is kept (in memory and in localStorage, where autosave does not write until they
 * choose) and the page asks which to keep.
 */
import type { GraphDoc } from "@zmqp/protocol";
import { create } from "zustand";

interface PendingShare {
  /** The person's own graph, put back by "Back to my graph". */
  own: GraphDoc | null;
  set(own: GraphDoc | null): void;
}

export const usePendingShare = create<PendingShare>((set) => ({
  own: null,
  set: (own) => set({ own }),
}));

/** Whether the page waits for the person to choose (autosave holds off meanwhile). */
export const sharePending = (): boolean => usePendingShare.getState().own !== null;
