/**
 * The messages on their way at the moment shown, drawn still on their links: each where it was
 * then (how far along its link, by the time since its send against when it arrived). Placed in the
 * flow's own coordinates, so they stay on the links when the canvas is panned or zoomed.
 */
import { ViewportPortal } from "@xyflow/react";
import { useLayoutEffect, useState } from "react";
import { KIND_COLOR } from "../canvas/particles.js";
import { useApp } from "../store/index.js";
import type { StillParticle } from "./view.js";

/** Dots drawn at most (the count is said all the same). */
const MAX_DOTS = 300;

interface Dot {
  id: number;
  x: number;
  y: number;
  color: string;
}

function place(list: readonly StillParticle[]): Dot[] {
  const out: Dot[] = [];
  for (const p of list.slice(-MAX_DOTS)) {
    const path = document.querySelector<SVGPathElement>(
      `.react-flow__edge[data-id="${CSS.escape(p.link)}"] path.react-flow__edge-path`,
    );
    if (!path) continue;
    const length = path.getTotalLength();
    // The path runs from the connecting socket to the binding one: a reply goes the other way.
    const pt = path.getPointAtLength(length * (p.backward ? 1 - p.along : p.along));
    out.push({ id: p.id, x: pt.x, y: pt.y, color: KIND_COLOR[p.kind] });
  }
  return out;
}

export function StillParticles() {
  const inFlight = useApp((s) => s.replay?.inFlight ?? null);
  const [dots, setDots] = useState<Dot[]>([]);
  useLayoutEffect(() => setDots(inFlight ? place(inFlight) : []), [inFlight]);
  if (!inFlight) return null;
  return (
    <ViewportPortal>
      <div className="still-particles" data-testid="replay.inflight" data-count={inFlight.length}>
        {dots.map((d) => (
          <span
            key={d.id}
            className="still-dot"
            style={{ transform: `translate(${d.x - 5}px, ${d.y - 5}px)`, background: d.color }}
          />
        ))}
      </div>
    </ViewportPortal>
  );
}
