/**
 * Mounts the particle layer over the flow and feeds it the message events of each applied batch.
 * Zoomed out past LOD_ZOOM links show rates instead, so the layer is off there.
 */
import { useStoreApi } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { gateway } from "../gateway/session.js";
import { appStore } from "../store/index.js";
import { LOD_ZOOM } from "./lod.js";
import { ParticleLayer } from "./particles.js";
import { rated } from "./rateView.js";

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
    const compact = () => flow.getState().transform[2] < LOD_ZOOM;
    const sync = () => {
      // A moment of the past is drawn still (StillParticles): nothing live moves over it.
      const on = appStore.getState().animate && !compact() && !appStore.getState().replay;
      if (on === layer.enabled) return;
      layer.enabled = on;
      if (!on) layer.clear();
    };
    layer.enabled = appStore.getState().animate && !compact() && !appStore.getState().replay;
    const unsubAnimate = appStore.subscribe((s, prev) => {
      if (s.animate !== prev.animate || (s.replay === null) !== (prev.replay === null)) sync();
      // A run from nothing starts its particles from nothing too.
      if (s.run.epoch !== prev.run.epoch) layer.reset();
      // Stopped: nothing travels any more, so nothing is drawn travelling.
      else if (s.run.state !== prev.run.state && s.run.state === "idle") layer.clear();
    });
    const unsubZoom = flow.subscribe((s, prev) => {
      if (s.transform[2] !== prev.transform[2]) sync();
    });
    // A link too busy for one dot per message shows its rate instead (rateView.ts).
    const unsub = gateway.onMessages((events) => {
      const { rates, rateView } = appStore.getState();
      layer.push(
        events.filter(
          (e) =>
            e.direction === "in" &&
            !(rateView && e.link && rated(rates, e.link, e.linkDirection ?? "forward")),
        ),
      );
    });
    return () => {
      unsub();
      unsubAnimate();
      unsubZoom();
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
