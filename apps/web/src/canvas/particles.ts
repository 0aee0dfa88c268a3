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
/** At most one new particle per link and direction in this many ms: more would overlap anyway. */
export const SPAWN_GAP_MS = 60;
/** Shortest time between two redraws of the overlay, ms. */
const MIN_FRAME_MS = 30;
/** Points sampled along a link's path. */
const SAMPLES = 32;

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
  private lastDraw = 0;
  private paths = new Map<string, { d: string; points: Float32Array }>();
  /** Last spawn per link and direction (`link\u0000b` for backward). */
  private lastSpawn = new Map<string, number>();
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
      const key = m.linkDirection === "backward" ? `${m.link}\u0000b` : m.link;
      const last = this.lastSpawn.get(key);
      if (last !== undefined && born - last < SPAWN_GAP_MS) continue;
      this.lastSpawn.set(key, born);
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
    this.lastSpawn.clear();
    this.ctx?.clearRect(0, 0, this.width, this.height);
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.live = [];
  }

  /**
   * A link's path as SAMPLES points, re-sampled only when its `d` changes (a node moved):
   * getPointAtLength per particle per frame costs more than all the drawing.
   */
  private sampled(link: string): Float32Array | null {
    const el = this.deps.pathOf(link);
    if (!el) return null;
    const d = el.getAttribute("d") ?? "";
    const hit = this.paths.get(link);
    if (hit && hit.d === d) return hit.points;
    const len = el.getTotalLength();
    if (!(len > 0)) return null;
    const points = new Float32Array((SAMPLES + 1) * 2);
    for (let i = 0; i <= SAMPLES; i++) {
      const at = el.getPointAtLength((i / SAMPLES) * len);
      points[i * 2] = at.x;
      points[i * 2 + 1] = at.y;
    }
    this.paths.set(link, { d, points });
    return points;
  }

  private tick = () => {
    this.frame = 0;
    const ctx = this.ctx;
    if (!ctx) return;
    const now = this.deps.now();
    // Redrawing the overlay costs a full-canvas composite; ~30 redraws a second look as smooth for
    // dots this small and leave the other frames to the page.
    if (now - this.lastDraw < MIN_FRAME_MS && this.live.length) {
      this.frame = requestAnimationFrame(this.tick);
      return;
    }
    this.lastDraw = now;
    ctx.clearRect(0, 0, this.width, this.height);
    const [tx, ty, zoom] = this.deps.transform();
    const radius = Math.max(3, 5 * zoom);
    const frameLinks = new Map<string, Float32Array | null>();
    // One path per colour: a few fills per frame instead of one per particle.
    const byColor = new Map<string, number[]>();
    let kept = 0;
    for (const p of this.live) {
      const t = (now - p.born) / TRAVEL_MS;
      if (t >= 1) continue;
      this.live[kept++] = p;
      let pts = frameLinks.get(p.link);
      if (pts === undefined) {
        pts = this.sampled(p.link);
        frameLinks.set(p.link, pts);
      }
      if (!pts) continue;
      // Ease in and out so a dot visibly leaves one socket and reaches the other.
      const eased = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
      const f = (p.backward ? 1 - eased : eased) * SAMPLES;
      const i = Math.min(SAMPLES - 1, Math.floor(f));
      const k = f - i;
      const x = (pts[i * 2]! + (pts[i * 2 + 2]! - pts[i * 2]!) * k) * zoom + tx;
      const y = (pts[i * 2 + 1]! + (pts[i * 2 + 3]! - pts[i * 2 + 1]!) * k) * zoom + ty;
      let list = byColor.get(p.color);
      if (!list) byColor.set(p.color, (list = []));
      list.push(x, y);
      if (!p.seen) {
        p.seen = true;
        this.drawn++;
      }
    }
    this.live.length = kept;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    for (const [color, xy] of byColor) {
      ctx.beginPath();
      for (let j = 0; j < xy.length; j += 2) {
        ctx.moveTo(xy[j]! + radius, xy[j + 1]!);
        ctx.arc(xy[j]!, xy[j + 1]!, radius, 0, Math.PI * 2);
      }
      ctx.fillStyle = color;
      ctx.fill();
      ctx.stroke();
    }
    this.canvas.dataset.drawn = String(this.drawn);
    this.canvas.dataset.live = String(kept);
    if (kept) this.frame = requestAnimationFrame(this.tick);
    else this.paths.clear();
  };
}
