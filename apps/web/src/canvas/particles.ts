/**
 * Message particles: ONE <canvas> and ONE requestAnimationFrame loop for every message on screen.
 * A particle runs along the SVG path of the link it crossed (getPointAtLength), forward from the
 * connecting socket to the binding one, or back for replies and results.
 */
import type { MessageKind } from "@zmqp/protocol";

/** How long a particle takes to cross a link, ms. */
export const TRAVEL_MS = 700;
/** Most particles alive at once; the oldest go first (counters stay exact, this is only drawing). */
export const MAX_LIVE = 600;

export const KIND_COLOR: Record<MessageKind, string> = {
  request: "#2563eb",
  reply: "#16a34a",
  publish: "#ea580c",
  task: "#9333ea",
  result: "#0d9488",
  data: "#64748b",
};

interface Particle {
  link: string;
  backward: boolean;
  color: string;
  born: number;
  /** Drawn at least once (counted in `drawn`). */
  seen: boolean;
}

export interface ParticleSource {
  link: string | null;
  linkDirection?: "forward" | "backward";
  kind: MessageKind;
}

export interface LayerDeps {
  /** The flow viewport: x, y translation (px) and zoom. */
  transform(): [number, number, number];
  /** The rendered SVG path of a link, or null when it is not on screen. */
  pathOf(link: string): SVGPathElement | null;
  now(): number;
}

export class ParticleLayer {
  private live: Particle[] = [];
  private frame = 0;
  private ctx: CanvasRenderingContext2D | null = null;
  private width = 0;
  private height = 0;
  /** Particles drawn at least once since the layer started (exposed for tests and benchmarks). */
  drawn = 0;
  enabled = true;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly deps: LayerDeps,
  ) {
    this.ctx = canvas.getContext("2d");
  }

  resize(width: number, height: number, dpr: number) {
    this.width = width;
    this.height = height;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  /** Adds one particle per message that crossed a known link. */
  push(messages: readonly ParticleSource[]) {
    if (!this.enabled) return;
    const born = this.deps.now();
    for (const m of messages) {
      if (!m.link) continue;
      this.live.push({
        link: m.link,
        backward: m.linkDirection === "backward",
        color: KIND_COLOR[m.kind],
        born,
        seen: false,
      });
    }
    if (this.live.length > MAX_LIVE) this.live.splice(0, this.live.length - MAX_LIVE);
    if (!this.frame && this.live.length) this.frame = requestAnimationFrame(this.tick);
  }

  clear() {
    this.live = [];
    this.ctx?.clearRect(0, 0, this.width, this.height);
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.live = [];
  }

  private tick = () => {
    this.frame = 0;
    const ctx = this.ctx;
    if (!ctx) return;
    const now = this.deps.now();
    ctx.clearRect(0, 0, this.width, this.height);
    const [tx, ty, zoom] = this.deps.transform();
    const paths = new Map<string, { el: SVGPathElement; len: number } | null>();
    const radius = Math.max(3, 5 * zoom);
    let kept = 0;
    for (const p of this.live) {
      const t = (now - p.born) / TRAVEL_MS;
      if (t >= 1) continue;
      this.live[kept++] = p;
      let path = paths.get(p.link);
      if (path === undefined) {
        const el = this.deps.pathOf(p.link);
        path = el ? { el, len: el.getTotalLength() } : null;
        paths.set(p.link, path);
      }
      if (!path || path.len === 0) continue;
      // Ease in and out so a dot visibly leaves one socket and reaches the other.
      const eased = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
      const at = path.el.getPointAtLength((p.backward ? 1 - eased : eased) * path.len);
      const x = at.x * zoom + tx;
      const y = at.y * zoom + ty;
      ctx.beginPath();
      ctx.fillStyle = p.color;
      ctx.arc(x, y, radius, 0, Math.PI * 2);
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.stroke();
      if (!p.seen) {
        p.seen = true;
        this.drawn++;
      }
    }
    this.live.length = kept;
    this.canvas.dataset.drawn = String(this.drawn);
    this.canvas.dataset.live = String(kept);
    if (kept) this.frame = requestAnimationFrame(this.tick);
  };
}
