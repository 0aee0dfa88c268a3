/**
 * One TCP connection read as ZMTP: a decoder per direction, and what the decoded items mean for
 * the graph. A connection is ZMTP when both directions open with the ZMTP 3 signature (libzmq sends
 * it at once from both ends); when either opens with anything else (HTTP, a ZMTP 1.0 peer, a
 * capture that joined mid-stream) it is not, and nothing it carried is reported. Until both have
 * spoken, observations wait here (bounded).
 */
import type { FrameRole, FrameView } from "@zmqp/protocol";
import { ZmtpDecoder, type ZmtpItem } from "@zmqp/zmtp";
import type { Direction } from "../tcp/tracker.js";

export type Observation =
  | { kind: "greeting"; dir: Direction; version: string; mechanism: string; asServer: boolean }
  /** READY (NULL, PLAIN server) or INITIATE (PLAIN client) properties of the side that sent them. */
  | { kind: "metadata"; dir: Direction; socketType?: string; identity?: string }
  | { kind: "subscription"; dir: Direction; action: "subscribe" | "cancel"; topic: string }
  | { kind: "message"; dir: Direction; frames: FrameView[]; encrypted: boolean }
  | { kind: "wire"; dir: Direction; bytes: number; items: ZmtpItem[] }
  | { kind: "problem"; dir: Direction; text: string };

export type Verdict = "pending" | "zmtp" | "other";

/** Frames kept per message for display; the rest are counted in the message, not shown. */
const MAX_FRAMES_SHOWN = 64;
/** Observations held while waiting for the other side's first bytes. */
const MAX_HELD = 256;

interface Side {
  decoder: ZmtpDecoder;
  /** Frames of the message being received. */
  frames: FrameView[];
  started: boolean;
  mechanism?: string;
}

export class ZmtpConnection {
  verdict: Verdict = "pending";
  private sides: Record<Direction, Side> = {
    c2s: { decoder: new ZmtpDecoder(), frames: [], started: false },
    s2c: { decoder: new ZmtpDecoder(), frames: [], started: false },
  };
  private held: Observation[] = [];

  /** Feeds one chunk; returns the observations it completed (none while pending or for non-ZMTP). */
  feed(dir: Direction, bytes: Uint8Array): Observation[] {
    if (this.verdict === "other") return [];
    const side = this.sides[dir];
    const items = side.decoder.feed(bytes);
    if (!side.started && items.length > 0) {
      side.started = true;
      if (items[0]!.kind !== "signature") {
        this.verdict = "other";
        this.held = [];
        return [];
      }
    }
    const out: Observation[] = [];
    if (items.length > 0) out.push({ kind: "wire", dir, bytes: bytes.length, items });
    for (const item of items) this.interpret(dir, side, item, out);
    if (this.verdict === "zmtp") return out;
    this.held.push(...out);
    if (this.held.length > MAX_HELD) this.held.splice(0, this.held.length - MAX_HELD);
    if (this.sides.c2s.started && this.sides.s2c.started) {
      this.verdict = "zmtp";
      const all = this.held;
      this.held = [];
      return all;
    }
    return [];
  }

  private interpret(dir: Direction, side: Side, item: ZmtpItem, out: Observation[]): void {
    switch (item.kind) {
      case "greeting":
        side.mechanism = item.mechanism;
        out.push({
          kind: "greeting",
          dir,
          version: item.version ?? "?",
          mechanism: item.mechanism ?? "?",
          asServer: item.asServer ?? false,
        });
        return;
      case "command":
        return this.command(dir, side, item, out);
      case "frame":
        return this.frame(dir, side, item, out);
      case "error":
        out.push({ kind: "problem", dir, text: item.summary });
        return;
      default:
        return;
    }
  }

  private command(dir: Direction, side: Side, item: ZmtpItem, out: Observation[]): void {
    if (item.subscription) {
      out.push({ kind: "subscription", dir, ...pick(item.subscription) });
      return;
    }
    if (side.mechanism === "CURVE" && item.command === "MESSAGE")
      return this.encrypted(dir, item, out);
    const meta = item.command === "READY" || item.command === "INITIATE";
    if (meta && item.properties && side.mechanism !== "CURVE") {
      const p = lower(item.properties);
      out.push({
        kind: "metadata",
        dir,
        ...(p["socket-type"] ? { socketType: p["socket-type"].toUpperCase() } : {}),
        ...(p.identity ? { identity: p.identity } : {}),
      });
    }
  }

  /**
   * A CURVE MESSAGE (libzmq sends it as a plain frame, older peers as a command): one frame of the
   * sender's message, whose MORE flag is inside the box, so it counts as one encrypted frame. Its
   * body size is exact: the box minus the name (8), nonce (8), flags (1) and MAC (16).
   */
  private encrypted(dir: Direction, item: ZmtpItem, out: Observation[]): void {
    const size = Math.max(0, (item.size ?? 0) - 8 - 8 - 1 - 16);
    out.push({ kind: "message", dir, frames: [{ size, hex: "" }], encrypted: true });
  }

  private frame(dir: Direction, side: Side, item: ZmtpItem, out: Observation[]): void {
    if (side.mechanism === "CURVE") return this.encrypted(dir, item, out);
    if (item.subscription && item.part === 0 && !item.more) {
      out.push({ kind: "subscription", dir, ...pick(item.subscription) });
      return;
    }
    if (side.frames.length < MAX_FRAMES_SHOWN) {
      const body = item.fields.find((f) => f.name === "body");
      side.frames.push({
        size: item.size ?? 0,
        hex: (body?.hex ?? "").replace(/ /g, "").replace(/…$/, ""),
        ...(item.text !== undefined ? { text: item.text } : {}),
      });
    }
    if (item.more) return;
    out.push({ kind: "message", dir, frames: withRoles(side.frames), encrypted: false });
    side.frames = [];
  }
}

function pick(s: NonNullable<ZmtpItem["subscription"]>) {
  return { action: s.action, topic: s.topic };
}

function lower(props: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * Envelope roles as the engine marks them: frames before the first empty one are routing ids, the
 * empty one the delimiter; the first of several frames without a delimiter is the topic (PUB).
 */
function withRoles(frames: FrameView[]): FrameView[] {
  const delimiter = frames.findIndex((f) => f.size === 0);
  return frames.map((f, i) => {
    let role: FrameRole = "body";
    if (delimiter >= 0 && i < delimiter) role = "routing-id";
    else if (i === delimiter) role = "delimiter";
    else if (delimiter < 0 && frames.length > 1 && i === 0) role = "topic";
    return { ...f, role };
  });
}
