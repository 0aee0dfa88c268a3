/**
 * FrameView: what a message looks like on screen. Built lazily (LazyMessage, below) because at
 * 80 k msgs/s formatting every frame would cost more than the socket itself.
 */
import type { FrameRole, FrameView, EventOf, SocketType } from "@zmqp/protocol";

const HEX_BYTES = 64;
const TEXT_CHARS = 256;

/** Printable UTF-8: no control characters except tab, newline and carriage return. */
function asText(buf: Buffer): string | undefined {
  if (buf.length === 0) return "";
  const s = buf.toString("utf8");
  if (s.includes("\uFFFD")) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s)) return undefined;
  return s.length > TEXT_CHARS ? s.slice(0, TEXT_CHARS) : s;
}

/**
 * Roles of each frame. ROUTER-facing envelopes: frames before the first empty frame are routing
 * ids, the empty one is the delimiter, the rest is the body. PUB/SUB: the first frame is the topic.
 */
function frameRoles(type: SocketType, frames: readonly Buffer[]): FrameRole[] {
  const n = frames.length;
  const roles: FrameRole[] = new Array<FrameRole>(n).fill("body");
  if (n === 0) return roles;
  if (type === "PUB" || type === "XPUB" || type === "SUB" || type === "XSUB") {
    if (n > 1) roles[0] = "topic";
    return roles;
  }
  const delim = frames.findIndex((f, i) => f.length === 0 && i < n - 1);
  if (delim >= 0) {
    for (let i = 0; i < delim; i++) roles[i] = "routing-id";
    roles[delim] = "delimiter";
  } else if (type === "ROUTER" && n > 1) {
    roles[0] = "routing-id";
  }
  return roles;
}

export function frameViews(type: SocketType, frames: readonly Buffer[]): FrameView[] {
  const roles = frameRoles(type, frames);
  return frames.map((f, i) => {
    const view: FrameView = {
      size: f.length,
      hex: f.subarray(0, HEX_BYTES).toString("hex"),
      role: roles[i],
    };
    const text = asText(f);
    if (text !== undefined) view.text = text;
    return view;
  });
}

type MessageEvent = EventOf<"message">;

/**
 * A `message` event whose `frames` are formatted on first read. Formatting every frame of every
 * message would cost more than the socket (and a per-object accessor from defineProperty costs
 * ~5 µs). Read `e.frames` or JSON.stringify(e) (toJSON includes them); a `{...e}` copy does not.
 */
export class LazyMessage implements MessageEvent {
  readonly type = "message" as const;
  t: number;
  id: number;
  node: string;
  socket: string;
  direction: "out" | "in";
  kind: MessageEvent["kind"];
  link: string | null;
  declare linkDirection?: "forward" | "backward";
  declare from?: { node: string; socket: string };
  declare external?: boolean;
  declare sendId?: number;
  #raw: readonly Buffer[];
  #socketType: SocketType;
  #views: FrameView[] | undefined;
  /** An event with the very same one frame (the send a receive matched): formatted once for both. */
  #twin: LazyMessage | undefined = undefined;

  /** Positional, not a fields object: one allocation per message event, not two. */
  constructor(
    t: number,
    id: number,
    node: string,
    socket: string,
    direction: "out" | "in",
    kind: MessageEvent["kind"],
    link: string | null,
    socketType: SocketType,
    raw: readonly Buffer[],
  ) {
    this.t = t;
    this.id = id;
    this.node = node;
    this.socket = socket;
    this.direction = direction;
    this.kind = kind;
    this.link = link;
    this.#raw = raw;
    this.#socketType = socketType;
  }

  get frames(): FrameView[] {
    return (this.#views ??= this.#twin
      ? this.#twin.frames
      : frameViews(this.#socketType, this.#raw));
  }

  /**
   * This receive's one frame has the bytes of `send`'s one frame (the correlator matched them
   * byte for byte): its views are the send's, made once for both. A one-frame message is all
   * body whatever the socket types, so the views are the same; several frames get roles by
   * socket type, so they are formatted each. The views are read-only, so sharing them is safe.
   */
  sameFrameAs(send: LazyMessage): void {
    if (this.#raw.length === 1 && send.#raw.length === 1) this.#twin = send;
  }

  toJSON(): MessageEvent {
    return { ...this, frames: this.frames };
  }
}

/** `{n}` and `{topic}` placeholders of behaviour payloads. */
export function fillPayload(template: string, n: number, topic = ""): string {
  if (!template.includes("{")) return template;
  return template.replaceAll("{n}", String(n)).replaceAll("{topic}", topic);
}
