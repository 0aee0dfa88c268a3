/** The graph slice: the document being edited. The only slice zundo records (undo/redo). */
import type { GraphDoc, GraphLink, GraphNode, Role, SocketRef } from "@zmqp/protocol";
import type { StateCreator } from "zustand";
import type { Saying } from "../i18n/say.js";
import * as ops from "./graphOps.js";
import type { AppState } from "./types.js";

export interface GraphSlice {
  doc: GraphDoc;
  /** Adds a node of `role` at a flow position, labelled in the reader's language; returns its id. */
  addNode(role: Role, position: { x: number; y: number }, label?: string): string;
  patchNode(id: string, patch: (n: GraphNode) => GraphNode): void;
  setNodeParam(id: string, key: string, value: unknown): void;
  moveNodes(moves: Record<string, { x: number; y: number }>): void;
  setBinds(ref: SocketRef, bind: string[]): void;
  /** Draws a link from a connecting socket to a binding one, or says why not. */
  connect(
    from: SocketRef,
    to: SocketRef,
  ): { ok: true; link: GraphLink } | { ok: false; reason: Saying };
  patchLink(id: string, patch: (l: GraphLink) => GraphLink): void;
  remove(nodeIds: string[], linkIds: string[]): void;
  /** Replaces the document (template, file, autosave restore). */
  loadDoc(doc: GraphDoc): void;
}

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => ({
  doc: ops.emptyDoc(),
  addNode(role, position, label) {
    const node = ops.newNode(get().doc, role, position, label);
    set({ doc: ops.addNode(get().doc, node) });
    return node.id;
  },
  patchNode(id, patch) {
    set({ doc: ops.updateNode(get().doc, id, patch) });
  },
  setNodeParam(id, key, value) {
    set({
      doc: ops.updateNode(get().doc, id, (n) => {
        const params = { ...n.params };
        if (value === undefined) delete params[key];
        else params[key] = value;
        return { ...n, params };
      }),
    });
  },
  moveNodes(moves) {
    set({ doc: ops.moveNodes(get().doc, moves) });
  },
  setBinds(ref, bind) {
    set({ doc: ops.setBinds(get().doc, ref, bind) });
  },
  connect(from, to) {
    const r = ops.connect(get().doc, from, to);
    if (!r.ok) return r;
    set({ doc: r.doc });
    return { ok: true, link: r.link };
  },
  patchLink(id, patch) {
    set({ doc: ops.updateLink(get().doc, id, patch) });
  },
  remove(nodeIds, linkIds) {
    if (nodeIds.length === 0 && linkIds.length === 0) return;
    set({ doc: ops.removeItems(get().doc, nodeIds, linkIds) });
  },
  loadDoc(doc) {
    set({ doc, viewEpoch: get().viewEpoch + 1, selection: { nodes: [], links: [] } });
  },
});
