/**
 * What a link's gauge says, from the store alone: the fullest direction's messages in flight
 * against its capacity (the engine's exact numbers from the last applied `queues` event), its
 * colour band and its pipe state. Pure, so it is unit-tested; the painter (gaugePaint.ts) writes
 * it to the page, the tooltip (gaugeTitle) says every direction.
 */
import { canReceive, canSend, LIMITS, type GraphDoc } from "@zmqp/protocol";
import type { TFunction } from "i18next";
import { sayWith } from "../i18n/say.js";
import { shown, shownNow, shownRunning } from "../replay/shown.js";
import type { AppState } from "../store/index.js";
import {
  endName,
  gaugeTone,
  type GaugeTone,
  linkPipes,
  linkQueues,
  nameOf,
  oldestAge,
  type PipeState,
  type QueuesState,
  tcpNote,
} from "../store/queuesSlice.js";

export interface GaugeModel {
  inFlight: number;
  total: number;
  /** False when the engine split the newest sends of a PUSH or DEALER among its links by turn. */
  exact: boolean;
  /** Over tcp the kernel's buffers hold more than the HWMs: "/20+" (the tooltip says how much). */
  tcp: boolean;
  /** The sending end of the direction shown (`node/socket`), for "list queue". */
  from: string;
  state: PipeState["state"];
  tone: GaugeTone;
  /** The bar's fill, 0..1. */
  fill: number;
}

/**
 * What a gauge is computed from: the queues shown (live, or at the timeline's moment), whether
 * the run shown was running then, and the document it ran (for the capacity of an idle link).
 */
export interface GaugeInputs {
  queues: QueuesState;
  running: boolean;
  doc: GraphDoc | null;
}

/** The gauge inputs of the page now: a replayed moment is shown whole, never half live. */
export function gaugeInputs(s: AppState): GaugeInputs {
  return {
    queues: shown(s).queues,
    running: shownRunning(s),
    // An opened recording's document is the one on the canvas; a run's past ran the live one.
    doc: s.replay?.source === "file" ? s.doc : s.run.doc,
  };
}

/**
 * The gauge of a link, or null when it shows none: nothing runs, or the running document does not
 * have the link (drawn, not yet applied). A link with nothing in flight is absent from `queues`
 * events: it reads 0 against the capacity the running document gives.
 */
export function gaugeOf(s: GaugeInputs, link: string): GaugeModel | null {
  if (!s.running) return null;
  const q = linkQueues(s.queues, link)[0];
  const total = q ? q.capacity.total : idleCapacity(s.doc, link);
  if (total < 0) return null;
  const inFlight = q?.inFlight ?? 0;
  const state = (q && linkPipes(s.queues, q)[0]?.state) || "ok";
  return {
    inFlight,
    total,
    exact: q?.exact ?? true,
    tcp: q?.transport === "tcp",
    from: q ? endName(q.from) : "",
    state,
    tone: gaugeTone(inFlight, total, state !== "ok"),
    fill: total > 0 ? Math.min(1, inFlight / total) : inFlight > 0 ? 1 : 0,
  };
}

/**
 * The links whose gauge is red, once per queues state (a lookup for each edge's selector, which
 * runs on every batch): the edge itself is drawn red too, at any zoom.
 */
export function fullLinks(s: QueuesState): ReadonlySet<string> {
  let out = FULL.get(s);
  if (!out) {
    out = new Set();
    for (const [link, list] of Object.entries(s.byLink)) {
      const q = list[0];
      if (!q) continue;
      const blocked = linkPipes(s, q).some((p) => p.state !== "ok");
      if (gaugeTone(q.inFlight, q.capacity.total, blocked) === "full") out.add(link);
    }
    FULL.set(s, out);
  }
  return out;
}

const FULL = new WeakMap<QueuesState, Set<string>>();

function idleCapacity(doc: GraphDoc | null, link: string): number {
  if (!doc) return -1;
  let caps = IDLE.get(doc);
  if (!caps) IDLE.set(doc, (caps = new Map()));
  let cap = caps.get(link);
  if (cap === undefined) caps.set(link, (cap = docCapacity(doc, link)));
  return cap;
}

/** Per running document (its object is replaced on every change): link id → capacity. */
const IDLE = new WeakMap<GraphDoc, Map<string, number>>();

/** The sender's send HWM plus the receiver's receive HWM; PUB → SUB runs bind → connect. */
function docCapacity(doc: GraphDoc, link: string): number {
  const l = doc.links.find((x) => x.id === link);
  if (!l) return -1;
  const sock = (r: { node: string; socket: string }) =>
    doc.nodes.find((n) => n.id === r.node)?.sockets.find((x) => x.id === r.socket);
  const a = sock(l.from);
  const b = sock(l.to);
  if (!a || !b) return -1;
  const [sender, receiver] = canSend(a.type) && canReceive(b.type) ? [a, b] : [b, a];
  return (
    (sender.options?.sendHighWaterMark ?? LIMITS.highWaterMark) +
    (receiver.options?.receiveHighWaterMark ?? LIMITS.highWaterMark)
  );
}

/** "3.2 s", "450 ms": the age of the oldest message waiting. */
export function shortAge(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/**
 * The tooltip, built only for the gauge under the pointer: every direction of the link (in flight
 * of what, the oldest message's age, the tcp note), the pipe's reason, and what a click does.
 */
export function gaugeTitle(t: TFunction, s: AppState, link: string): string {
  const queues = shown(s).queues;
  const now = shownNow(s);
  const lines = linkQueues(queues, link).map((q) => {
    const parts = [
      t("queue.gaugeTitle", {
        from: nameOf(s, q.from.node),
        to: nameOf(s, q.to.node),
        count: q.inFlight,
        total: q.capacity.total,
        send: q.capacity.sendHwm,
        recv: q.capacity.recvHwm,
      }),
    ];
    const age = oldestAge(q, queues, now);
    if (age !== null) parts.push(t("queue.oldest", { age: shortAge(age) }));
    if (q.capacity.held) parts.push(t("queue.held", { to: nameOf(s, q.to.node) }));
    if (q.transport === "tcp") parts.push(sayWith(t, tcpNote(q)));
    if (!q.exact) parts.push(t("queue.estimated"));
    return parts.join(" · ");
  });
  const q = linkQueues(queues, link)[0];
  const pipe = q ? linkPipes(queues, q)[0] : undefined;
  if (pipe?.reason) lines.push(sayWith(t, pipe.reason));
  lines.push(t("queue.clickToList"));
  return lines.filter(Boolean).join("\n");
}
