/**
 * The view's controls (zoom, fit) and the mini map, at the foot of the palette column rather than
 * over the canvas, so they never cover a node. The map is folded by default for small graphs (all
 * of them fits the view anyway); the person's choice wins once made.
 */
import { Controls, MiniMap } from "@xyflow/react";
import { ROLES } from "@zmqp/protocol";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";
import { FIT } from "./arrange.js";
import { GROUP_COLOR } from "./groups.js";
import type { ZmqFlowNode } from "./toFlow.js";

/** Graphs with more nodes than this open the map by themselves. */
const OPEN_FROM_NODES = 12;
/** The map's size, px: it fits the narrowest palette column (base.css). */
const MAP = { width: 140, height: 96 };

export function MapPanel() {
  const { t } = useTranslation();
  const count = useApp((s) => s.doc.nodes.length);
  const [choice, setChoice] = useState<boolean | null>(null);
  if (count === 0) return null;
  const open = choice ?? count > OPEN_FROM_NODES;
  return (
    <div className="map-panel" data-testid="map">
      <div className="map-bar">
        <button
          type="button"
          className="map-toggle"
          aria-expanded={open}
          onClick={() => setChoice(!open)}
          title={open ? t("canvas.hideMap") : t("canvas.showMap")}
        >
          {t("canvas.map")} {open ? "▾" : "▸"}
        </button>
        <Controls
          className="view-controls"
          orientation="horizontal"
          showInteractive={false}
          fitViewOptions={FIT}
        />
      </div>
      {open && (
        <MiniMap
          className="map"
          pannable
          zoomable
          style={MAP}
          nodeColor={(n) => GROUP_COLOR[ROLES[(n as ZmqFlowNode).data.node.role].group]}
          bgColor="#f8fafc"
          maskColor="rgba(100, 116, 139, 0.18)"
          ariaLabel={t("canvas.minimap")}
        />
      )}
    </div>
  );
}
