/**
 * The attach slice: what the gateway says about capturing (allowed, running, which ports) and the
 * newest observed graph. The document the canvas draws is made from that graph; positions a
 * person dragged are kept when the graph changes, new nodes get the default columns.
 */
import { observedDoc, type GraphDoc, type ObservedGraph, type RuntimeEvent } from "@zmqp/protocol";
import type { StateCreator } from "zustand";
import type { AppState } from "../store/types.js";

interface AttachInfo {
  /** null until the gateway answered. */
  allowed: boolean | null;
  ports: string | null;
  graph: ObservedGraph | null;
  /** The last refusal or failure, as the gateway said it. */
  error: { code: string; message: string } | null;
  busy: boolean;
}

export interface AttachSlice {
  attach: AttachInfo;
  setAttach(patch: Partial<AttachInfo>): void;
  /** Takes the observed events of a batch: a new graph becomes the drawn document. */
  applyObserved(events: RuntimeEvent[]): void;
}

/** The graph as a document, keeping the positions of nodes already on the canvas. */
function drawable(graph: ObservedGraph, current: GraphDoc): GraphDoc {
  const doc = observedDoc(graph);
  const old = new Map(current.nodes.map((n) => [n.id, n.position]));
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, position: old.get(n.id) ?? n.position })),
  };
}

export const createAttachSlice: StateCreator<AppState, [], [], AttachSlice> = (set, get) => ({
  attach: { allowed: null, ports: null, graph: null, error: null, busy: false },
  setAttach(patch) {
    set({ attach: { ...get().attach, ...patch } });
  },
  applyObserved(events) {
    let graph: ObservedGraph | null = null;
    for (const e of events) if (e.type === "observed") graph = e.graph;
    if (!graph) return;
    const st = get();
    const doc = drawable(graph, st.doc);
    // A process that joins or leaves re-frames the view, so the system stays whole on screen.
    const ids = (d: GraphDoc) => d.nodes.map((n) => n.id).join("\u0000");
    const moved = ids(doc) !== ids(st.doc) && doc.nodes.length > 0;
    set({
      attach: { ...st.attach, graph },
      doc,
      ...(moved ? { viewEpoch: st.viewEpoch + 1 } : {}),
    });
  },
});
