/**
 * Mappers between the graph document and React Flow's nodes and edges. A binding socket is a
 * target handle (left), a connecting one a source handle (right): links go connect → bind.
 */
import type { Connection, Edge, Node } from "@xyflow/react";
import type { GraphDoc, GraphNode } from "@zmqp/protocol";
import type { SocketRef } from "../store/graphOps.js";

export type ZmqNodeData = { node: GraphNode };
export type ZmqFlowNode = Node<ZmqNodeData, "zmq">;
export type LinkEdgeData = { cut: boolean };
export type LinkFlowEdge = Edge<LinkEdgeData, "link">;

/** Where a node lands when its document gives no position (a simple grid). */
export function fallbackPosition(index: number): { x: number; y: number } {
  return { x: 80 + (index % 4) * 260, y: 80 + Math.floor(index / 4) * 180 };
}

/** Whether a socket binds (and so takes links in) rather than connects. */
export function isBinding(socket: GraphNode["sockets"][number]): boolean {
  return socket.bind.length > 0;
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
  return doc.nodes.map((node, i) => {
    const before = old.get(node.id);
    // While a person drags, the flow's position leads; the document catches up on drop.
    const position = before?.dragging
      ? before.position
      : (node.position ?? before?.position ?? fallbackPosition(i));
    const isSelected = selected.has(node.id);
    if (
      before &&
      before.data.node === node &&
      before.selected === isSelected &&
      before.position.x === position.x &&
      before.position.y === position.y
    )
      return before;
    const flow: ZmqFlowNode = {
      id: node.id,
      type: "zmq",
      position: { ...position },
      data: { node },
      selected: isSelected,
    };
    // Keep the measurement unless the sockets changed (then the handles move: measure again).
    if (before?.measured && before.data.node.sockets === node.sockets)
      flow.measured = before.measured;
    return flow;
  });
}

/** Document links as flow edges: source = connecting socket, target = binding socket. */
export function toFlowEdges(
  doc: GraphDoc,
  selected: ReadonlySet<string> = new Set(),
  cut: ReadonlySet<string> = new Set(),
): LinkFlowEdge[] {
  return doc.links.map((l) => ({
    id: l.id,
    type: "link",
    source: l.from.node,
    sourceHandle: l.from.socket,
    target: l.to.node,
    targetHandle: l.to.socket,
    selected: selected.has(l.id),
    data: { cut: cut.has(l.id) },
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

/** Positions of flow nodes, keyed by id (what a drag or a layout hands back to the document). */
export function positionsOf(nodes: readonly Pick<Node, "id" | "position">[]) {
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) out[n.id] = { x: n.position.x, y: n.position.y };
  return out;
}
