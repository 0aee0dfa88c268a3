/**
 * The canvas against what runs: which nodes "Apply changes" would add, restart or remove (the
 * engine's own deploy diff), and which binds a loopback-narrowed run changed. Memoised per pair of
 * documents, so selectors that run on every counters batch cost a lookup.
 */
import {
  diffDocs,
  narrowToLoopback,
  parseGraph,
  type DeployDiff,
  type GraphDoc,
} from "@zmqp/protocol";

export interface Pending {
  /** Nodes the next deploy adds, restarts or removes; empty when the canvas matches the run. */
  changed: string[];
  /** True when the run is the canvas with its external binds narrowed to loopback. */
  narrowed: boolean;
}

const NONE: Pending = { changed: [], narrowed: false };
const memo = new WeakMap<GraphDoc, WeakMap<GraphDoc, Pending>>();
const parsed = new WeakMap<GraphDoc, GraphDoc | null>();

/** The document as the gateway would store it (defaults filled), so equal graphs compare equal. */
function canonical(doc: GraphDoc): GraphDoc | null {
  if (!parsed.has(doc)) {
    const p = parseGraph(doc, { allowExternal: true });
    parsed.set(doc, p.ok ? p.doc : null);
  }
  return parsed.get(doc) ?? null;
}

function changedNodes(d: DeployDiff): string[] {
  return [...d.added, ...d.restarted, ...d.removed];
}

export function pendingChanges(doc: GraphDoc, running: GraphDoc | null): Pending {
  if (!running) return NONE;
  let byRun = memo.get(doc);
  if (!byRun) memo.set(doc, (byRun = new WeakMap()));
  let out = byRun.get(running);
  if (!out) {
    const mine = canonical(doc);
    if (!mine) out = { changed: doc.nodes.map((n) => n.id), narrowed: false };
    else {
      const plain = changedNodes(diffDocs(running, mine));
      const narrow = narrowed(mine);
      const viaLoopback = narrow.doc !== mine ? changedNodes(diffDocs(running, narrow.doc)) : plain;
      out =
        narrow.doc !== mine && viaLoopback.length < plain.length
          ? { changed: viaLoopback, narrowed: true }
          : { changed: plain, narrowed: false };
    }
    byRun.set(running, out);
  }
  return out;
}

const narrowMemo = new WeakMap<GraphDoc, ReturnType<typeof narrowToLoopback>>();

/** narrowToLoopback, once per document object. */
export function narrowed(doc: GraphDoc) {
  let n = narrowMemo.get(doc);
  if (!n) narrowMemo.set(doc, (n = narrowToLoopback(doc)));
  return n;
}

/** The binds of `node` this run narrowed to loopback, as one line (empty when none). */
export function narrowedBinds(doc: GraphDoc, running: GraphDoc | null, node: string): string {
  if (!running || !pendingChanges(doc, running).narrowed) return "";
  const list = narrowed(doc).nodes[node] ?? [];
  return list.map((b) => b.to).join(", ");
}
