/**
 * `validateGraph` as the person wires: computed once per document object and shared by every node,
 * edge and the Run button (stable array references, so narrow selectors do not re-render).
 */
import { validateGraph, type Diagnostic, type GraphDoc } from "@zmqp/protocol";

const EMPTY: Diagnostic[] = [];
const cache = new WeakMap<
  GraphDoc,
  { all: Diagnostic[]; byNode: Map<string, Diagnostic[]>; byLink: Map<string, Diagnostic[]> }
>();

function entry(doc: GraphDoc) {
  let e = cache.get(doc);
  if (!e) {
    const all = validateGraph(doc);
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
