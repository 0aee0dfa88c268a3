/** What the badge on a node says, derived from the engine's status (pure, so it is unit-tested). */
import type { NodeStatus } from "@zmqp/protocol";

export type BadgeKey =
  | "idle"
  | "starting"
  | "bound"
  | "connected"
  | "connecting"
  | "waiting"
  | "stuck"
  | "retrying"
  | "gave-up"
  | "held"
  | "paused"
  | "stopped"
  | "killed"
  | "error"
  | "running";

type Tone = "ok" | "busy" | "warn" | "bad" | "idle";

export interface Badge {
  key: BadgeKey;
  tone: Tone;
  /** The engine's one line ("Address already in use", "waiting for a reply for 3.2 s"). */
  detail?: string;
}

const TONE: Record<BadgeKey, Tone> = {
  idle: "idle",
  starting: "busy",
  bound: "ok",
  connected: "ok",
  connecting: "warn",
  waiting: "busy",
  stuck: "bad",
  retrying: "warn",
  "gave-up": "bad",
  held: "busy",
  paused: "warn",
  stopped: "idle",
  killed: "bad",
  error: "bad",
  running: "ok",
};

function badge(key: BadgeKey, detail?: string): Badge {
  return detail ? { key, tone: TONE[key], detail } : { key, tone: TONE[key] };
}

/** The most telling state first: errors, then a REQ's activity, then the sockets. */
export function badgeFor(status: NodeStatus | undefined): Badge {
  if (!status) return badge("idle");
  const sockets = Object.values(status.sockets);
  const sockError = sockets.find((s) => s.error)?.error?.message;
  if (status.state === "error" || sockError) return badge("error", status.detail ?? sockError);
  if (status.state === "killed") return badge("killed", status.detail);
  if (status.state === "stopped") return badge("stopped", status.detail);
  if (status.state === "paused") return badge("paused", status.detail);
  if (status.state === "starting") return badge("starting", status.detail);
  switch (status.activity) {
    case "waiting":
    case "stuck":
    case "retrying":
    case "gave-up":
      return badge(status.activity, status.detail);
    default:
      break;
  }
  // inproc has no handshake for the monitor to report: a dialled inproc peer counts as connected.
  const dialling = sockets.filter((s) => s.connecting.length > 0);
  const waiting = (s: (typeof sockets)[number]) =>
    s.peers === 0 && s.connecting.some((a) => !a.startsWith("inproc://"));
  if (dialling.length && dialling.every(waiting)) return badge("connecting", status.detail);
  // A connected REQ between round trips: "idle" is its state machine's word for ready.
  if (status.activity === "idle") return { ...badge("idle", status.detail), tone: "ok" };
  if (dialling.length) return badge("connected", status.detail);
  if (sockets.some((s) => s.bound.length > 0)) return badge("bound", status.detail);
  return badge("running", status.detail);
}

/** States that say more than "held": a node that is down or failed is not waiting on step mode. */
const BEATS_HELD = new Set<BadgeKey>(["error", "killed", "stopped", "paused"]);

/**
 * A send of this node is held by step mode: that is the node's state (not REQ's own waiting, not
 * stuck), until Next or Release lets it go.
 */
export function withHeld(b: Badge, held: boolean): Badge {
  return held && !BEATS_HELD.has(b.key) ? badge("held") : b;
}
