/**
 * The mini map, at the foot of the palette column rather than over the canvas, so it never covers a
 * node. Folded by default for small graphs (all of them fits the view anyway); the person's choice
 * wins once made.
 */
import { MiniMap } from "@xyflow/react";
import { ROLES } from "@zmqp/protocol";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";
import { GROUP_COLOR } from "./groups.js";
import type { ZmqFlowNode } from "./toFlow.js";

/** Graphs with more nodes than this open the map by themselves. */
const OPEN_FROM_NODES = 12;

export function MapPanel() {
  const { t } = useTranslation();
  const count = useApp((s) => s.doc.nodes.length);
  const [choice, setChoice] = useState<boolean | null>(null);
  if (count === 0) return null;
  const open = choice ?? count > OPEN_FROM_NODES;
  return (
    <div className="map-panel" data-testid="map">
      <button
        type="button"
        className="map-toggle"
        aria-expanded={open}
        onClick={() => setChoice(!open)}
        title={open ? t("canvas.hideMap") : t("canvas.showMap")}
      >
        {t("canvas.map")} {open ? "▾" : "▸"}
      </button>
      {open && (
        <MiniMap
          className="map"
          pannable
          zoomable
          style={{ width: "100%", height: 120 }}
          nodeColor={(n) => GROUP_COLOR[ROLES[(n as ZmqFlowNode).data.node.role].group]}
          bgColor="#f8fafc"
          maskColor="rgba(100, 116, 139, 0.18)"
          ariaLabel={t("canvas.minimap")}
        />
      )}
    </div>
  );
}
