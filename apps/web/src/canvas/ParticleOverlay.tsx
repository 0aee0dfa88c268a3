/** Mounts the particle layer over the flow and feeds it the message events of each applied batch. */
import { useStoreApi } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { gateway } from "../gateway/session.js";
import { appStore } from "../store/index.js";
import { ParticleLayer } from "./particles.js";

export function ParticleOverlay() {
  const ref = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const root = canvas.parentElement ?? canvas;
    const elements = new Map<string, SVGPathElement>();
    const layer = new ParticleLayer(canvas, {
      transform: () => flow.getState().transform,
      pathOf: (link) => {
        // Elements are cached: a query per link per frame adds up with 150 links.
        const hit = elements.get(link);
        if (hit?.isConnected) return hit;
        const el = root.querySelector<SVGPathElement>(
          `.react-flow__edge[data-id="${CSS.escape(link)}"] path.react-flow__edge-path`,
        );
        if (el) elements.set(link, el);
        else elements.delete(link);
        return el;
      },
      now: () => performance.now(),
    });
    const fit = () => {
      const r = canvas.getBoundingClientRect();
      layer.resize(r.width, r.height, window.devicePixelRatio || 1);
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(canvas);
    layer.enabled = appStore.getState().animate;
    const unsubAnimate = appStore.subscribe((s, prev) => {
      if (s.animate === prev.animate) return;
      layer.enabled = s.animate;
      if (!s.animate) layer.clear();
    });
    const unsub = gateway.onMessages((events) =>
      layer.push(events.filter((e) => e.direction === "in")),
    );
    return () => {
      unsub();
      unsubAnimate();
      ro.disconnect();
      layer.destroy();
    };
  }, [flow]);
  return (
    <canvas
      ref={ref}
      className="particles"
      data-testid="canvas.particles"
      data-drawn="0"
      aria-hidden="true"
    />
  );
}
