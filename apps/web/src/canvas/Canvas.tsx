/**
 * The canvas: React Flow in controlled mode over the store's document. Positions are committed to
 * the document when a drag ends (one undo step per drag), links are checked against ZeroMQ's rules
 * as they are drawn, and refused ones say why.
 */
import {
  Background,
  BackgroundVariant,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnConnectEnd,
} from "@xyflow/react";
import { ROLES, type Role } from "@zmqp/protocol";
import type { TFunction } from "i18next";
import { useCallback, useEffect, useMemo, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { say, type Saying } from "../i18n/say.js";
import { linkProblem } from "../store/graphOps.js";
import { appStore, useApp } from "../store/index.js";
import { Welcome } from "../panels/Welcome.js";
import { PLAYER } from "../player/mode.js";
import { PlayerWelcome } from "../player/PlayerWelcome.js";
import { typing } from "../shortcuts.js";
import { arrange, fit, MIN_ZOOM } from "./arrange.js";
import { LinkEdge } from "./LinkEdge.js";
import { ParticleOverlay } from "./ParticleOverlay.js";
import {
  connectionToRefs,
  crowdedNodes,
  toFlowEdges,
  toFlowNodes,
  type LinkFlowEdge,
  type ZmqFlowNode,
} from "./toFlow.js";
import { ZmqNode } from "./ZmqNode.js";
import { AttachEmpty } from "../attach/AttachEmpty.js";
import { shownCuts } from "../replay/shown.js";
import { StillParticles } from "../replay/StillParticles.js";
import { ATTACH_MODE } from "../attach/mode.js";

/** Defined once at module level: a new object per render makes React Flow remount every node. */
const nodeTypes = { zmq: ZmqNode };
const edgeTypes = { link: LinkEdge };

export const ROLE_MIME = "application/x-zmqp-role";

/** Why a drawn connection is refused, in link order (connecting socket first), or null. */
function refusal(c: Connection | Edge): Saying | null {
  const refs = connectionToRefs({
    source: c.source,
    target: c.target,
    sourceHandle: c.sourceHandle ?? null,
    targetHandle: c.targetHandle ?? null,
  });
  if (!refs) return { key: "link.pickSocket" };
  return linkProblem(appStore.getState().doc, refs.from, refs.to);
}

/** React Flow's own labels for screen readers, in the reader's language. */
function flowLabels(t: TFunction) {
  return {
    "node.a11yDescription.default": t("flow.nodeHelp"),
    "node.a11yDescription.keyboardDisabled": t("flow.nodeHelpKeyboard"),
    "node.a11yDescription.ariaLiveMessage": ({
      direction,
      x,
      y,
    }: {
      direction: string;
      x: number;
      y: number;
    }) =>
      t("flow.moved", {
        direction: t(`flow.directions.${direction}`, { defaultValue: direction }),
        x,
        y,
      }),
    "edge.a11yDescription.default": t("flow.edgeHelp"),
    "controls.ariaLabel": t("flow.controls"),
    "controls.zoomIn.ariaLabel": t("flow.zoomIn"),
    "controls.zoomOut.ariaLabel": t("flow.zoomOut"),
    "controls.fitView.ariaLabel": t("flow.fitView"),
    "controls.interactive.ariaLabel": t("flow.interactive"),
    "minimap.ariaLabel": t("canvas.minimap"),
    "handle.ariaLabel": t("flow.handle"),
  };
}

export function Canvas() {
  const { t, i18n } = useTranslation();
  const labels = useMemo(() => flowLabels(t), [t, i18n.language]);
  const doc = useApp((s) => s.doc);
  const selection = useApp((s) => s.selection);
  const cutLinks = useApp(shownCuts);
  const viewEpoch = useApp((s) => s.viewEpoch);
  const rf = useReactFlow<ZmqFlowNode, LinkFlowEdge>();
  const [nodes, setNodes] = useState<ZmqFlowNode[]>([]);
  const [edges, setEdges] = useState<LinkFlowEdge[]>([]);

  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedLinks = useMemo(() => new Set(selection.links), [selection.links]);
  useEffect(() => {
    setNodes((prev) => toFlowNodes(doc, prev, selectedNodes));
  }, [doc, selectedNodes]);
  const crowded = useMemo(() => crowdedNodes(doc), [doc]);
  useEffect(() => {
    setEdges(toFlowEdges(doc, selectedLinks, new Set(cutLinks), crowded));
  }, [doc, selectedLinks, cutLinks, crowded]);

  // A newly opened document (template, file) is framed once React Flow has measured it.
  // `data-framed` says which document is framed (tests wait for it rather than for the animation).
  const [framed, setFramed] = useState(0);
  useEffect(() => {
    if (viewEpoch === 0) return;
    const timer = setTimeout(() => void fit(rf).then(() => setFramed(viewEpoch)), 80);
    return () => clearTimeout(timer);
  }, [viewEpoch, rf]);

  // For tests and the UI benchmark: the view (zoom, fit) next to the store (main.tsx).
  useEffect(() => {
    const w = window as unknown as { __zmqp?: Record<string, unknown> };
    if (w.__zmqp) w.__zmqp.flow = rf;
  }, [rf]);

  // Layout is one key: L (outside text fields, without modifiers).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "l" || e.ctrlKey || e.metaKey || e.altKey || typing(e.target))
        return;
      e.preventDefault();
      arrange(rf);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rf]);

  const onNodesChange = useCallback((changes: NodeChange<ZmqFlowNode>[]) => {
    setNodes((prev) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== "remove"),
        prev,
      ),
    );
    // The drop commits the final position: one history step per drag, not one per pixel.
    const moves: Record<string, { x: number; y: number }> = {};
    for (const c of changes)
      if (c.type === "position" && c.dragging === false && c.position) moves[c.id] = c.position;
    if (Object.keys(moves).length) appStore.getState().moveNodes(moves);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<LinkFlowEdge>[]) => {
    setEdges((prev) =>
      applyEdgeChanges(
        changes.filter((c) => c.type !== "remove"),
        prev,
      ),
    );
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const refs = connectionToRefs(c);
    if (!refs) return;
    const r = appStore.getState().connect(refs.from, refs.to);
    if (!r.ok) appStore.getState().toast("error", say(r.reason));
  }, []);

  const isValidConnection = useCallback((c: Connection | Edge) => refusal(c) === null, []);

  const onConnectEnd: OnConnectEnd = useCallback((_e, state) => {
    if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
    // Order the pair as a link: the connecting socket (source) first, whichever end the drag began at.
    const a = { node: state.fromHandle.nodeId, socket: state.fromHandle.id ?? "" };
    const b = { node: state.toHandle.nodeId, socket: state.toHandle.id ?? "" };
    const [from, to] = state.fromHandle.type === "source" ? [a, b] : [b, a];
    const reason = linkProblem(appStore.getState().doc, from, to) ?? { key: "link.direction" };
    appStore.getState().toast("error", say(reason));
  }, []);

  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: ZmqFlowNode[]; edges: LinkFlowEdge[] }) => {
      appStore.getState().remove(
        ns.map((n) => n.id),
        es.map((e) => e.id),
      );
    },
    [],
  );

  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: { nodes: ZmqFlowNode[]; edges: LinkFlowEdge[] }) => {
      const st = appStore.getState();
      st.select({ nodes: ns.map((n) => n.id), links: es.map((e) => e.id) });
      // Picking something on the canvas means "show me its details".
      if (ns.length + es.length > 0) st.setSidePanel("inspector");
    },
    [],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(ROLE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const role = e.dataTransfer.getData(ROLE_MIME) as Role;
      if (ATTACH_MODE || !role || !(role in ROLES)) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const label = i18n.t(`roles.${role}.label`);
      const id = appStore.getState().addNode(role, { x: p.x - 100, y: p.y - 30 }, label);
      appStore.getState().select({ nodes: [id], links: [] });
    },
    [rf],
  );

  return (
    <div
      className="canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="canvas"
      data-framed={framed}
    >
      <ReactFlow<ZmqFlowNode, LinkFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        onSelectionChange={onSelectionChange}
        // An observed system is drawn as seen: nothing can be wired, dropped or deleted on it.
        nodesConnectable={!ATTACH_MODE}
        deleteKeyCode={ATTACH_MODE ? null : ["Delete", "Backspace"]}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        ariaLabelConfig={labels}
        aria-label={t("canvas.label")}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#cbd5e1" />
        <ParticleOverlay />
        <StillParticles />
      </ReactFlow>
      {doc.nodes.length === 0 &&
        (ATTACH_MODE ? <AttachEmpty /> : PLAYER ? <PlayerWelcome /> : <Welcome />)}
    </div>
  );
}
