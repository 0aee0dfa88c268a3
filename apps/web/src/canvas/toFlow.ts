/**
 * Mappers between the graph document and React Flow's nodes and edges. A binding socket is a
 * target handle (left), a connecting one a source handle (right): links go connect → bind.
 */
import type { Connection, Edge, Node } from "@xyflow/react";
import type { GraphDoc, GraphNode, SocketRef } from "@zmqp/protocol";

export type Side = "left" | "right";
type ZmqNodeData = {
  node: GraphNode;
  /** Which side each socket's handle sits on, facing the nodes it is linked to. */
  sides: Record<string, Side>;
  /** A full node would cover a neighbour here (a graph laid out densely): always draw it compact. */
  crowded: boolean;
};
export type ZmqFlowNode = Node<ZmqNodeData, "zmq">;
/** `crowded`: an end is a compact card in a densely packed graph (the cards carry the rates). */
type LinkEdgeData = { cut: boolean; crowded: boolean };
export type LinkFlowEdge = Edge<LinkEdgeData, "link">;

/** Where a node lands when its document gives no position (a simple grid). */
function fallbackPosition(index: number): { x: number; y: number } {
  return { x: 80 + (index % 4) * 260, y: 80 + Math.floor(index / 4) * 180 };
}

/** Whether a socket binds (and so takes links in) rather than connects. */
export function isBinding(socket: GraphNode["sockets"][number]): boolean {
  return socket.bind.length > 0;
}

/**
 * Handle sides: by default a binding socket takes links on the left and a connecting one sends them
 * from the right; a socket whose linked peers sit mostly on the other side faces them instead (a
 * worker connecting to a broker on its left has its handle on the left).
 */
function socketSides(doc: GraphDoc): Map<string, Record<string, Side>> {
  const x = new Map(doc.nodes.map((n, i) => [n.id, (n.position ?? fallbackPosition(i)).x]));
  const votes = new Map<string, number>();
  const vote = (node: string, socket: string, peer: string) => {
    const a = x.get(node);
    const b = x.get(peer);
    if (a === undefined || b === undefined || a === b) return;
    const k = `${node}\u0000${socket}`;
    votes.set(k, (votes.get(k) ?? 0) + (b > a ? 1 : -1));
  };
  for (const l of doc.links) {
    vote(l.from.node, l.from.socket, l.to.node);
    vote(l.to.node, l.to.socket, l.from.node);
  }
  const out = new Map<string, Record<string, Side>>();
  for (const n of doc.nodes) {
    const sides: Record<string, Side> = {};
    for (const s of n.sockets) {
      const v = votes.get(`${n.id}\u0000${s.id}`) ?? 0;
      sides[s.id] = v > 0 ? "right" : v < 0 ? "left" : isBinding(s) ? "left" : "right";
    }
    out.set(n.id, sides);
  }
  return out;
}

/** What a full node covers, px: a fixed width (canvas.css) and a height that grows with its sockets. */
function fullNodeSize(node: GraphNode): { width: number; height: number } {
  return { width: 240, height: 106 + 25 * node.sockets.length };
}

/** Nodes whose full box would overlap another node's: they are drawn as compact cards at any zoom. */
export function crowdedNodes(doc: GraphDoc): Set<string> {
  const out = new Set<string>();
  const boxes = doc.nodes.map((n, i) => ({
    id: n.id,
    p: n.position ?? fallbackPosition(i),
    s: fullNodeSize(n),
  }));
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const overlapX = a.p.x < b.p.x + b.s.width && b.p.x < a.p.x + a.s.width;
      const overlapY = a.p.y < b.p.y + b.s.height && b.p.y < a.p.y + a.s.height;
      if (overlapX && overlapY) {
        out.add(a.id);
        out.add(b.id);
      }
    }
  return out;
}

function sameSides(a: Record<string, Side>, b: Record<string, Side>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Document nodes as flow nodes. `prev` keeps what React Flow measured (a controlled flow must hand
 * back `measured`, or nodes and their edges are drawn only after a new measurement).
 */
export function toFlowNodes(
  doc: GraphDoc,
  prev: readonly ZmqFlowNode[] = [],
  selected: ReadonlySet<string> = new Set(),
): ZmqFlowNode[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  const allSides = socketSides(doc);
  const crowded = crowdedNodes(doc);
  return doc.nodes.map((node, i) => {
    const sides = allSides.get(node.id) ?? {};
    const before = old.get(node.id);
    // While a person drags, the flow's position leads; the document catches up on drop.
    const position = before?.dragging
      ? before.position
      : (node.position ?? before?.position ?? fallbackPosition(i));
    const isSelected = selected.has(node.id);
    const isCrowded = crowded.has(node.id);
    if (
      before &&
      before.data.node === node &&
      before.data.crowded === isCrowded &&
      sameSides(before.data.sides, sides) &&
      before.selected === isSelected &&
      before.position.x === position.x &&
      before.position.y === position.y
    )
      return before;
    const flow: ZmqFlowNode = {
      id: node.id,
      type: "zmq",
      position: { ...position },
      data: { node, sides, crowded: isCrowded },
      selected: isSelected,
    };
    // Keep the measurement unless the sockets or sides changed (the handles move: measure again).
    if (
      before?.measured &&
      before.data.node.sockets === node.sockets &&
      sameSides(before.data.sides, sides)
    )
      flow.measured = before.measured;
    return flow;
  });
}

/** Document links as flow edges: source = connecting socket, target = binding socket. */
export function toFlowEdges(
  doc: GraphDoc,
  selected: ReadonlySet<string> = new Set(),
  cut: ReadonlySet<string> = new Set(),
  crowded: ReadonlySet<string> = new Set(),
): LinkFlowEdge[] {
  return doc.links.map((l) => ({
    id: l.id,
    type: "link",
    source: l.from.node,
    sourceHandle: l.from.socket,
    target: l.to.node,
    targetHandle: l.to.socket,
    selected: selected.has(l.id),
    data: { cut: cut.has(l.id), crowded: crowded.has(l.from.node) || crowded.has(l.to.node) },
  }));
}

/** A drawn connection as document socket references (null when a handle is missing). */
export function connectionToRefs(c: Connection): { from: SocketRef; to: SocketRef } | null {
  if (!c.sourceHandle || !c.targetHandle) return null;
  return {
    from: { node: c.source, socket: c.sourceHandle },
    to: { node: c.target, socket: c.targetHandle },
  };
}
