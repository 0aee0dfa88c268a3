/**
 * The gauge on a link: messages in flight against the link's capacity (the sender's send HWM plus
 * the receiver's receive HWM), coloured like NiFi's back-pressure bars. Its number is the engine's
 * exact count (queuesSlice.ts), never what the particle layer drew. A click opens "list queue".
 */
import { EdgeLabelRenderer } from "@xyflow/react";
import { canReceive, canSend, LIMITS, type GraphDoc } from "@zmqp/protocol";
import type { TFunction } from "i18next";
import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import { sayWith } from "../i18n/say.js";
import { appStore, useApp, type AppState } from "../store/index.js";
import {
  endName,
  gaugeTone,
  linkPipes,
  linkQueues,
  type LinkQueue,
  nameOf,
  tcpNote,
  type PipeState,
  type QueuesState,
} from "../store/queuesSlice.js";
import { shown as shownRuntime, shownRunning } from "../replay/shown.js";

/** The direction the gauge shows (the fullest) and whether a pipe on it is full. */
function shown(s: QueuesState, link: string): { q: LinkQueue; full: boolean } | null {
  const q = linkQueues(s, link)[0];
  if (!q) return null;
  return { q, full: linkPipes(s, q).some((p) => p.state !== "ok") };
}

/**
 * A link with nothing in flight is absent from `queues` events: its gauge reads 0 against the
 * capacity the running document gives the way its messages go (the sender's send HWM plus the
 * receiver's receive HWM; PUB → SUB runs bind → connect, PUSH → PULL either way).
 */
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

/** Whether the link's gauge is red: the edge itself is drawn red too (zoomed out as well). */
export function linkFull(s: QueuesState, link: string): boolean {
  const v = shown(s, link);
  return !!v && gaugeTone(v.q.inFlight, v.q.capacity.total, v.full) === "full";
}

/** "3.2 s", "450 ms": the age of the oldest message waiting. */
export function shortAge(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Every direction of the link, one line each: in flight of what, oldest, the tcp note. */
function gaugeTitle(t: TFunction, s: AppState, id: string): string {
  return linkQueues(shownRuntime(s).queues, id)
    .map((q) => {
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
      if (q.oldestAgeMs !== null && q.inFlight > 0)
        parts.push(t("queue.oldest", { age: shortAge(q.oldestAgeMs) }));
      if (q.transport === "tcp") parts.push(sayWith(t, tcpNote(q)));
      if (!q.exact) parts.push(t("queue.estimated"));
      return parts.join(" · ");
    })
    .join("\n");
}

/**
 * Selectors run on every batch for every gauge: two lookups, returning the engine's objects
 * (replaced at most every QUEUES_DRAW_MS). The drawing is a memo of primitives below them.
 */
export function QueueGauge({ id, x, y }: { id: string; x: number; y: number }) {
  const running = useApp(shownRunning);
  const q = useApp((s) => linkQueues(shownRuntime(s).queues, id)[0]);
  const pipe = useApp((s) => (q ? linkPipes(shownRuntime(s).queues, q)[0] : undefined));
  const idle = useApp((s) => (q ? 0 : idleCapacity(s.run.doc, id)));
  const total = q ? q.capacity.total : idle;
  if (!running || total < 0) return null;
  return (
    <GaugeView
      id={id}
      x={x}
      y={y}
      inFlight={q?.inFlight ?? 0}
      total={total}
      exact={q?.exact ?? true}
      tcp={q?.transport === "tcp"}
      from={q ? endName(q.from) : ""}
      pipe={pipe}
    />
  );
}

interface ViewProps {
  id: string;
  x: number;
  y: number;
  inFlight: number;
  total: number;
  exact: boolean;
  /** Over tcp the kernel's buffers hold more than the HWMs: "/20+" (the tooltip says how much). */
  tcp: boolean;
  from: string;
  pipe: PipeState | undefined;
}

const GaugeView = memo(function GaugeView({
  id,
  x,
  y,
  inFlight,
  total,
  exact,
  tcp,
  from,
  pipe,
}: ViewProps) {
  const { t } = useTranslation();
  // The tooltip is built only while the pointer is on the gauge: 150 gauges building sentences on
  // every batch cost the page its frames.
  const [hover, setHover] = useState(false);
  const title = useApp((s) => (hover ? gaugeTitle(t, s, id) : ""));
  const state = pipe?.state ?? "ok";
  const reason = pipe && hover ? sayWith(t, pipe.reason) : "";
  const tone = gaugeTone(inFlight, total, state !== "ok");
  const pct = total > 0 ? Math.min(100, (inFlight / total) * 100) : inFlight > 0 ? 100 : 0;
  const open = () => {
    const st = appStore.getState();
    st.select({ nodes: [], links: [id] });
    st.setOpenQueue({ link: id, from });
    st.setSidePanel("inspector");
    if (st.sidePinned === false) st.setSidePinned(true);
  };
  return (
    <EdgeLabelRenderer>
      <button
        type="button"
        className={`zq-gauge nodrag nopan ${tone}`}
        style={{ transform: `translate(-50%, 0) translate(${x}px, ${y + 11}px)` }}
        title={
          hover
            ? [title, reason, t("queue.clickToList")].filter(Boolean).join("\n")
            : t(`queue.state.${state}`)
        }
        aria-label={t("queue.gaugeLabel", { count: inFlight, total })}
        data-testid={`link.${id}.gauge`}
        data-in-flight={inFlight}
        data-capacity={total}
        data-tone={tone}
        data-state={state}
        onClick={open}
        onPointerEnter={() => setHover(true)}
        onPointerLeave={() => setHover(false)}
        onFocus={() => setHover(true)}
        onBlur={() => setHover(false)}
      >
        <span className="zq-bar" aria-hidden="true">
          <span className="zq-fill" style={{ transform: `scaleX(${pct / 100})` }} />
        </span>
        <span className="zq-num">
          {exact ? "" : "≈"}
          {inFlight}
          <span className="zq-of">
            /{total}
            {tcp ? "+" : ""}
          </span>
        </span>
        {state !== "ok" && (
          // One glyph: the card of the sender says what happens in words (NodePipe.tsx), and a
          // word here would push the gauge under the cards of closely placed nodes.
          <span
            className="zq-state"
            data-testid={`link.${id}.pipe`}
            aria-label={t(`queue.state.${state}`)}
          >
            !
          </span>
        )}
      </button>
    </EdgeLabelRenderer>
  );
});
