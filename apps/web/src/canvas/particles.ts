/**
 * Message particles: ONE <canvas> and ONE requestAnimationFrame loop for every message on screen.
 * A particle runs along the SVG path of the link it crossed (getPointAtLength), forward from the
 * connecting socket to the binding one, or back for replies and results.
 *
 * Cost: with --disable-gpu (and on many laptops) a 2D canvas is rasterised on the page's main
 * thread, so each dot drawn is CPU the page no longer has for its own frames. Hence few dots (one
 * per link and direction per SPAWN_GAP_MS is enough to show the link is busy), each a copy of a
 * pre-rendered sprite (an antialiased arc and stroke per dot cost ~4x more), ~30 redraws a
 * second, and no redraw at all once nothing moves.
 */
import type { MessageKind } from "@zmqp/protocol";
import { dotSprite, type DotSprite } from "./particleSprite.js";

/** How long a particle takes to cross a link, ms. */
const TRAVEL_MS = 700;
/** Most particles alive at once; the oldest go first (counters stay exact, this is only drawing). */
const MAX_LIVE = 400;
/**
 * At most one new particle per link and direction in this many ms: a link that carried a message
 * in the last ~200 ms always has a dot on it (a dot lives TRAVEL_MS), and more would overlap.
 */
const SPAWN_GAP_MS = 200;
/** Shortest time between two redraws of the overlay, ms (~30 a second). */
const MIN_FRAME_MS = 30;
/** Points sampled along a link's path. */
const SAMPLES = 32;
/** Device pixels per CSS pixel at most: dots this small gain nothing from a 3x backing store. */
const MAX_DPR = 2;

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
  private dpr = 1;
  /** Device-pixel box of the dots drawn last frame (x0, y0, x1, y1): what the next frame clears. */
  private dirty: [number, number, number, number] | null = null;
  private sprites = new Map<string, DotSprite>();
  /** Particles drawn at least once since the layer started (exposed for tests and benchmarks). */
  drawn = 0;
  /** The same per link (`link` forward, `link←` backward), so tests compare them with the counters. */
  private drawnByLink: Record<string, number> = {};
  enabled = true;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly deps: LayerDeps,
  ) {
    this.ctx = canvas.getContext("2d");
  }

  resize(width: number, height: number, dpr: number) {
    this.dpr = Math.min(MAX_DPR, Math.max(1, dpr));
    // Setting the size clears the canvas (and its transform): nothing is left to clear.
    this.canvas.width = Math.max(1, Math.round(width * this.dpr));
    this.canvas.height = Math.max(1, Math.round(height * this.dpr));
    this.dirty = null;
    if (this.live.length && !this.frame) this.frame = requestAnimationFrame(this.tick);
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
    this.wipe();
  }

  /** A new run: nothing of the last one stays on screen or in the counts. */
  reset() {
    this.clear();
    this.drawn = 0;
    this.drawnByLink = {};
    this.canvas.dataset.drawn = "0";
    this.canvas.dataset.drawnLinks = "{}";
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.live = [];
  }

  /** Clears what the last frame drew, and only that: a full clear dirties the whole canvas. */
  private wipe() {
    const box = this.dirty;
    if (!box || !this.ctx) return;
    this.ctx.clearRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
    this.dirty = null;
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

  private sprite(color: string, radius: number): DotSprite {
    const key = `${color}/${radius}/${this.dpr}`;
    let s = this.sprites.get(key);
    if (!s) this.sprites.set(key, (s = dotSprite(color, radius, this.dpr)));
    return s;
  }

  private tick = () => {
    this.frame = 0;
    const ctx = this.ctx;
    if (!ctx) return;
    const now = this.deps.now();
    // ~30 redraws a second look as smooth for dots this small and leave the other frames to the
    // page.
    if (now - this.lastDraw < MIN_FRAME_MS && this.live.length) {
      this.frame = requestAnimationFrame(this.tick);
      return;
    }
    this.lastDraw = now;
    this.wipe();
    const [tx, ty, zoom] = this.deps.transform();
    const dpr = this.dpr;
    // Radius in CSS px, in half-pixel steps so that zooming reuses a handful of sprites.
    const radius = Math.round(Math.max(3, 5 * zoom) * 2) / 2;
    const w = this.canvas.width;
    const h = this.canvas.height;
    const frameLinks = new Map<string, Float32Array | null>();
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    let kept = 0;
    let firsts = 0;
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
      const s = this.sprite(p.color, radius);
      // Whole device pixels: a sprite copied 1:1 is a blit, at a fraction it is resampled.
      const left = Math.round(x * dpr) - s.half;
      const top = Math.round(y * dpr) - s.half;
      if (left >= w || top >= h || left + s.size <= 0 || top + s.size <= 0) continue;
      ctx.drawImage(s.image, left, top);
      if (left < x0) x0 = left;
      if (top < y0) y0 = top;
      if (left + s.size > x1) x1 = left + s.size;
      if (top + s.size > y1) y1 = top + s.size;
      if (!p.seen) {
        p.seen = true;
        this.drawn++;
        const key = p.backward ? `${p.link}←` : p.link;
        this.drawnByLink[key] = (this.drawnByLink[key] ?? 0) + 1;
        firsts++;
      }
    }
    this.live.length = kept;
    if (x1 > x0) this.dirty = [Math.max(0, x0), Math.max(0, y0), Math.min(w, x1), Math.min(h, y1)];
    // Once a frame, not once a dot: 150 busy links put ~300 new dots a second on screen.
    if (firsts) {
      this.canvas.dataset.drawnLinks = JSON.stringify(this.drawnByLink);
      this.canvas.dataset.drawn = String(this.drawn);
    }
    if (this.canvas.dataset.live !== String(kept)) this.canvas.dataset.live = String(kept);
    if (kept) this.frame = requestAnimationFrame(this.tick);
    else this.paths.clear();
  };
}
