/**
 * `validateGraph` as the person wires: computed once per document object and shared by every node,
 * edge and the Run button (stable array references, so narrow selectors do not re-render).
 */
import { ATTACH_MODE } from "../attach/mode.js";
import { ERROR_CODES, validateGraph, type Diagnostic, type GraphDoc } from "@zmqp/protocol";

const EMPTY: Diagnostic[] = [];
/**
 * What a node shows on the canvas: a node just dropped is obviously not linked yet, so "unconnected"
 * stays in the inspector instead of shouting on every new node.
 */
const QUIET_ON_CANVAS = new Set<string>([ERROR_CODES.UNCONNECTED]);
const onCanvasCache = new WeakMap<Diagnostic[], Diagnostic[]>();

export function canvasDiagnostics(list: Diagnostic[]): Diagnostic[] {
  let out = onCanvasCache.get(list);
  if (!out) {
    out = list.filter((d) => !QUIET_ON_CANVAS.has(d.code));
    if (out.length === list.length) out = list;
    onCanvasCache.set(list, out);
  }
  return out;
}

type Entry = {
  all: Diagnostic[];
  byNode: Map<string, Diagnostic[]>;
  byLink: Map<string, Diagnostic[]>;
};
let cache = new WeakMap<GraphDoc, Entry>();
/** The gateway's own option (from its welcome): the canvas refuses exactly what the gateway would. */
let allowExternal = false;

/** Validates from now on with the gateway's options; a change recomputes every document's list. */
export function setValidationOptions(options: { allowExternal: boolean }) {
  if (options.allowExternal === allowExternal) return;
  allowExternal = options.allowExternal;
  cache = new WeakMap();
}

function entry(doc: GraphDoc) {
  let e = cache.get(doc);
  if (!e) {
    // An observed system is drawn, never deployed: the editor's rules say nothing about it.
    const all = ATTACH_MODE ? [] : validateGraph(doc, { allowExternal });
    const byNode = new Map<string, Diagnostic[]>();
    const byLink = new Map<string, Diagnostic[]>();
    for (const d of all) {
      if (d.link) byLink.set(d.link, [...(byLink.get(d.link) ?? []), d]);
      else if (d.node) byNode.set(d.node, [...(byNode.get(d.node) ?? []), d]);
    }
    e = { all, byNode, byLink };
    cache.set(doc, e);
  }
  return e;
}

export function diagnosticsOf(doc: GraphDoc): Diagnostic[] {
  return entry(doc).all;
}

export function nodeDiagnostics(doc: GraphDoc, node: string): Diagnostic[] {
  return entry(doc).byNode.get(node) ?? EMPTY;
}

export function linkDiagnostics(doc: GraphDoc, link: string): Diagnostic[] {
  return entry(doc).byLink.get(link) ?? EMPTY;
}

export function errorsOf(doc: GraphDoc): Diagnostic[] {
  return diagnosticsOf(doc).filter((d) => d.severity === "error");
}
