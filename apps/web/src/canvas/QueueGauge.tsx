/**
 * The gauge on a link: messages in flight against the link's capacity (the sender's send HWM plus
 * the receiver's receive HWM), coloured like NiFi's back-pressure bars. Its number is the engine's
 * exact count (gaugeModel.ts), never what the particle layer drew. A click opens "list queue".
 *
 * React renders the element once per link and position; gaugePaint.ts fills in its numbers,
 * colour and words from one store subscription, so a queues change re-renders no component.
 */
import { EdgeLabelRenderer } from "@xyflow/react";
import { memo, useCallback } from "react";
import { appStore, useApp } from "../store/index.js";
import { shownRunning } from "../replay/shown.js";
import { gaugeInputs, gaugeOf } from "./gaugeModel.js";
import { attachGauge, hoverGauge } from "./gaugePaint.js";

function open(id: string) {
  const st = appStore.getState();
  st.select({ nodes: [], links: [id] });
  st.setOpenQueue({ link: id, from: gaugeOf(gaugeInputs(st), id)?.from ?? "" });
  st.setSidePanel("inspector");
  if (st.sidePinned === false) st.setSidePinned(true);
}

const enter = (e: { currentTarget: HTMLElement }) => hoverGauge(e.currentTarget);
const leave = () => hoverGauge(null);

export const QueueGauge = memo(function QueueGauge({
  id,
  x,
  y,
}: {
  id: string;
  x: number;
  y: number;
}) {
  const running = useApp(shownRunning);
  // Attached while the element exists (React 19 calls the returned cleanup on unmount).
  const attach = useCallback(
    (el: HTMLButtonElement | null) => (el ? attachGauge(id, el) : undefined),
    [id],
  );
  if (!running) return null;
  return (
    <EdgeLabelRenderer>
      <button
        type="button"
        ref={attach}
        className="zq-gauge nodrag nopan"
        style={{ transform: `translate(-50%, 0) translate(${x}px, ${y + 11}px)` }}
        data-testid={`link.${id}.gauge`}
        onClick={() => open(id)}
        onPointerEnter={enter}
        onPointerLeave={leave}
        onFocus={enter}
        onBlur={leave}
      >
        <span className="zq-bar" aria-hidden="true">
          <span className="zq-fill" data-part="fill" />
        </span>
        <span className="zq-num">
          <span data-part="num" />
          <span className="zq-of" data-part="of" />
        </span>
        {/* One glyph: the card of the sender says what happens in words (NodePipe.tsx), and a
            word here would push the gauge under the cards of closely placed nodes. */}
        <span className="zq-state" data-part="state" data-testid={`link.${id}.pipe`} hidden>
          !
        </span>
      </button>
    </EdgeLabelRenderer>
  );
});
