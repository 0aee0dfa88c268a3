/** A link on the canvas: a bezier from the connecting socket to the binding one, dashed when cut. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { linkDiagnostics } from "../store/diagnostics.js";
import { useApp } from "../store/index.js";
import { shortRate } from "../store/rates.js";
import { useZoomedOut } from "./lod.js";
import { fullLinks } from "./gaugeModel.js";
import { QueueGauge } from "./QueueGauge.js";
import { RATE_VIEW_ABOVE } from "./rateView.js";
import type { LinkFlowEdge } from "./toFlow.js";
import { shown, shownCuts, shownRunning } from "../replay/shown.js";

/** Zoomed out: messages a second both ways, instead of particles and counts. */
function RateLabel({ id, x, y }: { id: string; x: number; y: number }) {
  const { t } = useTranslation();
  const running = useApp(shownRunning);
  const forward = useApp((s) => shortRate(shown(s).rates.links[id]?.forward ?? 0));
  const backward = useApp((s) => shortRate(shown(s).rates.links[id]?.backward ?? 0));
  const total = useApp(
    (s) => (shown(s).rates.links[id]?.forward ?? 0) + (shown(s).rates.links[id]?.backward ?? 0),
  );
  if (!running || total === 0) return null;
  const rate = shortRate(total);
  return (
    <EdgeLabelRenderer>
      <div
        className="zl-label zl-rate"
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
        title={t("counters.linkRateTitle", { forward, backward })}
        data-testid={`link.${id}.rate`}
      >
        {t("counters.linkRate", { rate })}
      </div>
    </EdgeLabelRenderer>
  );
}

/**
 * The counts in the middle of a link. Its own component with primitive selectors: counts change
 * many times a second while the path itself stays put. Each count's arrow points the way its
 * messages travel on the drawing (the edge runs from the connecting socket to the binding one, so
 * `forward` goes source → target), whichever side of the screen each end is on; a direction that
 * carried nothing is left out (a PUB → SUB link reads "→9", not "→0 ←9"). It has no tooltip:
 * the label lets the pointer through to the link under it (canvas.css), so one was never seen,
 * and 150 labels building two sentences on every counters event cost the page its frames.
 */
function LinkLabel({
  id,
  x,
  y,
  cut,
  way,
}: {
  id: string;
  x: number;
  y: number;
  cut: boolean;
  way: Way;
}) {
  const { t } = useTranslation();
  const running = useApp(shownRunning);
  const forward = useApp((s) => shown(s).counters.links[id]?.forward ?? 0);
  const backward = useApp((s) => shown(s).counters.links[id]?.backward ?? 0);
  // Too busy for one particle per message (rateView.ts): the label says the rate instead.
  const busy = useApp((s) => {
    const r = shown(s).rates.links[id];
    const top = Math.max(r?.forward ?? 0, r?.backward ?? 0);
    return s.rateView && top > RATE_VIEW_ABOVE
      ? shortRate((r?.forward ?? 0) + (r?.backward ?? 0))
      : "";
  });
  if (!cut && !(running && forward + backward > 0)) return null;
  const parts: { arrow: string; count: number; dir: "forward" | "backward" }[] = [];
  if (forward > 0) parts.push({ arrow: ARROW[way], count: forward, dir: "forward" });
  if (backward > 0) parts.push({ arrow: ARROW[OPPOSITE[way]], count: backward, dir: "backward" });
  // Rightward (or downward) first, so the label reads the same way the drawing does.
  parts.sort((a, b) => ORDER.indexOf(a.arrow) - ORDER.indexOf(b.arrow));
  return (
    <EdgeLabelRenderer>
      <div
        className={`zl-label ${cut ? "cut" : ""}`}
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
        data-testid={`link.${id}.label`}
        data-forward={forward}
        data-backward={backward}
      >
        {cut
          ? "✂"
          : parts.map((p, i) => (
              <span key={p.dir} data-dir={p.dir}>
                {i > 0 ? " " : ""}
                {p.arrow}
                {p.count}
              </span>
            ))}
        {!cut && busy && (
          <span className="zl-busy" data-testid={`link.${id}.busy`}>
            {t("counters.linkRate", { rate: busy })}
          </span>
        )}
      </div>
    </EdgeLabelRenderer>
  );
}

type Way = "right" | "left" | "down" | "up";
const ARROW: Record<Way, string> = { right: "→", left: "←", down: "↓", up: "↑" };
const OPPOSITE: Record<Way, Way> = { right: "left", left: "right", down: "up", up: "down" };
const ORDER = ["→", "↓", "←", "↑"];

/** Which way source → target runs on the screen. */
function wayOf(sx: number, sy: number, tx: number, ty: number): Way {
  const dx = tx - sx;
  const dy = ty - sy;
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? "right" : "left";
  return dy >= 0 ? "down" : "up";
}

function LinkEdgeView(props: EdgeProps<LinkFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } =
    props;
  const crowded = props.data?.crowded ?? false;
  const cut = useApp((s) => shownCuts(s).includes(id));
  const bad = useApp((s) => linkDiagnostics(s.doc, id).some((d) => d.severity === "error"));
  const compact = useZoomedOut();
  const full = useApp((s) => fullLinks(shown(s).queues).has(id));
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const cls = ["zl", selected && "selected", cut && "cut", bad && "invalid", full && "full"]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <BaseEdge id={id} path={path} className={cls} interactionWidth={18} />
      {compact && !cut ? (
        // Between packed cards a label would cover them: the cards carry the rates there.
        !crowded && <RateLabel id={id} x={labelX} y={labelY} />
      ) : (
        <>
          <LinkLabel
            id={id}
            x={labelX}
            y={labelY}
            cut={cut}
            way={wayOf(sourceX, sourceY, targetX, targetY)}
          />
          {!cut && <QueueGauge id={id} x={labelX} y={labelY} />}
        </>
      )}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);
